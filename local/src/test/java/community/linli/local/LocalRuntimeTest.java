package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LambdaJson;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Persona;
import community.linli.testkit.Repo;
import community.linli.testkit.Template;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The runtime itself, on a test template whose test-only functions show what they were given:
 * the payload 2.0 event, the Lambda runtime's (de)serialization, the function's environment and
 * context, API Gateway's response rules, and the DynamoDB stream trigger.
 */
@ExtendWith(MotoExtension.class)
class LocalRuntimeTest {
    static final Path TEMPLATE = Repo.file("local/src/test/resources/local-test-template.yaml");

    @TempDir
    static Path dir;
    static final ConsoleCapture console = new ConsoleCapture();
    static LocalApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(MotoServer moto) {
        app = LocalApp.start(moto, new LocalApp.Settings(Template.load(TEMPLATE), "rt-", 0, dir.resolve("tokens.env"), console.stream()));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @BeforeEach
    void forgetEarlierBatches() {
        RecordingStreamHandler.reset();
    }

    // ------------------------------------------------------------------ the event a function receives

    @Test
    void event_isPayload2WithTheRouteTheDecodedPathAndTheAuthorizersClaims() throws Exception {
        Persona worker = Persona.gridWorker("G03", "G04");
        String token = app.tokens().mint(worker, Duration.ofMinutes(5));

        JsonNode event = echo(request("/echo/items/%E4%B8%80%2B1").header("Authorization", "Bearer " + token).GET());

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("GET /echo/items/{id}");
        assertThat(event.get("rawPath").asText()).isEqualTo("/echo/items/一+1");
        assertThat(event.at("/pathParameters/id").asText()).isEqualTo("一+1");
        JsonNode context = event.get("requestContext");
        assertThat(context.get("routeKey").asText()).isEqualTo("GET /echo/items/{id}");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("accountId").asText()).isEqualTo("123456789012");
        assertThat(context.at("/http/method").asText()).isEqualTo("GET");
        assertThat(context.at("/http/path").asText()).isEqualTo("/echo/items/一+1");
        assertThat(context.at("/http/sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.at("/http/protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.get("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.get("timeEpoch").asLong()).isCloseTo(System.currentTimeMillis(), within(60_000L));
        assertThat(context.get("requestId").asText()).matches("[A-Za-z0-9+/]{15}=");
        Map<String, String> claims = Json.MAPPER.convertValue(context.at("/authorizer/jwt/claims"), Json.MAPPER.getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));
        assertThat(claims).containsAllEntriesOf(worker.claims())
                .containsEntry("iss", app.tokens().issuer()).containsEntry("aud", "linli-local")
                .containsKeys("exp", "iat");
        assertThat(claims.get("exp")).matches("\\d+");
    }

    @Test
    void event_joinsRepeatedHeadersAndQueryParametersWithCommasAndMovesCookies() throws Exception {
        JsonNode event = echo(request("/echo/a/b?tag=x&tag=y%20z&empty").header("Authorization", bearer())
                .header("X-Repeated", "one").header("X-Repeated", "two")
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "MicroMessenger test").GET());

        assertThat(event.get("routeKey").asText()).isEqualTo("ANY /echo/{proxy+}");
        assertThat(event.at("/pathParameters/proxy").asText()).isEqualTo("a/b");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("tag=x&tag=y%20z&empty");
        assertThat(event.at("/queryStringParameters/tag").asText()).isEqualTo("x,y z");
        assertThat(event.at("/queryStringParameters/empty").asText()).isEmpty();
        assertThat(event.at("/headers/x-repeated").asText()).isEqualTo("one,two");
        assertThat(event.get("headers").has("cookie")).isFalse();
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
        assertThat(event.at("/headers/user-agent").asText()).isEqualTo("MicroMessenger test");
        assertThat(event.at("/requestContext/http/userAgent").asText()).isEqualTo("MicroMessenger test");
        assertThat(event.get("headers").fieldNames()).toIterable().allMatch(name -> name.equals(name.toLowerCase()));
    }

    @Test
    void event_carriesJsonAsTextAndOtherContentBase64Encoded() throws Exception {
        JsonNode json = echo(request("/echo/upload").header("Authorization", bearer())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"描述\":\"漏水\"}", StandardCharsets.UTF_8)));
        JsonNode binary = echo(request("/echo/upload").header("Authorization", bearer())
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EchoHandler.PNG_BYTES)));

        assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(json.get("body").asText()).isEqualTo("{\"描述\":\"漏水\"}");
        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.get("body").asText())).isEqualTo(EchoHandler.PNG_BYTES);
    }

    @Test
    void event_readByTheLambdaRuntimeSerializer_hasTheShapeOfTheRecordedFixture() throws Exception {
        JsonNode event = echo(request("/echo/shape").header("Authorization", bearer())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        JsonNode fixture = Json.parse(LambdaJson.write(LambdaJson.read(
                HttpEvents.fixtureJson("requests-submit.json"), APIGatewayV2HTTPEvent.class)), JsonNode.class);

        assertThat(fieldNames(event)).containsAll(fieldNames(fixture));
        assertThat(fieldNames(event.get("requestContext"))).containsAll(fieldNames(fixture.get("requestContext")));
        assertThat(fieldNames(event.at("/requestContext/http"))).containsAll(fieldNames(fixture.at("/requestContext/http")));
    }

    @Test
    void openRoute_callsTheFunctionWithoutAuthorizer() throws Exception {
        JsonNode event = echo(request("/open").GET());

        assertThat(event.get("routeKey").asText()).isEqualTo("GET /open");
        assertThat(event.get("requestContext").has("authorizer")).isFalse();
    }

    // ------------------------------------------------------------------ the function's init phase and context

    @Test
    void handler_isBuiltOnceWithItsTemplateEnvironmentAndGetsARealContext() throws Exception {
        long before = app.function("EchoFunction").invocations();

        HttpResponse<String> first = send(request("/open").GET());
        HttpResponse<String> second = send(request("/open").GET());

        assertThat(first.headers().firstValue("X-Greeting")).hasValue("hello from the template");
        assertThat(first.headers().firstValue("X-Function-Name")).hasValue("rt-EchoFunction");
        assertThat(first.headers().firstValue("X-Memory-Mb")).hasValue("512");
        assertThat(Integer.parseInt(first.headers().firstValue("X-Remaining-Ms").orElseThrow())).isBetween(1, 1000);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(app.function("EchoFunction").invocations()).isEqualTo(before + 2);
    }

    // ------------------------------------------------------------------ API Gateway's response rules

    @Test
    void response_withCookiesMultiValueHeadersAndBase64Body_isDecodedForTheClient() throws Exception {
        HttpResponse<byte[]> response = http.send(request("/cookies").header("Origin", "https://servicewechat.com").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(EchoHandler.PNG_BYTES);
        assertThat(response.headers().allValues("set-cookie")).containsExactlyInAnyOrder("session=abc; Path=/; HttpOnly", "theme=dark");
        assertThat(response.headers().allValues("x-multi")).containsExactly("one", "two");
        assertThat(response.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(response.headers().firstValue("access-control-allow-origin"))
                .as("without a CorsConfiguration the function's own CORS headers pass").hasValue("https://evil.example");
    }

    @Test
    void response_thatIsNotA2Point0Object_becomesASimple200JsonResponse() throws Exception {
        HttpResponse<String> object = send(request("/simple/object").GET());
        HttpResponse<String> string = send(request("/simple/string").GET());

        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(object.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Json.parse(object.body(), JsonNode.class).get("hello").asText()).isEqualTo("world");
        assertThat(string.statusCode()).isEqualTo(200);
        assertThat(string.body()).isEqualTo("hello, 邻里");
    }

    @Test
    void handler_thatThrows_gives500InternalServerErrorAndItsStackTraceOnTheConsole() throws Exception {
        HttpResponse<String> response = send(request("/boom").GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(console.text()).contains("java.lang.IllegalStateException: boom, as the test asked")
                .contains("at community.linli.local.EchoHandler.handleRequest");
    }

    @Test
    void handler_thatOutlivesItsTimeout_gives500AfterTheTimeout() throws Exception {
        long started = System.nanoTime();

        HttpResponse<String> response = send(request("/slow").GET());

        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(elapsedMs).as("the function's Timeout is 1 s; the handler sleeps 3 s longer").isBetween(900L, 2500L);
        assertThat(console.text()).contains("Task timed out after 1 seconds");
    }

    // ------------------------------------------------------------------ the DynamoDB stream trigger

    @Test
    void streamTrigger_deliversNewItemsInOrder() {
        putItems("ItemsTable", item("s1"), item("s2"), item("s3"));

        Eventually.until(Duration.ofSeconds(10), () -> delivered("s").size() >= 3, () -> delivered("s").toString());
        assertThat(delivered("s")).containsExactly("s1", "s2", "s3");
    }

    @Test
    void streamTrigger_retriesFromTheFirstReportedFailureOnly() {
        putItems("ItemsTable", item("r1"), failing("r2", "report", 1), item("r3"));

        Eventually.until(Duration.ofSeconds(10), () -> delivered("r").stream().filter("r2"::equals).count() == 2
                && delivered("r").getLast().equals("r3"), () -> RecordingStreamHandler.BATCHES.toString());
        List<List<String>> batches = List.copyOf(RecordingStreamHandler.BATCHES);
        int failed = 0;
        while (!batches.get(failed).contains("r2")) failed++;
        assertThat(batches.get(failed + 1).getFirst()).as("the retry starts at the reported record").isEqualTo("r2");
        assertThat(delivered("r").stream().filter("r1"::equals).count()).as("r1 was done before the failure").isEqualTo(1);
    }

    @Test
    void streamTrigger_retriesTheWholeBatchWhenTheFunctionThrows() {
        putItems("ItemsTable", item("t1"), failing("t2", "throw", 1));

        Eventually.until(Duration.ofSeconds(10), () -> delivered("t").stream().filter("t2"::equals).count() == 2,
                () -> RecordingStreamHandler.BATCHES.toString());
        assertThat(console.text()).contains("function error java.lang.IllegalStateException");
    }

    @Test
    void streamTrigger_discardsTheBatchAfterMaximumRetryAttempts() {
        putItems("PoisonTable", failing("p1", "throw", 99));

        Eventually.until(Duration.ofSeconds(10), () -> console.text().contains("GiveUpFunction: discarded 1 record(s)"), console::text);
        assertThat(delivered("p")).as("the first attempt and one retry").containsExactly("p1", "p1");
    }

    @Test
    void unsupportedTrigger_isNamedOnTheConsole() {
        assertThat(console.text()).contains("SimpleFunction.Nightly: cron(0 18 * * ? *) does not run locally");
    }

    // ------------------------------------------------------------------ helpers

    /** The keys delivered so far that start with {@code prefix}, batch after batch. */
    static List<String> delivered(String prefix) {
        return RecordingStreamHandler.BATCHES.stream().flatMap(List::stream).filter(k -> k.startsWith(prefix)).toList();
    }

    static Map<String, AttributeValue> item(String key) {
        return Map.of("pk", AttributeValue.fromS(key));
    }

    static Map<String, AttributeValue> failing(String key, String how, int times) {
        return Map.of("pk", AttributeValue.fromS(key), "fail", AttributeValue.fromS(how), "times", AttributeValue.fromN(Integer.toString(times)));
    }

    /** One write after the other, so the stream holds them in this order. */
    @SafeVarargs
    static void putItems(String tableLogicalId, Map<String, AttributeValue>... items) {
        for (Map<String, AttributeValue> item : items) {
            app.aws().dynamoDb().putItem(r -> r.tableName(app.aws().name(tableLogicalId)).item(item));
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String bearer() {
        return "Bearer " + app.tokens().mint(Persona.resident(), Duration.ofMinutes(5));
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(app.url().resolve(path)).timeout(Duration.ofSeconds(10));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The event the echo function received, from its response body. */
    static JsonNode echo(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body(), JsonNode.class);
    }
}
