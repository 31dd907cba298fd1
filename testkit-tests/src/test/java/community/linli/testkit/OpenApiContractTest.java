package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.networknt.schema.serialization.YamlMapperFactory;
import community.linli.platform.Json;
import community.linli.platform.http.Messages;
import community.linli.platform.http.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class OpenApiContractTest {
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    private final OpenApiContract contract = OpenApiContract.load();

    // ------------------------------------------------------------------ responses

    @Test
    void assertResponse_withRequestViewAsTheServerWritesIt_passes() {
        Map<String, Object> view = requestView();

        assertThatCode(() -> contract.assertResponse("POST", "/requests", 201, createdHeaders(), Json.write(view)))
                .doesNotThrowAnyException();
    }

    @Test
    void assertResponse_withBodyMissingRequiredField_fails() {
        Map<String, Object> view = requestView();
        view.remove("status");

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), Json.write(view)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /requests/{id} 200 response")
                .hasMessageContaining("status");
    }

    @Test
    void assertResponse_withUndocumentedStatus_fails() {
        String body = Json.write(problem(404, "not-found", "未找到"));

        assertThatThrownBy(() -> contract.assertResponse("POST", "/requests", 404, problemHeaders(), body))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /requests answered 404")
                .hasMessageContaining("201, 400, 401, 403, 413, 415");
    }

    @Test
    void assertResponse_withUndocumentedOperation_fails() {
        String body = Json.write(requestView());

        assertThatThrownBy(() -> contract.assertResponse("DELETE", "/requests/{id}", 200, okHeaders(), body))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DELETE /requests/{id} is not documented");
    }

    @Test
    void assertResponse_withWrongContentType_fails() {
        Map<String, String> headers = okHeaders();
        headers.put("Content-Type", "text/plain; charset=utf-8");

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 200, headers, Json.write(requestView())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Content-Type: text/plain; charset=utf-8 is not documented");
    }

    @Test
    void assertResponse_withProblemSentAsPlainJson_fails() {
        Map<String, String> headers = problemHeaders();
        headers.put("Content-Type", JSON);

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 404, headers,
                Json.write(problem(404, "not-found", "未找到"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("documented: application/problem+json");
    }

    @Test
    void assertResponse_withLowerCaseHeaderNamesAndCharset_passes() {
        Map<String, String> headers = Map.of(
                "content-type", "Application/JSON;charset=UTF-8",
                "cache-control", "no-store",
                "location", "/requests/261128-0042");

        assertThatCode(() -> contract.assertResponse("post", "/requests", 201, headers, Json.write(requestView())))
                .doesNotThrowAnyException();
    }

    @Test
    void assertResponse_withWordsForDateTime_fails() {
        Map<String, Object> view = requestView();
        view.put("createdAt", "yesterday");

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), Json.write(view)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/createdAt");
    }

    @Test
    void assertResponse_withImpossibleDateTime_failsOnFormatAlone() {
        Map<String, Object> view = requestView();
        view.put("updatedAt", "2026-13-45T25:61:61.000Z");

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), Json.write(view)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/updatedAt")
                .hasMessageContaining("date-time")
                .hasMessageNotContaining("regex");
    }

    @Test
    void assertResponse_withTimestampWithoutMilliseconds_fails() {
        Map<String, Object> view = requestView();
        view.put("updatedAt", "2026-11-28T09:00:00Z");

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), Json.write(view)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/updatedAt");
    }

    @Test
    void assertResponse_withInstantsWrittenByTheSharedMapper_passes() {
        Map<String, Object> view = requestView();
        view.put("createdAt", Instant.parse("2026-11-28T08:15:30.123Z"));
        view.put("updatedAt", Instant.parse("2026-11-28T09:00:00Z"));

        assertThatCode(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), Json.write(view)))
                .doesNotThrowAnyException();
    }

    @Test
    void assertResponse_withFieldTheContractDoesNotKnow_passes() {
        Map<String, Object> view = requestView();
        view.put("assigneeName", "王网格员");

        assertThatCode(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), Json.write(view)))
                .doesNotThrowAnyException();
    }

    @Test
    void assertResponse_withoutRequiredHeader_fails() {
        Map<String, String> headers = createdHeaders();
        headers.remove("Location");

        assertThatThrownBy(() -> contract.assertResponse("POST", "/requests", 201, headers, Json.write(requestView())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("header Location: required but missing");
    }

    @Test
    void assertResponse_withHeaderOutsideItsSchema_fails() {
        Map<String, String> headers = createdHeaders();
        headers.put("Location", "https://elsewhere.example/requests/261128-0042");

        assertThatThrownBy(() -> contract.assertResponse("POST", "/requests", 201, headers, Json.write(requestView())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("header Location");
    }

    @Test
    void assertResponse_withEmptyBodyWhereContentIsDocumented_fails() {
        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), ""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("body: empty");
    }

    @Test
    void assertResponse_withBodyThatIsNotJson_fails() {
        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 200, okHeaders(), "{\"id\":"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("body: not JSON");
    }

    @Test
    void assertResponse_withProblemOfAnotherStatus_fails() {
        String body = Json.write(problem(404, "not-found", "未找到"));

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 403, problemHeaders(), body))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/status")
                .hasMessageContaining("/type");
    }

    @Test
    void assertResponse_withValidationProblemWithoutErrors_fails() {
        Map<String, Object> problem = problem(400, "validation", "请求参数有误");

        assertThatThrownBy(() -> contract.assertResponse("POST", "/requests", 400, problemHeaders(), Json.write(problem)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("errors");
    }

    @Test
    void assertResponse_withEnglishTitleButNoEnglishDetail_fails() {
        Map<String, Object> problem = problem(404, "not-found", "未找到");
        problem.put("title_en", "Not found");

        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", 404, problemHeaders(), Json.write(problem)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("detail_en");
    }

    @Test
    void assertResponse_withLambdaResponse_readsStatusHeadersAndBase64Body() {
        String body = Json.write(requestView());
        var response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(okHeaders())
                .withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .build();
        var undocumented = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(500)
                .withHeaders(problemHeaders())
                .withBody(Json.write(problem(500, "internal", "系统繁忙，请稍后再试")))
                .build();

        assertThatCode(() -> contract.assertResponse("GET", "/requests/{id}", response)).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.assertResponse("GET", "/requests/{id}", undocumented))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("answered 500");
    }

    @Test
    void assertResponse_withBodyWhereNoContentIsDocumented_fails(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("openapi.yaml");
        Files.writeString(yaml, """
                openapi: 3.1.0
                info: {title: t, version: "1"}
                paths:
                  /things/{id}:
                    delete:
                      responses:
                        "204": {description: Deleted}
                """);
        OpenApiContract small = OpenApiContract.load(yaml);

        assertThatCode(() -> small.assertResponse("DELETE", "/things/{id}", 204, Map.of(), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.assertResponse("DELETE", "/things/{id}", 204, Map.of("Content-Type", JSON), "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("documents no content, so the body must be empty");
    }

    // ------------------------------------------------------------------ request bodies

    @Test
    void assertRequestBody_inBuildingOrAtPoint_passes() {
        Map<String, Object> inBuilding = submitInBuilding();
        Map<String, Object> atPoint = submitAtPoint();

        assertThatCode(() -> contract.assertRequestBody("POST", "/requests", JSON, Json.write(inBuilding))).doesNotThrowAnyException();
        assertThatCode(() -> contract.assertRequestBody("POST", "/requests", JSON, Json.write(atPoint))).doesNotThrowAnyException();
    }

    @Test
    void assertRequestBody_withUnknownField_fails() {
        Map<String, Object> body = submitInBuilding();
        body.put("photos", List.of());

        assertThatThrownBy(() -> contract.assertRequestBody("POST", "/requests", JSON, Json.write(body)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("photos");
    }

    @Test
    void assertRequestBody_withNeitherBuildingNorCompletePoint_fails() {
        Map<String, Object> body = submitInBuilding();
        body.put("location", new LinkedHashMap<>(Map.of("latitude", 22.5431, "unitId", "2")));

        assertThatThrownBy(() -> contract.assertRequestBody("POST", "/requests", JSON, Json.write(body)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/location");
    }

    @Test
    void assertRequestBody_withDescriptionOf2000ChineseCharacters_passesAnd2001Fails() {
        Map<String, Object> longest = submitInBuilding();
        longest.put("description", "好".repeat(2000));
        Map<String, Object> tooLong = submitInBuilding();
        tooLong.put("description", "好".repeat(2001));

        assertThatCode(() -> contract.assertRequestBody("POST", "/requests", JSON, Json.write(longest))).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.assertRequestBody("POST", "/requests", JSON, Json.write(tooLong)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/description");
    }

    @Test
    void assertRequestBody_transitionWithTheFieldsItsActionNeeds_passes() {
        Map<String, Object> assign = new LinkedHashMap<>(Map.of("action", "assign", "version", 1,
                "assignee", "demo-grid-worker"));
        Map<String, Object> resolve = new LinkedHashMap<>(Map.of("action", "resolve", "version", 3, "text", "已修复"));

        assertThatCode(() -> contract.assertRequestBody("POST", "/requests/{id}/transitions", JSON, Json.write(assign))).doesNotThrowAnyException();
        assertThatCode(() -> contract.assertRequestBody("POST", "/requests/{id}/transitions", JSON, Json.write(resolve))).doesNotThrowAnyException();
    }

    @Test
    void assertRequestBody_transitionMissingOrWithAFieldItsActionDoesNotTake_fails() {
        Map<String, Object> assignWithoutAssignee = new LinkedHashMap<>(Map.of("action", "assign", "version", 1));
        Map<String, Object> startWithText = new LinkedHashMap<>(Map.of("action", "start", "version", 2, "text", "x"));
        Map<String, Object> rejectWithoutReason = new LinkedHashMap<>(Map.of("action", "reject", "version", 1));

        assertThatThrownBy(() -> contract.assertRequestBody("POST", "/requests/{id}/transitions", JSON, Json.write(assignWithoutAssignee)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("assignee");
        assertThatThrownBy(() -> contract.assertRequestBody("POST", "/requests/{id}/transitions", JSON, Json.write(startWithText)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("request body");
        assertThatThrownBy(() -> contract.assertRequestBody("POST", "/requests/{id}/transitions", JSON, Json.write(rejectWithoutReason)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("reason");
    }

    @Test
    void assertRequestBody_withoutBody_failsBecauseTheBodyIsRequired() {
        assertThatThrownBy(() -> contract.assertRequestBody("POST", "/requests", JSON, ""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a body is required");
    }

    @Test
    void assertRequestBody_onOperationWithoutBody_fails() {
        assertThatThrownBy(() -> contract.assertRequestBody("GET", "/requests/{id}", JSON, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("documents no request body");
    }

    // ------------------------------------------------------------------ the document itself

    @Test
    void operations_areExactlyTheHttpApiRoutesOfTemplateYaml() throws IOException {
        JsonNode template = YamlMapperFactory.getInstance().readTree(
                Files.readString(OpenApiContract.repoRoot().resolve("template.yaml")));
        Set<String> routes = new TreeSet<>();
        for (JsonNode resource : template.path("Resources").values()) {
            for (JsonNode event : resource.path("Properties").path("Events").values()) {
                if (event.path("Type").asString("").equals("HttpApi")) {
                    routes.add(event.at("/Properties/Method").asString() + " " + event.at("/Properties/Path").asString());
                }
            }
        }

        Set<String> operations = contract.operations();

        assertThat(routes).isNotEmpty();
        assertThat(operations).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void everyExample_validatesAgainstItsOwnSchema() {
        JsonNode document = contract.document();
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();

        collectExamples(document, document, "", checked, failures);

        assertThat(checked).as("examples found").hasSizeGreaterThan(20);
        assertThat(failures).as("examples that do not match their schema, of " + checked.size() + " checked").isEmpty();
    }

    @Test
    void everyOperation_documentsTheUnavailable503() {
        JsonNode document = contract.document();
        List<String> without503 = new ArrayList<>();

        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (!operation.getValue().has("responses")) continue;
                if (!operation.getValue().path("responses").has("503")) {
                    without503.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }

        assertThat(without503).as("operations whose 503 (an AWS dependency failing) is undocumented").isEmpty();
    }

    @Test
    void everyRequestBodyAndResponseContent_hasAnExample() {
        JsonNode document = contract.document();
        List<String> withoutExample = new ArrayList<>();

        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (!operation.getValue().has("responses")) continue;
                String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode requestBody = deref(document, operation.getValue().path("requestBody"));
                requestBody.path("content").properties().forEach(media -> {
                    if (!hasExample(media.getValue())) withoutExample.add(name + " request " + media.getKey());
                });
                for (var response : operation.getValue().path("responses").properties()) {
                    deref(document, response.getValue()).path("content").properties().forEach(media -> {
                        if (!hasExample(media.getValue())) withoutExample.add(name + " " + response.getKey() + " " + media.getKey());
                    });
                }
            }
        }

        assertThat(withoutExample).isEmpty();
    }

    @Test
    void problemTypesTable_matchesEveryProblemKindAndItsTitle() {
        String table = contract.document().at("/components/schemas/Problem/properties/type/description").asString();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| (\\d{3}) \\| (.+?) \\|$").matcher(table);
        Map<String, String> documented = new TreeMap<>();
        while (row.find()) documented.put(row.group(1), row.group(2) + " " + row.group(3));

        Map<String, String> implemented = new TreeMap<>();
        for (Problem.Kind kind : Problem.Kind.values()) {
            implemented.put(kind.slug, kind.status + " " + Messages.zh("title." + kind.slug, Map.of()));
        }

        assertThat(documented).isEqualTo(implemented);
    }

    @Test
    void fieldErrorCodesTable_namesOnlyCodesThatHaveMessages() {
        String table = contract.document().at("/components/schemas/FieldError/properties/code/description").asString();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(table);
        List<String> codes = new ArrayList<>();
        while (row.find()) codes.add(row.group(1));

        List<String> withoutMessage = codes.stream().filter(code -> Messages.en(code, Map.of()).equals(code)).toList();

        assertThat(codes).contains("required", "unknown_field", "location_required", "unsupported_media_type");
        assertThat(withoutMessage).isEmpty();
    }

    @Test
    void repoRoot_withoutProperty_isTheNearestDirectoryHoldingTemplateYaml(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
        Path nested = Files.createDirectories(dir.resolve("functions/requests"));

        Path root = OpenApiContract.repoRoot(null, nested);

        assertThat(root).isEqualTo(dir.toAbsolutePath().normalize());
    }

    // ------------------------------------------------------------------ fixtures

    /** A request just filed in building B03, as RequestsFunction shows it to the resident who filed it. */
    private static Map<String, Object> requestView() {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("gridId", "G02");
        location.put("buildingId", "B03");
        location.put("unitId", "2");
        location.put("roomId", "502");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "261128-0042");
        view.put("status", "accepted");
        view.put("category", "elevator");
        view.put("description", "3号楼2单元电梯停在5楼不动，有老人被困。");
        view.put("location", location);
        view.put("urgency", "normal");
        view.put("hideIdentity", false);
        view.put("photos", List.of());
        view.put("createdAt", "2026-11-28T08:15:30.123Z");
        view.put("updatedAt", "2026-11-28T08:15:30.123Z");
        view.put("expectedAt", "2026-11-29T08:15:30.123Z");
        view.put("overdue", false);
        view.put("version", 1);
        view.put("timeline", List.of(Map.of("kind", "submitted", "at", "2026-11-28T08:15:30.123Z",
                "status", "accepted", "actorRole", "resident")));
        return view;
    }

    private static Map<String, Object> submitInBuilding() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "elevator");
        body.put("description", "3号楼2单元电梯停在5楼不动，有老人被困。");
        body.put("location", new LinkedHashMap<>(Map.of("buildingId", "B03", "unitId", "2", "roomId", "502")));
        return body;
    }

    private static Map<String, Object> submitAtPoint() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "streetlight");
        body.put("description", "小区东门路灯不亮。");
        body.put("location", new LinkedHashMap<>(Map.of("latitude", 22.5431, "longitude", 114.0579, "address", "东门岗亭旁")));
        return body;
    }

    private static Map<String, Object> problem(int status, String slug, String title) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://linli.community/problems/" + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", title);
        problem.put("instance", "urn:linli:request:Vx3kQjZ1oAMEV2w=");
        return problem;
    }

    private static Map<String, String> okHeaders() {
        return new HashMap<>(Map.of("Content-Type", JSON, "Cache-Control", "no-store"));
    }

    private static Map<String, String> createdHeaders() {
        Map<String, String> headers = okHeaders();
        headers.put("Location", "/requests/261128-0042");
        return headers;
    }

    private static Map<String, String> problemHeaders() {
        return new HashMap<>(Map.of("Content-Type", PROBLEM_JSON, "Cache-Control", "no-store"));
    }

    // ------------------------------------------------------------------ walking the document

    /**
     * Finds every example and checks it against the schema it illustrates: {@code example} and
     * {@code examples} (a map of Example objects) beside a {@code schema}, as in media types,
     * parameters and headers; and {@code examples} (an array) inside a schema.
     */
    private void collectExamples(JsonNode document, JsonNode node, String pointer, List<String> checked, List<String> failures) {
        if (!node.isObject()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) collectExamples(document, node.get(i), pointer + "/" + i, checked, failures);
            }
            return;
        }
        String schemaBeside = node.has("schema") ? pointer + "/schema" : pointer;
        if (node.has("example")) {
            check(schemaBeside, pointer + "/example", node.get("example"), checked, failures);
        }
        JsonNode examples = node.path("examples");
        if (examples.isArray()) {
            for (int i = 0; i < examples.size(); i++) check(pointer, pointer + "/examples/" + i, examples.get(i), checked, failures);
        } else if (examples.isObject()) {
            for (var entry : examples.properties()) {
                JsonNode example = deref(document, entry.getValue());
                String at = pointer + "/examples/" + entry.getKey();
                if (!example.has("value")) failures.add(at + ": has no inline value to check");
                else check(schemaBeside, at, example.get("value"), checked, failures);
            }
        }
        for (var entry : node.properties()) {
            String key = entry.getKey();
            if (Set.of("example", "examples", "const", "enum", "default").contains(key)) continue;
            collectExamples(document, entry.getValue(), pointer + "/" + key.replace("~", "~0").replace("/", "~1"), checked, failures);
        }
    }

    private void check(String schemaPointer, String examplePointer, JsonNode example, List<String> checked, List<String> failures) {
        checked.add(examplePointer);
        for (String violation : contract.schemaViolations(schemaPointer, example)) {
            failures.add(examplePointer + violation);
        }
    }

    private static JsonNode deref(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) current = document.at(current.get("$ref").asString().substring(1));
        return current;
    }

    private static boolean hasExample(JsonNode mediaType) {
        return mediaType.has("example") || mediaType.path("examples").size() > 0;
    }
}
