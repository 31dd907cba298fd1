package community.linli.requests;

import static community.linli.testkit.ProblemBodies.assertProblem;
import static community.linli.testkit.ProblemBodies.fields;
import static community.linli.testkit.ProblemBodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Json;
import community.linli.platform.files.FileStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.OpenApiContract;
import community.linli.testkit.Persona;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(MotoExtension.class)
class RequestsHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-28T08:15:30.123Z");

    LocalAws aws;
    RequestsHandler handler;
    Persona resident = Persona.resident();

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        DemoCommunity.seed(aws);
        handler = handler(aws, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ the slice

    @Test
    void submit_fromTheBuildingQrCode_returns201WithTrackingNumberAndTheGridFromTheDirectory() {
        var event = HttpEvents.from("requests-submit.json").as(resident).build();

        var response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.get("id").asText()).isEqualTo("261128-0001");
        assertThat(response.getHeaders()).containsEntry("Location", "/requests/261128-0001");
        assertThat(body.get("status").asText()).isEqualTo("accepted");
        assertThat(body.get("category").asText()).isEqualTo("elevator");
        assertThat(body.at("/location/gridId").asText()).isEqualTo("G03");
        assertThat(body.at("/location/buildingId").asText()).isEqualTo("B0301");
        assertThat(body.get("createdAt").asText()).isEqualTo("2026-11-28T08:15:30.123Z");
        assertThat(body.get("expectedAt").asText()).as("elevator: 24 hours").isEqualTo("2026-11-29T08:15:30.123Z");
        assertThat(body.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void submit_storesTheRequestAndItsFirstTimelineEventInTheRequestsTable() {
        var event = HttpEvents.from("requests-submit.json").as(resident).build();

        call(event);

        var items = requestItems();
        assertThat(items).extracting(i -> i.get("sk")).hasSize(2).contains("REQ")
                .anySatisfy(sk -> assertThat(sk).startsWith("PUB#2026-11-28T08:15:30.123Z#"));
        var request = items.stream().filter(i -> i.get("sk").equals("REQ")).findFirst().orElseThrow();
        assertThat(request).containsEntry("pk", "C#demo#REQ#261128-0001")
                .containsEntry("requesterSub", resident.sub())
                .containsEntry("gsi1pk", "C#demo#U#" + resident.sub())
                .containsEntry("gsi2pk", "C#demo#G#G03#OPEN")
                .containsEntry("gsi3pk", "C#demo#OPEN");
    }

    @Test
    void submit_twiceOnTheSameDay_givesConsecutiveTrackingNumbers() {
        var event = HttpEvents.from("requests-submit.json").as(resident).build();

        String first = json(call(event)).get("id").asText();
        String second = json(call(event)).get("id").asText();

        assertThat(first).isEqualTo("261128-0001");
        assertThat(second).isEqualTo("261128-0002");
    }

    @Test
    void submit_justAfterMidnightInChina_usesTheChineseDateInTheTrackingNumber() {
        handler = handler(aws, Clock.fixed(Instant.parse("2026-11-28T16:30:00Z"), ZoneOffset.UTC));

        var response = call(HttpEvents.from("requests-submit.json").as(resident).build());

        assertThat(json(response).get("id").asText()).startsWith("261129-");
    }

    @Test
    void submit_withAPointAndAddressInsteadOfABuilding_isAcceptedWithoutAGrid() {
        var event = HttpEvents.from("requests-submit.json").as(resident)
                .json(Map.of("category", "sanitation", "description", "小区东门垃圾堆了三天 😷",
                        "location", Map.of("latitude", 31.2304, "longitude", 121.4737, "address", "幸福里小区东门")))
                .build();

        var response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).at("/location/address").asText()).isEqualTo("幸福里小区东门");
        assertThat(json(response).at("/location/gridId").isMissingNode()).isTrue();
    }

    @Test
    void get_byTheResidentWhoFiledIt_returnsTheRequest() {
        String id = submit(resident);

        var response = call(get(id).as(resident).build());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("id").asText()).isEqualTo(id);
        assertThat(json(response).get("description").asText()).contains("电梯停了");
    }

    @Test
    void get_byStaffOfTheSameCommunity_returnsTheRequest() {
        String id = submit(resident);

        var response = call(get(id).as(Persona.staff()).build());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("id").asText()).isEqualTo(id);
    }

    @Test
    void get_byAdminOfTheSameCommunity_returnsTheRequest() {
        String id = submit(resident);

        var response = call(get(id).as(Persona.admin()).build());

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void get_byAnotherResident_returns404AsIfItDidNotExist() {
        String id = submit(resident);

        var response = call(get(id).as(Persona.resident()).build());

        assertProblem(response, 404);
        assertThat(response.getBody()).doesNotContain(id).doesNotContain("电梯");
    }

    @Test
    void get_byStaffOfAnotherCommunity_returns404() {
        String id = submit(resident);

        var response = call(get(id).as(Persona.staff().inCommunity("other-community")).build());

        assertProblem(response, 404);
    }

    @Test
    void get_theSameSubjectInAnotherCommunity_returns404() {
        String id = submit(resident);

        var response = call(get(id).as(resident.inCommunity("other-community")).build());

        assertProblem(response, 404);
    }

    @Test
    void get_unknownId_returns404() {
        var response = call(get("261128-9999").as(Persona.staff()).build());

        assertProblem(response, 404);
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void submit_withoutVerifiedClaims_returns401AndStoresNothing() {
        var response = call(HttpEvents.from("requests-submit.json").anonymous().build());

        assertProblem(response, 401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void get_withoutVerifiedClaims_returns401() {
        var response = call(get("261128-0001").anonymous().build());

        assertProblem(response, 401);
    }

    @Test
    void submit_byAnAccountWithoutCommunity_returns403() {
        var persona = Persona.resident().inCommunity(null);

        var response = call(HttpEvents.from("requests-submit.json").as(persona).build());

        assertProblem(response, 403);
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_byAnAccountInNoGroup_returns403() {
        var response = call(HttpEvents.from("requests-submit.json").as(Persona.ungrouped()).build());

        assertProblem(response, 403);
        assertThat(requestItems()).isEmpty();
    }

    // ------------------------------------------------------------------ bad input: 4xx naming the field, nothing stored

    @Test
    void submit_withoutCategory_returns400NamingCategory() {
        var response = submitBody(body(b -> b.remove("category")));

        assertProblem(response, 400, "category");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withEmptyDescription_returns400NamingDescription() {
        var response = submitBody(body(b -> b.put("description", "")));

        assertProblem(response, 400, "description");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withBlankDescription_returns400NamingDescription() {
        var response = submitBody(body(b -> b.put("description", "   \n\t")));

        assertProblem(response, 400, "description");
    }

    @Test
    void submit_withDescriptionOf2001Characters_returns400NamingDescription() {
        var response = submitBody(body(b -> b.put("description", "电".repeat(2001))));

        assertProblem(response, 400, "description");
        assertThat(json(response).at("/errors/0/code").asText()).isEqualTo("max_length");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withDescriptionOf2000Emoji_isAcceptedBecauseLengthCountsCharactersNotUtf16Units() {
        var response = submitBody(body(b -> b.put("description", "🛗".repeat(2000))));

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    @Test
    void submit_withUnknownCategory_returns400NamingCategory() {
        var response = submitBody(body(b -> b.put("category", "ufo_sighting")));

        assertProblem(response, 400, "category");
        assertThat(json(response).at("/errors/0/code").asText()).isEqualTo("unknown_category");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withUnknownBuilding_returns400NamingTheBuilding() {
        var response = submitBody(body(b -> b.put("location", Map.of("buildingId", "B9999"))));

        assertProblem(response, 400, "location.buildingId");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withAGridThatIsNotTheBuildingsGrid_returns400NamingTheGrid() {
        var response = submitBody(body(b -> b.put("location", Map.of("gridId", "G07", "buildingId", "B0301"))));

        assertProblem(response, 400, "location.gridId");
    }

    @Test
    void submit_withNoLocationAtAll_returns400NamingLocation() {
        var response = submitBody(body(b -> b.remove("location")));

        assertProblem(response, 400, "location");
    }

    @Test
    void submit_withAnEmptyLocation_returns400NamingTheBuilding() {
        var response = submitBody(body(b -> b.put("location", Map.of())));

        assertProblem(response, 400, "location.buildingId");
    }

    @Test
    void submit_withAPointButNoAddress_returns400NamingAddress() {
        var response = submitBody(body(b -> b.put("location", Map.of("latitude", 31.2, "longitude", 121.4))));

        assertProblem(response, 400, "location.address");
    }

    @Test
    void submit_withLatitudeOutOfRange_returns400NamingLatitude() {
        var response = submitBody(body(b -> b.put("location", Map.of("latitude", 91.0, "longitude", 121.4, "address", "x"))));

        assertProblem(response, 400, "location.latitude");
    }

    @Test
    void submit_withSeveralBadFields_namesEachOfThem() {
        var response = submitBody(body(b -> {
            b.remove("category");
            b.put("description", "x".repeat(2001));
            b.remove("location");
        }));

        assertProblem(response, 400, "category", "description", "location");
        assertThat(json(response).get("detail").asText()).contains("3");
    }

    @Test
    void submit_withAFieldTheApiDoesNotKnow_returns400NamingIt() {
        var response = submitBody(body(b -> b.put("priority", "urgent")));

        assertProblem(response, 400, "priority");
        assertThat(json(response).at("/errors/0/code").asText()).isEqualTo("unknown_field");
    }

    @Test
    void submit_withANumberWhereTextBelongs_returns400NamingTheField() {
        var response = submitBody(body(b -> b.put("description", 42)));

        assertProblem(response, 400, "description");
        assertThat(json(response).at("/errors/0/code").asText()).isEqualTo("invalid_type");
    }

    @Test
    void submit_withANestedFieldOfTheWrongType_returns400NamingItsPath() {
        var response = submitBody(body(b -> b.put("location", Map.of("buildingId", List.of("B0301")))));

        assertProblem(response, 400, "location.buildingId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"category\": \"elevator\",", "not json", "[]", "\"just a string\"", "{\"category\":\"elevator\"} trailing"})
    void submit_withMalformedJson_returns400NamingTheBody(String body) {
        var response = submitBody(body);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fields(response)).isNotEmpty();
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withInvalidJsonSyntax_saysWhereTheSyntaxBreaks() {
        var response = submitBody("{\"category\": \"elevator\",\n \"description\": }");

        assertProblem(response, 400, "body");
        assertThat(json(response).at("/errors/0/code").asText()).isEqualTo("malformed_json");
        assertThat(json(response).at("/errors/0/message").asText()).contains("第 2 行");
    }

    @Test
    void submit_withADuplicatedKey_returns400NamingIt() {
        var response = submitBody("{\"category\":\"elevator\",\"category\":\"noise\",\"description\":\"x\",\"location\":{\"buildingId\":\"B0301\"}}");

        assertProblem(response, 400, "category");
    }

    @Test
    void submit_withNullBody_returns400() {
        var response = call(HttpEvents.from("requests-submit.json").as(resident).body(null).build());

        assertProblem(response, 400, "body");
    }

    @Test
    void submit_withJsonNull_returns400() {
        var response = submitBody("null");

        assertProblem(response, 400, "body");
    }

    @Test
    void submit_asFormData_returns415NamingContentType() {
        var event = HttpEvents.from("requests-submit.json").as(resident)
                .header("content-type", "application/x-www-form-urlencoded").body("category=elevator").build();

        var response = call(event);

        assertProblem(response, 415, "Content-Type");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withoutContentType_returns415() {
        var event = HttpEvents.from("requests-submit.json").as(resident).header("content-type", null).build();

        var response = call(event);

        assertProblem(response, 415, "Content-Type");
    }

    @Test
    void submit_withJsonAndCharset_isAccepted() {
        var event = HttpEvents.from("requests-submit.json").as(resident).header("content-type", "application/json; charset=UTF-8").build();

        assertThat(call(event).getStatusCode()).isEqualTo(201);
    }

    @Test
    void submit_withABodyOver64KiB_returns413AndStoresNothing() {
        var response = submitBody(body(b -> b.put("description", "x".repeat(70_000))));

        assertProblem(response, 413, "body");
        assertThat(requestItems()).isEmpty();
    }

    @Test
    void submit_withBase64EncodedJson_isDecodedLikeApiGatewaySendsIt() {
        String raw = HttpEvents.fixture("requests-submit.json").getBody();
        var event = HttpEvents.from("requests-submit.json").as(resident).build();
        event.setBody(java.util.Base64.getEncoder().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(call(event).getStatusCode()).isEqualTo(201);
    }

    // ------------------------------------------------------------------ problem details

    @Test
    void problem_isChineseByDefault() {
        var response = submitBody(body(b -> b.remove("category")));

        JsonNode problem = json(response);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("application/problem+json");
        assertThat(problem.get("type").asText()).isEqualTo("https://linli.community/problems/validation");
        assertThat(problem.get("title").asText()).isEqualTo("请求参数有误");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("不能为空");
        assertThat(problem.has("title_en")).isFalse();
    }

    @Test
    void problem_carriesEnglishAlongsideWhenTheClientAsksForIt() {
        var event = HttpEvents.from("requests-submit.json").as(resident).header("accept-language", "en-US,en;q=0.9")
                .json(body(b -> b.remove("category"))).build();

        JsonNode problem = json(call(event));

        assertThat(problem.get("title").asText()).isEqualTo("请求参数有误");
        assertThat(problem.get("title_en").asText()).isEqualTo("Invalid request");
        assertThat(problem.at("/errors/0/message_en").asText()).isEqualTo("is required");
    }

    @Test
    void unknownRoute_returns404Problem() {
        var event = HttpEvents.from("requests-get.json").as(resident)
                .route("DELETE", "/requests/{id}", "/requests/1", Map.of("id", "1")).build();

        // Not through call(): the contract rightly has no DELETE to check this against.
        assertThat(Invoke.http(handler, event).getStatusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    static RequestsHandler handler(LocalAws aws, Clock clock) {
        var files = new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("FilesBucket"), clock);
        return new RequestsHandler(aws.dynamoDb(), aws.name("RequestsTable"), aws.name("DirectoryTable"), aws.name("StaffTable"), files,
                Api.crypto(aws), clock);
    }

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = Invoke.http(handler, event);
        String[] route = event.getRouteKey().split(" ", 2);
        OpenApiContract.load().assertResponse(route[0], route[1], response);
        return response;
    }

    String submit(Persona who) {
        var response = call(HttpEvents.from("requests-submit.json").as(who).build());
        assertThat(response.getStatusCode()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    HttpEvents get(String id) {
        return HttpEvents.from("requests-get.json").pathParameter("id", id);
    }

    APIGatewayV2HTTPResponse submitBody(Object body) {
        var events = HttpEvents.from("requests-submit.json").as(resident);
        return call((body instanceof String s ? events.body(s) : events.json(body)).build());
    }

    static Map<String, Object> body(java.util.function.Consumer<Map<String, Object>> change) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(Json.parse(HttpEvents.fixture("requests-submit.json").getBody(), Map.class));
        change.accept(body);
        return body;
    }

    List<Map<String, String>> requestItems() {
        List<Map<String, String>> out = new ArrayList<>();
        for (var item : aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("RequestsTable"))).items()) {
            if (item.get("pk").s().contains("#SEQ#")) continue;
            Map<String, String> flat = new LinkedHashMap<>();
            item.forEach((k, v) -> flat.put(k, v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v)));
            out.add(flat);
        }
        return out;
    }
}
