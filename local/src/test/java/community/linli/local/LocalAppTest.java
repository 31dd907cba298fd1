package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.testkit.MutableClock;
import community.linli.platform.Env;
import community.linli.overduesweep.Escalation;
import community.linli.overduesweep.OverdueSweepHandler;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.directory.DirectoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import com.nimbusds.jwt.JWTClaimsSet;
import community.linli.testkit.LocalTokens;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.MotoServer;
import community.linli.testkit.OpenApiContract;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local app on the real template.yaml, over real HTTP, on a moto shared with the other tests:
 * what a newcomer does after {@code scripts/local}.
 */
@ExtendWith(MotoExtension.class)
class LocalAppTest {
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(10);
    static final String ALLOWED_ORIGIN = "https://servicewechat.com";

    @TempDir
    static Path dir;
    static final ConsoleCapture console = new ConsoleCapture();
    static LocalApp app;
    static MotoServer moto;
    static final HttpClient http = HttpClient.newHttpClient();

    final String submitBody = Json.parse(HttpEvents.fixtureJson("requests-submit.json"), JsonNode.class).path("body").asText();

    @BeforeAll
    static void start(MotoServer server) {
        moto = server;
        app = LocalApp.start(moto, new LocalApp.Settings(Template.load(), "app-", 0, dir.resolve("tokens.env"), console.stream()));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    /** A fresh access token of the demo resident, as the mini-program gets one. */
    static String resident() {
        return app.signIn("demo-resident").path("accessToken").asText();
    }

    static JWTClaimsSet.Builder claims(Persona persona) {
        return KmsSignedTokens.claims(app.issuer(), app.audience(), persona, Duration.ofMinutes(5));
    }

    // ------------------------------------------------------------------ the requests slice through the gateway

    @Test
    void post_withResidentToken_returns201WithLocation() throws Exception {
        String token = resident();

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = Json.parse(response.body(), JsonNode.class);
        assertThat(response.headers().firstValue("Location")).hasValue("/requests/" + body.get("id").asText());
        assertThat(body.at("/location/gridId").asText()).as("the seeded demo directory").isEqualTo("G03");
    }

    @Test
    void get_ofASubmittedRequest_byItsRequester_returns200() throws Exception {
        String token = resident();
        String location = send(post("/requests", submitBody).header("Authorization", "Bearer " + token))
                .headers().firstValue("Location").orElseThrow();

        HttpResponse<String> response = send(request(location).header("Authorization", "Bearer " + token).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body(), JsonNode.class).get("category").asText()).isEqualTo("elevator");
    }

    @Test
    void post_withABareTokenWithoutBearer_isAcceptedLikeApiGateway() throws Exception {
        String token = resident();

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", token));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    // ------------------------------------------------------------------ the staff registry, seeded through its store

    @Test
    void staffRegistry_isSeeded_maskedForStaff_andInFullForAdmins() throws Exception {
        String staffToken = app.signIn("demo-staff").path("accessToken").asText();
        String adminToken = app.signIn("demo-admin").path("accessToken").asText();

        HttpResponse<String> list = send(request("/staff?limit=100").header("Authorization", "Bearer " + staffToken).GET());
        HttpResponse<String> one = send(request("/staff/" + DemoCommunity.GRID_WORKER_ID).header("Authorization", "Bearer " + adminToken).GET());

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode items = Json.parse(list.body(), JsonNode.class).get("items");
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        assertThat(ids).as("the seeded registry (another test may have added someone)")
                .containsAll(DemoCommunity.staff().stream().map(DemoCommunity.StaffSeed::staffId).toList());
        assertThat(list.body()).doesNotContain(DemoCommunity.STAFF_PHONE).contains("139****0002");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Json.parse(one.body(), JsonNode.class).get("phone").asText()).isEqualTo(DemoCommunity.gridWorkerPhone(3));
    }

    @Test
    void aStaffMemberAnAdminRegisters_signsIn_sharesTheirPhone_andGetsStaffRightsOnTheNextToken() throws Exception {
        String adminToken = app.signIn("demo-admin").path("accessToken").asText();
        HttpResponse<String> registered = send(post("/staff", Json.write(Map.of("name", "李强", "phone", "13911112222",
                "role", "staff", "gridIds", List.of()))).header("Authorization", "Bearer " + adminToken));
        JsonNode newcomer = app.signIn("demo-li-qiang");
        String firstToken = newcomer.path("accessToken").asText();

        HttpResponse<String> before = send(request("/requests?limit=5").header("Authorization", "Bearer " + firstToken).GET());
        HttpResponse<String> shared = send(post("/auth/phone", "{\"code\":\"demo-phone-13911112222\"}")
                .header("Authorization", "Bearer " + firstToken));
        HttpResponse<String> refreshed = send(post("/auth/refresh",
                Json.write(Map.of("refreshToken", newcomer.path("refreshToken").asText()))));
        String nextToken = Json.parse(refreshed.body(), JsonNode.class).path("accessToken").asText();
        HttpResponse<String> after = send(request("/requests?limit=5").header("Authorization", "Bearer " + nextToken).GET());

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(before.statusCode()).as("no community yet").isEqualTo(403);
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
        assertThat(Json.parse(shared.body(), JsonNode.class).path("registered").asBoolean()).isTrue();
        assertThat(app.verify(nextToken)).containsEntry("community_id", "demo").containsEntry("groups", List.of("staff"));
        assertThat(after.statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ onboarding (issue 8's "done when")

    @Test
    void aResidentWhosePhoneIsRegistered_isLinkedAtOnce_anotherIsApproved_andBothRequestsReachTheirGridsInbox() throws Exception {
        String room = "{\"communityId\":\"demo\",\"buildingId\":\"B0302\",\"unitId\":\"1\",\"roomId\":\"101\",";
        JsonNode zhang = app.signIn("demo-zhang-ming");
        String zhangFirst = zhang.path("accessToken").asText();
        HttpResponse<String> phone = send(post("/auth/phone", "{\"code\":\"demo-phone-" + DemoCommunity.PHONE_RESIDENT_PHONE + "\"}")
                .header("Authorization", "Bearer " + zhangFirst));
        HttpResponse<String> atOnce = send(post("/applications", room + "\"name\":\"张明\",\"relation\":\"head\"}")
                .header("Authorization", "Bearer " + zhangFirst));
        String zhangToken = refreshed(zhang);

        JsonNode wang = app.signIn("demo-newcomer-wang-fang");
        String wangFirst = wang.path("accessToken").asText();
        HttpResponse<String> applied = send(post("/applications", room + "\"name\":\"王芳\",\"relation\":\"spouse\"}")
                .header("Authorization", "Bearer " + wangFirst));
        String applicationId = Json.parse(applied.body(), JsonNode.class).path("id").asText();
        String gridWorker = app.signIn("demo-grid-worker").path("accessToken").asText();
        HttpResponse<String> pending = send(request("/applications?grid=G03").header("Authorization", "Bearer " + gridWorker).GET());
        HttpResponse<String> approved = send(post("/applications/" + applicationId + "/approval",
                "{\"householdId\":\"" + DemoCommunity.SECOND_HOUSEHOLD_ID + "\",\"idNumber\":\"630102199003150044\",\"residenceType\":\"permanent\"}")
                .header("Authorization", "Bearer " + gridWorker));
        HttpResponse<String> status = send(request("/applications/mine").header("Authorization", "Bearer " + wangFirst).GET());
        String wangToken = refreshed(wang);

        String submit = "{\"category\":\"facilities\",\"description\":\"楼道灯不亮\",\"location\":{\"buildingId\":\"B0302\",\"unitId\":\"1\",\"roomId\":\"101\"}}";
        HttpResponse<String> zhangRequest = send(post("/requests", submit).header("Authorization", "Bearer " + zhangToken));
        HttpResponse<String> wangRequest = send(post("/requests", submit).header("Authorization", "Bearer " + wangToken));
        HttpResponse<String> inbox = send(request("/requests?grid=G03&limit=100").header("Authorization", "Bearer " + gridWorker).GET());

        assertThat(phone.statusCode()).as(phone.body()).isEqualTo(200);
        assertThat(atOnce.statusCode()).as(atOnce.body()).isEqualTo(201);
        assertThat(Json.parse(atOnce.body(), JsonNode.class).path("status").asText()).isEqualTo("linked");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(Json.parse(applied.body(), JsonNode.class).path("status").asText()).isEqualTo("pending");
        assertThat(pending.body()).contains(applicationId);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(Json.parse(status.body(), JsonNode.class).path("items").get(0).path("status").asText()).isEqualTo("linked");
        for (String token : List.of(zhangToken, wangToken)) {
            assertThat(app.verify(token)).containsEntry("community_id", "demo").containsEntry("groups", List.of("residents"))
                    .containsEntry("grid_ids", List.of("G03")).containsEntry("household_id", DemoCommunity.SECOND_HOUSEHOLD_ID);
        }
        assertThat(app.verify(zhangToken)).containsEntry("resident_id", DemoCommunity.PHONE_RESIDENT_ID);
        assertThat(zhangRequest.statusCode()).as(zhangRequest.body()).isEqualTo(201);
        assertThat(wangRequest.statusCode()).as(wangRequest.body()).isEqualTo(201);
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
        assertThat(inbox.body()).contains(Json.parse(zhangRequest.body(), JsonNode.class).path("id").asText(),
                Json.parse(wangRequest.body(), JsonNode.class).path("id").asText());
    }

    @Test
    void anEmergencyNotice_isAcknowledgedOncePerHousehold_theDashboardCountsDown_andTheAnswersExportAsCsv() throws Exception {
        JsonNode li = app.signIn("demo-li-jianguo");
        String liFirst = li.path("accessToken").asText();
        send(post("/auth/phone", "{\"code\":\"demo-phone-" + DemoCommunity.HEAD_PHONE + "\"}").header("Authorization", "Bearer " + liFirst));
        HttpResponse<String> linked = send(post("/applications", "{\"communityId\":\"demo\",\"buildingId\":\"B0301\",\"unitId\":\"1\","
                + "\"roomId\":\"302\",\"name\":\"李建国\",\"relation\":\"head\"}").header("Authorization", "Bearer " + liFirst));
        String liToken = refreshed(li);
        String staff = app.signIn("demo-staff").path("accessToken").asText();
        String gridWorker = app.signIn("demo-grid-worker").path("accessToken").asText();
        String draft = "{\"title\":\"燃气泄漏紧急通知\",\"body\":\"请关闭燃气阀门、开窗通风。\",\"kind\":\"emergency\","
                + "\"audience\":{\"kind\":\"grids\",\"gridIds\":[\"G03\"]},\"expiresAt\":\"2030-01-01T00:00:00.000Z\",\"form\":["
                + "{\"id\":\"returned\",\"label\":\"家中是否有外地返回人员\",\"type\":\"single_choice\",\"required\":true,\"options\":[\"是\",\"否\"]},"
                + "{\"id\":\"medicine\",\"label\":\"需要代购的药品\",\"type\":\"multi_choice\",\"options\":[\"降压药\",\"感冒药\"]}]}";
        String id = Json.parse(send(post("/notices", draft).header("Authorization", "Bearer " + staff)).body(), JsonNode.class).path("id").asText();
        send(post("/notices/" + id + "/publication", "{\"version\":1}").header("Authorization", "Bearer " + staff));
        HttpRequest.Builder dashboard = request("/notices/" + id + "/households?gridId=G03").header("Authorization", "Bearer " + gridWorker).GET();

        JsonNode before = Json.parse(send(dashboard).body(), JsonNode.class).at("/grids/0");
        HttpResponse<String> acknowledged = send(post("/notices/" + id + "/acknowledgement", "").header("Authorization", "Bearer " + liToken));
        HttpResponse<String> again = send(post("/notices/" + id + "/acknowledgement", "").header("Authorization", "Bearer " + liToken));
        HttpResponse<String> answered = send(request("/notices/" + id + "/answer").header("Authorization", "Bearer " + liToken)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"answers\":{\"returned\":\"否\",\"medicine\":[\"降压药\"]}}")));
        JsonNode after = Json.parse(send(dashboard).body(), JsonNode.class).at("/grids/0");
        HttpResponse<String> csv = send(request("/notices/" + id + "/answers?gridId=G03").header("Authorization", "Bearer " + gridWorker).GET());

        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already_acknowledged");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(after.path("acknowledged").asInt()).isEqualTo(before.path("acknowledged").asInt() + 1);
        assertThat(after.path("answered").asInt()).isEqualTo(before.path("answered").asInt() + 1);
        assertThat(before.path("notAcknowledged").toString()).contains(DemoCommunity.HOUSEHOLD_ID);
        assertThat(after.path("notAcknowledged").toString()).doesNotContain(DemoCommunity.HOUSEHOLD_ID);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("\uFEFF网格,楼栋,单元,房号,填写时间,家中是否有外地返回人员,需要代购的药品\r\n")
                .contains("G03,B0301,1,302,").contains(",否,降压药\r\n");
    }

    /**
     * Issue 9's "an emergency notice with a two-question form prints SMS alerts on the local console":
     * its publication, the NoticesTable's stream, AlertsFunction, the topic, the console.
     */
    @Test
    void anEmergencyNoticeToG03_printsAnSmsToG03sGridWorker_throughTheNoticesStream_andNoneToAnotherGrids() throws Exception {
        String staff = app.signIn("demo-staff").path("accessToken").asText();
        String title = "燃气泄漏 " + (System.nanoTime() % 100_000);
        String draft = "{\"title\":\"" + title + "\",\"body\":\"请关闭燃气阀门、开窗通风。\",\"kind\":\"emergency\","
                + "\"audience\":{\"kind\":\"grids\",\"gridIds\":[\"G03\"]},\"expiresAt\":\"2030-01-01T00:00:00.000Z\",\"form\":["
                + "{\"id\":\"returned\",\"label\":\"家中是否有外地返回人员\",\"type\":\"single_choice\",\"required\":true,\"options\":[\"是\",\"否\"]},"
                + "{\"id\":\"medicine\",\"label\":\"需要代购的药品\",\"type\":\"multi_choice\",\"options\":[\"降压药\",\"感冒药\"]}]}";
        String id = Json.parse(send(post("/notices", draft).header("Authorization", "Bearer " + staff)).body(), JsonNode.class).path("id").asText();

        HttpResponse<String> published = send(post("/notices/" + id + "/publication", "{\"version\":1}").header("Authorization", "Bearer " + staff));

        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        String sms = "SMS to demo-grid-worker (grid_worker, G03) on AlertsTopic\n    【紧急通知】" + title + "。https://linli.community/m/n/" + id + "\n";
        // The trigger prints its batch's line when the invocation returns, which may be after the console printed the SMS.
        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains(sms) && console.text().contains("NoticesTable -> AlertsFunction: 1 record(s) OK"),
                console::text);
        assertThat(console.text()).doesNotContainPattern("SMS to demo-grid-worker-g\\d\\d [^\\n]*\\n    【紧急通知】" + title);
    }

    /** The access token a refresh with {@code signedIn}'s refresh token gives: what the account item says now. */
    static String refreshed(JsonNode signedIn) throws Exception {
        HttpResponse<String> response = send(post("/auth/refresh", Json.write(Map.of("refreshToken", signedIn.path("refreshToken").asText()))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body(), JsonNode.class).path("accessToken").asText();
    }

    // ------------------------------------------------------------------ the JWT authorizer

    @Test
    void post_withoutToken_returns401WithoutCallingTheFunction() throws Exception {
        long before = app.function("RequestsFunction").invocations();

        HttpResponse<String> response = send(post("/requests", submitBody));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(app.function("RequestsFunction").invocations()).isEqualTo(before);
    }

    @Test
    void post_withExpiredToken_returns401WithoutCallingTheFunction() throws Exception {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        String expired = KmsSignedTokens.issuerKey(app.aws()).sign(claims(Persona.resident())
                .issueTime(Date.from(anHourAgo)).expirationTime(Date.from(anHourAgo.plusSeconds(300))).build());
        long before = app.function("RequestsFunction").invocations();

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + expired));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).contains("expired"));
        assertThat(app.function("RequestsFunction").invocations()).isEqualTo(before);
    }

    /** The gateway's own answers are the ones openapi.yaml documents: its 401 on the route, its 404 for a method without a route. */
    @Test
    void gatewayAnswers_withoutOrWithARefusedToken_orWithoutARoute_areTheOnesOpenApiDocuments() throws Exception {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        String expired = KmsSignedTokens.issuerKey(app.aws()).sign(claims(Persona.resident())
                .issueTime(Date.from(anHourAgo)).expirationTime(Date.from(anHourAgo.plusSeconds(300))).build());

        HttpResponse<String> none = send(post("/requests", submitBody));
        HttpResponse<String> refused = send(post("/requests", submitBody).header("Authorization", "Bearer " + expired));
        HttpResponse<String> noRoute = send(request("/requests").method("DELETE", HttpRequest.BodyPublishers.noBody()));

        OpenApiContract contract = OpenApiContract.load();
        contract.assertResponse("POST", "/requests", 401, firstValues(none), none.body());
        contract.assertResponse("POST", "/requests", 401, firstValues(refused), refused.body());
        assertThat(none.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(none.headers().firstValue("www-authenticate")).isEmpty();
        assertThat(refused.headers().firstValue("www-authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer scope=\"\" error=\"invalid_token\" error_description=\""));
        assertThat(none.headers().firstValue("cache-control")).isEmpty();
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(noRoute.headers().firstValue("allow")).isEmpty();
    }

    private static Map<String, String> firstValues(HttpResponse<?> response) {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> headers.put(name, values.getFirst()));
        return headers;
    }

    @Test
    void post_withAForgedToken_returns401() throws Exception {
        LocalTokens impostor = LocalTokens.generate(app.issuer(), app.audience(), java.time.Clock.systemUTC());
        String forged = impostor.mint(Persona.admin(), Duration.ofMinutes(5));

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + forged));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    void post_withATokenSignedByAKmsKeyTheIssuerNeverPublished_returns401() throws Exception {
        String token = KmsSignedTokens.unpublishedKey(app.aws()).sign(claims(Persona.admin()).build());

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).contains("key"));
    }

    @Test
    void post_withATokenTheIssuersKeySignedForTheRightIssuerAndAudience_isAccepted() throws Exception {
        String token = KmsSignedTokens.issuerKey(app.aws()).sign(claims(Persona.resident()).build());

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).as("the control for the refusals around it").isEqualTo(201);
    }

    @Test
    void post_withTokenForAnotherAudience_returns401() throws Exception {
        String token = KmsSignedTokens.issuerKey(app.aws()).sign(claims(Persona.resident()).audience("another-app").build());

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).contains("audience"));
    }

    @Test
    void post_withTokenFromAnotherIssuer_returns401() throws Exception {
        String token = KmsSignedTokens.issuerKey(app.aws()).sign(claims(Persona.resident())
                .issuer("https://auth.elsewhere.example").build());

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void post_withTokenNotValidYet_returns401() throws Exception {
        String token = KmsSignedTokens.issuerKey(app.aws()).sign(claims(Persona.resident())
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(1)))).build());

        HttpResponse<String> response = send(post("/requests", submitBody).header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ sign-in through the AuthApi

    @Test
    void signIn_withEachDemoCode_givesThatDemoUsersRolesInTheDemoCommunity() throws Exception {
        Map<String, String> expected = Map.of("demo-resident", "residents", "demo-grid-worker", "grid-workers",
                "demo-staff", "staff", "demo-admin", "admins");

        for (var entry : expected.entrySet()) {
            Map<String, Object> claims = app.verify(app.signIn(entry.getKey()).path("accessToken").asText());

            assertThat(claims).containsEntry("sub", entry.getKey()).containsEntry("community_id", "demo")
                    .containsEntry("groups", List.of(entry.getValue()));
        }
    }

    @Test
    void signIn_asTheResidentOfG05_givesTheThirdGridOfTheWalkthrough() throws Exception {
        Map<String, Object> claims = app.verify(app.signIn("demo-resident-g05").path("accessToken").asText());

        assertThat(claims).containsEntry("groups", List.of("residents")).containsEntry("grid_ids", List.of("G05"));
    }

    @Test
    void refresh_thenLogout_throughTheGatewayWithoutAnAccessToken() throws Exception {
        String refreshToken = app.signIn("demo-staff").path("refreshToken").asText();

        HttpResponse<String> refreshed = send(post("/auth/refresh", Json.write(Map.of("refreshToken", refreshToken))));
        String next = Json.parse(refreshed.body(), JsonNode.class).path("refreshToken").asText();
        HttpResponse<String> loggedOut = send(post("/auth/logout", Json.write(Map.of("refreshToken", next))));
        HttpResponse<String> afterLogout = send(post("/auth/refresh", Json.write(Map.of("refreshToken", next))));

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(loggedOut.statusCode()).isEqualTo(204);
        assertThat(afterLogout.statusCode()).isEqualTo(401);
        assertThat(afterLogout.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    }

    @Test
    void discovery_namesTheLocalIssuerAndIsCacheable() throws Exception {
        HttpResponse<String> response = send(request("/.well-known/openid-configuration").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body(), JsonNode.class).path("issuer").asText()).isEqualTo(app.url().toString());
        assertThat(response.headers().firstValue("cache-control")).hasValue("public, max-age=300");
    }

    @Test
    void get_withAValidTokenOfAnotherCommunity_returns404FromTheFunction() throws Exception {
        String location = send(post("/requests", submitBody).header("Authorization", "Bearer " + resident()))
                .headers().firstValue("Location").orElseThrow();
        var env = app.aws().environment(LocalApp.ISSUER_FUNCTION);
        var crypto = new community.linli.platform.crypto.FieldCrypto(app.aws().kms(), env.get("FIELD_KEY_ID"), env.get("LOOKUP_KEY_ID"));
        new community.linli.tables.accounts.AccountStore(app.aws().dynamoDb(), env.get("ACCOUNTS_TABLE")).put(
                new community.linli.tables.accounts.Account("staff-elsewhere", "elsewhere",
                        java.util.Set.of(community.linli.platform.auth.Role.STAFF), List.of()),
                crypto.lookupHash(community.linli.tables.accounts.AccountStore.OPENID, "o-staff-elsewhere"), Instant.now());
        String otherStaff = app.signIn(app.wechat().loginCode("o-staff-elsewhere")).path("accessToken").asText();
        long before = app.function("RequestsFunction").invocations();

        HttpResponse<String> response = send(request(location).header("Authorization", "Bearer " + otherStaff).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(app.function("RequestsFunction").invocations()).as("the function answered, not the gateway").isEqualTo(before + 1);
    }

    // ------------------------------------------------------------------ the rest of API Gateway

    @Test
    void preflight_fromTheAllowedOrigin_returns204WithTheAllowHeadersWithoutCallingTheFunction() throws Exception {
        long before = app.function("RequestsFunction").invocations();

        HttpResponse<String> response = send(request("/requests")
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(204);
        var headers = response.headers();
        assertThat(headers.firstValue("access-control-allow-origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(headers.firstValue("access-control-allow-methods")).hasValue("GET,POST,PUT,PATCH,DELETE,OPTIONS");
        assertThat(headers.firstValue("access-control-allow-headers"))
                .hasValue("authorization,content-type,idempotency-key,if-match,accept-language");
        assertThat(headers.firstValue("access-control-max-age")).hasValue("600");
        assertThat(app.function("RequestsFunction").invocations()).isEqualTo(before);
    }

    @Test
    void preflight_fromAnotherOrigin_returns204WithoutAllowHeaders() throws Exception {
        HttpResponse<String> response = send(request("/requests")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void response_toTheAllowedOrigin_carriesAllowOriginAndTheExposedHeaders() throws Exception {
        String token = resident();

        HttpResponse<String> response = send(post("/requests", submitBody)
                .header("Authorization", "Bearer " + token).header("Origin", ALLOWED_ORIGIN));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("access-control-expose-headers")).hasValue("location,idempotent-replayed");
    }

    @Test
    void unknownRoute_returns404LikeApiGateway() throws Exception {
        HttpResponse<String> response = send(request("/no/such/route").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void knownPath_withAnotherMethod_returns404LikeApiGateway() throws Exception {
        HttpResponse<String> response = send(request("/requests").DELETE());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void post_withABodyOver10Megabytes_returns413WithoutCallingTheFunction() throws Exception {
        String token = resident();
        long before = app.function("RequestsFunction").invocations();

        HttpResponse<String> response = send(post("/requests", "x".repeat(HttpApiGateway.MAX_BODY_BYTES + 1))
                .header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(app.function("RequestsFunction").invocations()).isEqualTo(before);
    }

    @Test
    void jwks_servesThePublicKeyOnly() throws Exception {
        HttpResponse<String> response = send(request("/.well-known/jwks.json").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode key = Json.parse(response.body(), JsonNode.class).path("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.has("d")).as("the private exponent").isFalse();
    }

    // ------------------------------------------------------------------ what the console and tokens.env show

    @Test
    void alert_publishedToTheAlertsTopic_isPrintedOnTheConsole() {
        String subject = "电梯困人超时 " + System.nanoTime();

        app.aws().sns().publish(r -> r.topicArn(app.aws().arn("AlertsTopic")).subject(subject)
                .message("{\"requestId\":\"261128-0001\",\"gridId\":\"G03\"}"));

        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains("ALERT on AlertsTopic: " + subject), console::text);
        assertThat(console.text()).contains("\"gridId\" : \"G03\"");
    }

    @Test
    void anUrgentRequest_printsAnSmsToItsGridsWorker_throughTheStreamAndAlertsFunction_andNoneToAnotherGrids() throws Exception {
        String token = resident();
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(submitBody, JsonNode.class);
        body.put("urgency", "urgent");

        String id = Json.parse(send(post("/requests", Json.write(body)).header("Authorization", "Bearer " + token)).body(), JsonNode.class)
                .get("id").asText();

        String toWorker = "SMS to demo-grid-worker (grid_worker, G03) on AlertsTopic\n    新诉求" + id + "：电梯故障，";
        String toStaff = "SMS to demo-staff (staff, G03) on AlertsTopic\n    新诉求" + id + "：电梯故障，";
        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains(toWorker) && console.text().contains(toStaff), console::text);
        assertThat(console.text()).doesNotContain("SMS to demo-grid-worker-g01").contains("-> AlertsFunction: ");
        // SmsSenderFunction then sends it to the worker's own phone (the topic's SmsSenderSubscription, the SmsQueue, moto's SNS).
        String toPhone = "SMS to " + AlertConsole.maskPhone("+86" + DemoCommunity.gridWorkerPhone(3)) + "\n    新诉求" + id + "：电梯故障，";
        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains(toPhone), console::text);
        assertThat(console.text()).contains("-> SmsSenderFunction: ").doesNotContain(DemoCommunity.gridWorkerPhone(3));
    }

    /** A resident who asked for SMS updates gets the assignment's on their contact phone, through the local app's whole pipeline. */
    @Test
    void aResidentWhoAskedForSmsUpdates_getsTheAssignmentsSmsOnTheirContactPhone() throws Exception {
        var body = (ObjectNode) Json.parse(submitBody, JsonNode.class);
        body.put("contactPhone", "13800000077").put("smsUpdates", true);
        String id = Json.parse(send(post("/requests", Json.write(body)).header("Authorization", "Bearer " + resident())).body(),
                JsonNode.class).get("id").asText();

        var assigned = send(post("/requests/" + id + "/transitions", "{\"action\":\"assign\",\"version\":1,\"assignee\":\"demo-grid-worker\"}")
                .header("Authorization", "Bearer " + app.demoTokens().get("STAFF_TOKEN")));

        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        String toPhone = "SMS to " + AlertConsole.maskPhone("+8613800000077") + "\n    您的诉求" + id + "已派单";
        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains(toPhone), console::text);
        assertThat(console.text()).doesNotContain("13800000077");
    }

    /**
     * Issue 10's "a request left alone past its limit escalates once per level", on the local app's
     * own pipeline (API, table, stream, AlertsFunction, topic, console) with the template's waits
     * (2 hours to level 2, 4 more to level 3). The waits make a walkthrough step too slow, so the
     * sweep runs here on a clock the test moves forward, as the schedule would run it hours apart.
     * It moves the demo community's watermark hours ahead: the app's own schedule sweeps nothing new
     * for the rest of this class. The request is urgent, so its warning is an SMS too, which quiet
     * hours never hold (a normal one's is an email, held for the morning digest at night).
     */
    @Test
    void aRequestLeftAlone_isWarnedAt80Percent_thenEscalatesOncePerLevel_toTheGridWorkerOnDutyStaffAndHead() throws Exception {
        var body = (ObjectNode) Json.parse(submitBody, JsonNode.class);
        body.put("category", "elderly_help").put("urgency", "urgent");
        body.putObject("answers").putArray("needs").add("就医");
        String id = Json.parse(send(post("/requests", Json.write(body)).header("Authorization", "Bearer " + resident())).body(),
                JsonNode.class).get("id").asText();
        var clock = new MutableClock(Instant.now());
        var waits = Env.with(app.aws().environment("OverdueSweepFunction"),
                Escalation.Waits::fromEnv);
        var sweep = new OverdueSweepHandler(
                new RequestStore(app.aws().dynamoDb(), app.aws().name("RequestsTable"), clock),
                new DirectoryStore(app.aws().dynamoDb(), app.aws().name("DirectoryTable")), clock, waits);
        String schedule = HttpEvents.fixtureJson("overdue-sweep-schedule.json");

        for (Duration at : List.of(Duration.ofMinutes(3 * 60 + 20), Duration.ofMinutes(4 * 60 + 5), Duration.ofMinutes(6 * 60 + 10),
                Duration.ofMinutes(10 * 60 + 15), Duration.ofHours(20))) {
            clock.set(Instant.now().plus(at));
            sweep.handleRequest(new ByteArrayInputStream(schedule.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        }

        String warned = "SMS to demo-grid-worker (grid_worker, G03) on AlertsTopic\n    诉求" + id + "即将超期";
        String overdue = "SMS to demo-grid-worker (grid_worker, G03) on AlertsTopic\n    诉求" + id + "超期未办结";
        String onDuty = "SMS to demo-staff (staff, G03) on AlertsTopic\n    诉求" + id + "超期升级";
        String head = "SMS to demo-admin (admin, G03) on AlertsTopic\n    诉求" + id + "超期请督办";
        Eventually.until(ALERT_TIMEOUT, () -> List.of(warned, overdue, onDuty, head).stream().allMatch(console.text()::contains),
                console::text);
        for (String line : List.of(warned, overdue, onDuty, head)) {
            assertThat(console.text().split(Pattern.quote(line), -1)).as(line).hasSize(2);
        }
    }

    /**
     * "A non-urgent alert at 23:00 waits for the morning digest": the admin sets quiet hours around
     * the present minute (as 23:00 falls in the default 22:00 to 07:00), and the app's own
     * AlertsFunction, on the real clock, holds the request's email instead of printing it. When they
     * end, the digest run prints one email to the grid worker that lists it: AlertsFunction's handler
     * on the app's tables and topic, on a clock moved to the end of the quiet hours (as the
     * escalation test above moves the sweep's), so the test need not wait for the minute to pass.
     */
    @Test
    void aNonUrgentRequestInQuietHours_printsNothing_untilTheMorningDigestListsIt() throws Exception {
        String admin = app.demoTokens().get("ADMIN_TOKEN");
        ZonedDateTime now = ZonedDateTime.now(QUIET_ZONE).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime end = now.plusMinutes(3);
        String hours = "{\"start\":\"" + HH_MM.format(now.minusMinutes(1)) + "\",\"end\":\"" + HH_MM.format(end) + "\"}";
        assertThat(send(put("/quiet-hours", hours).header("Authorization", "Bearer " + admin)).statusCode()).isEqualTo(200);
        try {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(submitBody, JsonNode.class);
            body.put("urgency", "normal");
            String id = Json.parse(send(post("/requests", Json.write(body)).header("Authorization", "Bearer " + resident())).body(),
                    JsonNode.class).get("id").asText();

            Eventually.until(ALERT_TIMEOUT, () -> heldFor(id) > 0, console::text);
            assertThat(console.text()).doesNotContain("邻里 新诉求 " + id);
            var clock = new MutableClock(end.toInstant().plusSeconds(1));
            var environment = app.aws().environment("AlertsFunction");
            var dynamo = app.aws().dynamoDb();
            var digest = new community.linli.alerts.AlertsHandler(
                    new RequestStore(dynamo, app.aws().name("RequestsTable"), clock),
                    community.linli.tables.staff.StaffStore.reader(dynamo, app.aws().name("StaffTable")),
                    new DirectoryStore(dynamo, app.aws().name("DirectoryTable")), app.aws().sns(),
                    environment.get("ALERTS_TOPIC"), environment.get("ALERT_LINK_BASE_URL"), clock);
            var output = new ByteArrayOutputStream();
            digest.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), output, null);
            JsonNode run = Json.parse(output.toString(StandardCharsets.UTF_8), JsonNode.class);

            assertThat(run.path("digests").asInt()).as(run.toString()).isPositive();
            Eventually.until(ALERT_TIMEOUT, () -> console.text().contains("EMAIL to demo-grid-worker (grid_worker, G03) on AlertsTopic: 邻里 夜间提醒汇总"),
                    console::text);
            assertThat(console.text()).contains(". 新诉求" + id + "：电梯故障，").doesNotContain("邻里 新诉求 " + id);
            assertThat(heldFor(id)).isZero();
        } finally {
            send(put("/quiet-hours", "{\"start\":\"22:00\",\"end\":\"07:00\"}").header("Authorization", "Bearer " + admin));
        }
    }

    private static final ZoneId QUIET_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** How many alerts about the request wait for a digest (the demo community's held items). */
    private static int heldFor(String requestId) {
        return (int) app.aws().dynamoDb().query(r -> r.tableName(app.aws().name("RequestsTable")).consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("C#demo#ALERT#HELD"))))
                .items().stream().filter(item -> requestId.equals(item.get("requestId").s())).count();
    }

    @Test
    void assigning_toSomeoneOutsideTheDirectory_isRefused_toTheGridWorkerOfItsGrid_accepted_andTheyFindItAsTheirs() throws Exception {
        String id = Json.parse(send(post("/requests", submitBody).header("Authorization", "Bearer " + resident())).body(), JsonNode.class)
                .get("id").asText();
        String staff = "Bearer " + app.signIn("demo-staff").path("accessToken").asText();
        String worker = "Bearer " + app.signIn("demo-grid-worker").path("accessToken").asText();

        var stranger = send(post("/requests/" + id + "/transitions", "{\"action\":\"assign\",\"version\":1,\"assignee\":\"wang-fang\"}")
                .header("Authorization", staff));
        var assignees = send(request("/requests/" + id + "/assignees").header("Authorization", staff).GET());
        var assigned = send(post("/requests/" + id + "/transitions", "{\"action\":\"assign\",\"version\":1,\"assignee\":\"demo-grid-worker\"}")
                .header("Authorization", staff));
        var mine = send(request("/requests?assignee=me").header("Authorization", worker).GET());

        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(Json.parse(stranger.body(), JsonNode.class).at("/errors/0/field").asText()).isEqualTo("assignee");
        assertThat(Json.parse(assignees.body(), JsonNode.class).at("/items/0/staffId").asText()).isEqualTo("demo-grid-worker");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(mine.body()).contains(id);
    }

    @Test
    void theSeededAlertPreferences_areEachPersonsOwn_throughTheApi() throws Exception {
        String admin = "Bearer " + app.signIn("demo-admin").path("accessToken").asText();
        String worker = "Bearer " + app.signIn("demo-grid-worker").path("accessToken").asText();

        JsonNode admins = Json.parse(send(request("/me/alert-preferences").header("Authorization", admin).GET()).body(), JsonNode.class);
        JsonNode workers = Json.parse(send(request("/me/alert-preferences").header("Authorization", worker).GET()).body(), JsonNode.class);

        assertThat(admins.at("/kinds/low_rating/normal").asText()).isEqualTo("sms");
        assertThat(workers.at("/kinds/low_rating/normal").asText()).isEqualTo("email");
        assertThat(workers.at("/gridIds/0").asText()).isEqualTo("G03");
    }

    @Test
    void aResidentWhoAllowedUpdates_isSentAWeChatSubscribeMessageWhenTheirRequestIsAssigned_printedOnTheConsole() throws Exception {
        String token = resident();
        String staff = app.signIn("demo-staff").path("accessToken").asText();
        HttpResponse<String> allowed = send(post("/auth/subscriptions",
                "{\"code\":\"demo-resident\",\"templates\":{\"linli-request-update\":\"accept\"}}")
                .header("Authorization", "Bearer " + token));
        String id = Json.parse(send(post("/requests", submitBody).header("Authorization", "Bearer " + token)).body(), JsonNode.class)
                .get("id").asText();

        HttpResponse<String> assigned = send(post("/requests/" + id + "/transitions", "{\"action\":\"assign\",\"version\":1,"
                + "\"assignee\":\"demo-grid-worker\"}")
                .header("Authorization", "Bearer " + staff));

        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        String message = "WeChat subscribe message to o-demo-resident (template linli-request-update, page pages/requests/detail?id="
                + id + ")\n    " + id + " | 已派单 | ";
        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains(message), console::text);
        assertThat(console.text()).contains("-> ResidentUpdatesFunction: ");
    }

    @Test
    void sms_sentToAPhoneNumber_isPrintedWithTheNumberMasked() {
        String text = "【邻里】新诉求待处理 " + System.nanoTime();

        app.aws().sns().publish(r -> r.phoneNumber("+8613812345678").message(text));

        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains(text), console::text);
        assertThat(console.text()).contains("SMS to +86*******5678").doesNotContain("13812345678");
    }

    @Test
    void console_showsTheRouteAndStatusButNeverTheBody() throws Exception {
        String token = resident();

        send(post("/requests", submitBody).header("Authorization", "Bearer " + token));

        Eventually.until(ALERT_TIMEOUT, () -> console.text().contains("[api] POST /requests -> RequestsFunction 201"), console::text);
        assertThat(console.text()).doesNotContain("电梯停了").doesNotContain(token);
    }

    @Test
    void start_writesTokensEnvWithAWorkingTokenPerDemoUser() throws Exception {
        Properties env = new Properties();
        env.load(Files.newBufferedReader(dir.resolve("tokens.env"), StandardCharsets.UTF_8));

        assertThat(env.stringPropertyNames()).contains("RESIDENT_TOKEN", "GRID_WORKER_TOKEN", "STAFF_TOKEN", "ADMIN_TOKEN");
        Map<String, Object> gridWorker = app.verify(env.getProperty("GRID_WORKER_TOKEN"));
        assertThat(gridWorker).containsEntry("sub", "demo-grid-worker").containsEntry("grid_ids", List.of("G03"))
                .containsEntry("community_id", "demo").containsEntry("groups", List.of("grid-workers"))
                .containsEntry("iss", app.url().toString());
        Map<String, Object> resident = app.verify(env.getProperty("RESIDENT_TOKEN"));
        long validity = ((Number) resident.get("exp")).longValue() - ((Number) resident.get("iat")).longValue();
        assertThat(validity).as("AuthFunction's access tokens").isEqualTo(900);
        HttpResponse<String> response = send(post("/requests", submitBody)
                .header("Authorization", "Bearer " + env.getProperty("RESIDENT_TOKEN")));
        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void curlExample_readsTheCategoriesWithTheResidentToken_andWritesNothing() {
        String curl = LocalApp.curlExample(URI.create("http://localhost:3000"), "TOKEN");

        assertThat(curl).isEqualTo("curl -s http://localhost:3000/categories -H 'Authorization: Bearer TOKEN'")
                .doesNotContain("-X").doesNotContain("-d ");
    }

    // ------------------------------------------------------------------ places: issue 8's first done-when

    @Test
    void anAdminImportsPlaces_andAResidentScanningTheNewBuildingsCodeFilesARequest() throws Exception {
        String admin = app.signIn("demo-admin").path("accessToken").asText();
        String staff = app.signIn("demo-staff").path("accessToken").asText();
        String csv = "网格,网格名称,楼栋,楼栋名称,纬度,经度,单元,房号\n"
                + "G20,第20网格,B2001,新建1号楼,31.2400,121.4600,1,101\n"
                + "G20,第20网格,B2001,新建1号楼,31.2400,121.4600,1,102\n";

        var imported = send(request("/places/import").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
        var qr = http.send(request("/qr/buildings/B2001?unitId=1").header("Authorization", "Bearer " + staff).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String body = "{\"category\":\"water_leak\",\"description\":\"楼道水管漏水\","
                + "\"location\":{\"buildingId\":\"B2001\",\"unitId\":\"1\",\"roomId\":\"101\"}}";
        var filed = send(post("/requests", body).header("Authorization", "Bearer " + resident()));
        var inbox = send(request("/requests?grid=G20").header("Authorization", "Bearer " + staff));

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(Json.parse(imported.body(), JsonNode.class).path("buildingsCreated").asInt()).isEqualTo(1);
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonNode request = Json.parse(filed.body(), JsonNode.class);
        assertThat(request.at("/location/gridId").asText()).isEqualTo("G20");
        assertThat(Json.parse(inbox.body(), JsonNode.class).path("items").findValuesAsText("id")).contains(request.path("id").asText());
    }

    @Test
    void staffImportResidentsFromACsv_throughThePresignedUpload_andTheQueue_andReadTheReport() throws Exception {
        String staff = app.signIn("demo-staff").path("accessToken").asText();
        String csv = "\uFEFF户号,楼栋,单元,房号,姓名,身份证号,手机号,与户主关系,居住类型,标签,同意日期\r\n"
                + "B0401-1-101,B0401,1,101,周建华,11010519491231002X,13911112222,户主,常住,独居老人,2026-11-20\r\n"
                + "B0401-1-101,B0401,1,101,周小华,110105194912310021,,子女,流动,,\r\n";

        var started = send(post("/residents/imports", "{\"reason\":\"年度入户登记\"}").header("Authorization", "Bearer " + staff));
        JsonNode job = Json.parse(started.body(), JsonNode.class);
        var put = http.send(HttpRequest.newBuilder(URI.create(job.at("/upload/url").asText()))
                .header("Content-Type", job.at("/upload/headers/Content-Type").asText())
                .PUT(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        String location = started.headers().firstValue("Location").orElseThrow();
        JsonNode[] done = new JsonNode[1];
        Eventually.until(Duration.ofSeconds(30), () -> {
            try {
                done[0] = Json.parse(send(request(location).header("Authorization", "Bearer " + staff)).body(), JsonNode.class);
                return "done".equals(done[0].path("status").asText());
            } catch (Exception e) {
                return false;
            }
        }, () -> "the import did not finish: " + done[0]);
        var report = http.send(HttpRequest.newBuilder(URI.create(done[0].at("/report/url").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(done[0].path("imported").asInt()).isEqualTo(1);
        assertThat(done[0].path("failed").asInt()).isEqualTo(1);
        assertThat(report.body()).isEqualTo("\uFEFF行号,列,问题\r\n3,身份证号,身份证号码校验位不正确，请核对\r\n");
        assertThat(console.text()).contains("-> ResidentsImportFunction: 1 message(s) OK");
    }

    @Test
    void theDemoCommunitysPlaces_wereImportedFromItsCsv_throughTheImport() throws Exception {
        String staff = app.signIn("demo-staff").path("accessToken").asText();

        var rooms = send(request("/buildings/B0301/rooms").header("Authorization", "Bearer " + staff));
        var grids = send(request("/grids").header("Authorization", "Bearer " + staff));

        assertThat(console.text()).contains("Imported the demo community's places from CSV: 15 grids, 60 buildings, 120 units, 720 rooms.");
        assertThat(Json.parse(rooms.body(), JsonNode.class).path("items")).hasSize(12);
        assertThat(Json.parse(grids.body(), JsonNode.class).path("items").get(2).at("/gridWorkers/0/name").asText()).isEqualTo("王芳");
    }

    @Test
    void shellQuote_keepsSingleQuotesInside() {
        assertThat(LocalApp.shellQuote("it's")).isEqualTo("'it'\\''s'");
    }

    // ------------------------------------------------------------------ helpers

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(app.url().resolve(path)).timeout(Duration.ofSeconds(10));
    }

    static HttpRequest.Builder post(String path, String body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder put(String path, String body) {
        return request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
