package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Template;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that asks for English ({@code Accept-Language: en}) never reads a Chinese text of ours
 * without English beside it: the main routes of the whole local app, as each role, answers and
 * refusals alike. A string with CJK characters passes only when an English sibling
 * ({@code <field>En} or {@code <field>_en}, itself free of CJK) stands beside it, or when it is
 * what a person typed (a description, a reply, a name), which is shown as it was written.
 */
@ExtendWith(MotoExtension.class)
class EnglishResponsesTest {
    static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\u3000-\\u303F\\uFF00-\\uFFEF]");
    /** Fields people type (or pick from what an admin typed, like answers), shown as written. */
    static final Set<String> TYPED = Set.of("description", "text", "reason", "comment", "address", "answers");
    /** People's names, in objects that describe a person (a staff member, an assignee). */
    static final Set<String> PERSON_MARKERS = Set.of("role", "phone", "sub");

    @TempDir
    static Path dir;
    static LocalApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(MotoServer moto) {
        app = LocalApp.start(moto, new LocalApp.Settings(Template.load(), "en-", 0, dir.resolve("tokens.env"),
                new ConsoleCapture().stream()));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void everyMainRoute_inEnglish_carriesNoChineseTextOfOursWithoutEnglish() throws Exception {
        Map<String, String> token = app.demoTokens();
        String resident = token.get("RESIDENT_TOKEN"), staff = token.get("STAFF_TOKEN"), admin = token.get("ADMIN_TOKEN");
        String gridWorker = token.get("GRID_WORKER_TOKEN");
        String submit = Json.parse(HttpEvents.fixtureJson("requests-submit.json"), JsonNode.class).path("body").asText();
        List<String> violations = new ArrayList<>();

        violations.addAll(scan("GET /categories (resident)", send("GET", "/categories", resident, null), 200));
        violations.addAll(scan("GET /categories (staff)", send("GET", "/categories", staff, null), 200));
        HttpResponse<String> created = send("POST", "/requests", resident, submit);
        violations.addAll(scan("POST /requests", created, 201));
        String id = Json.parse(created.body(), JsonNode.class).path("id").asText();
        violations.addAll(scan("POST /requests, emergency", send("POST", "/requests", resident,
                "{\"category\":\"fire\",\"description\":\"楼道冒烟\",\"location\":{\"buildingId\":\"B0301\"}}"), 422));
        violations.addAll(scan("POST /requests, invalid", send("POST", "/requests", resident,
                "{\"category\":\"nope\",\"description\":\" \",\"location\":{}}"), 400));
        violations.addAll(scan("GET /me/requests", send("GET", "/me/requests", resident, null), 200));
        violations.addAll(scan("GET /requests/{id} (resident)", send("GET", "/requests/" + id, resident, null), 200));
        violations.addAll(scan("GET /requests (staff)", send("GET", "/requests?grid=G03", staff, null), 200));
        violations.addAll(scan("GET /requests, bad query", send("GET", "/requests?limit=0&status=bogus", staff, null), 400));
        violations.addAll(scan("POST transitions assign", send("POST", "/requests/" + id + "/transitions", staff,
                "{\"action\":\"assign\",\"version\":1,\"assignee\":\"demo-grid-worker\"}"), 200));
        violations.addAll(scan("POST transitions, stale version", send("POST", "/requests/" + id + "/transitions", staff,
                "{\"action\":\"reject\",\"version\":1,\"reason\":\"重复\"}"), 409));
        violations.addAll(scan("POST transitions, not possible now", send("POST", "/requests/" + id + "/transitions", resident,
                "{\"action\":\"confirm\",\"version\":2}"), 409));
        violations.addAll(scan("POST notes", send("POST", "/requests/" + id + "/notes", gridWorker,
                "{\"text\":\"明天上午去看\",\"visibility\":\"public\"}"), 201));
        violations.addAll(scan("GET /requests/{id} (grid worker)", send("GET", "/requests/" + id, gridWorker, null), 200));
        violations.addAll(scan("PATCH /requests/{id}, invalid", send("PATCH", "/requests/" + id, staff, "{\"version\":2}"), 400));
        violations.addAll(scan("PATCH /requests/{id} by a resident", send("PATCH", "/requests/" + id, resident,
                "{\"priority\":\"urgent\",\"version\":2}"), 403));
        violations.addAll(scan("GET /requests/{id}, missing", send("GET", "/requests/261130-9999", resident, null), 404));
        violations.addAll(scan("GET /staff", send("GET", "/staff", admin, null), 200));
        violations.addAll(scan("POST /staff, invalid", send("POST", "/staff", admin,
                "{\"name\":\"\",\"phone\":\"123\",\"role\":\"boss\"}"), 400));
        violations.addAll(scan("POST /staff, phone registered", send("POST", "/staff", admin,
                "{\"name\":\"陈静\",\"phone\":\"13900000002\",\"role\":\"staff\"}"), 409));
        violations.addAll(scan("GET /calendar/{year}", send("GET", "/calendar/2026", staff, null), 200));
        violations.addAll(scan("PUT /categories/{code}, invalid", send("PUT", "/categories/gas", admin,
                "{\"name\":\"燃气\",\"version\":0}"), 400));
        violations.addAll(scan("POST /uploads, invalid", send("POST", "/uploads", resident, "{\"contentType\":\"text/plain\"}"), 400));
        violations.addAll(scan("POST /auth/wechat, bad code", send("POST", "/auth/wechat", null, "{\"code\":\"\"}"), 400));
        violations.addAll(scan("POST /auth/refresh, unknown token", send("POST", "/auth/refresh", null,
                "{\"refreshToken\":\"demo-resident.nothing\"}"), 401));

        assertThat(violations).as("Chinese texts an English client reads without English").isEmpty();
    }

    @Test
    void scan_findsAChineseOnlyNameAndChineseInAnEnglishField_butNotTypedTextOrNamesOfPeople() {
        JsonNode body = Json.parse("""
                {"categories":[{"code":"gas","name":"燃气泄漏"},{"code":"fire","name":"火情","nameEn":"Fire"},
                               {"code":"noise","name":"噪音","nameEn":"噪音 noise"}],
                 "description":"楼道冒烟","assignee":{"role":"grid_worker","name":"王芳"},
                 "detail":"内容不存在","detail_en":"Not found"}""", JsonNode.class);

        assertThat(violations("t", body)).containsExactlyInAnyOrder(
                "t: /categories/0/name is Chinese without English: 燃气泄漏",
                "t: /categories/2/nameEn is English with Chinese in it: 噪音 noise");
    }

    // ------------------------------------------------------------------ the scanner

    static List<String> scan(String what, HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(expectedStatus);
        if (response.body().isEmpty()) return List.of();
        return violations(what, Json.parse(response.body(), JsonNode.class));
    }

    static List<String> violations(String what, JsonNode body) {
        List<String> found = new ArrayList<>();
        walk(what, body, "", null, null, false, found);
        return found;
    }

    /** {@code key} is the field the value sits under (an array's items share their array's). */
    private static void walk(String what, JsonNode node, String path, JsonNode parent, String key, boolean english,
                             List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String name = field.getKey();
                if (TYPED.contains(name)) continue;
                if (name.equals("name") && PERSON_MARKERS.stream().anyMatch(node::has)) continue;
                walk(what, field.getValue(), path + "/" + name, node, name, english || isEnglish(name), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(what, node.get(i), path + "/" + i, parent, key, english, found);
        } else if (node.isTextual() && CJK.matcher(node.asText()).find()) {
            if (english) {
                found.add(what + ": " + path + " is English with Chinese in it: " + node.asText());
            } else if (parent == null || key == null || !(parent.has(key + "En") || parent.has(key + "_en"))) {
                found.add(what + ": " + path + " is Chinese without English: " + node.asText());
            }
        }
    }

    private static boolean isEnglish(String field) {
        return field.endsWith("En") || field.endsWith("_en");
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Accept-Language", "en")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
