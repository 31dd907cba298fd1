package community.linli.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Our mapping of HTTP API events and responses against aws-lambda-java-serialization, the library
 * the runtime would otherwise use: every fixture in events/ reads into an equal event, and every
 * response shape writes the same JSON, less the nulls.
 */
class HttpApiJsonTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, HttpApiJsonTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RUNTIME_RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, HttpApiJsonTest.class.getClassLoader());

    static Stream<Path> fixtures() throws IOException {
        Path events = Path.of(System.getProperty("linli.root", "../.."), "events");
        try (Stream<Path> files = Files.list(events)) {
            List<Path> http = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> read(f).has("routeKey")).sorted().toList();
            assertThat(http).as("HTTP API fixtures in %s", events).isNotEmpty();
            return http.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void read_everyHttpFixture_equalsWhatTheRuntimeReads(Path fixture) throws IOException {
        byte[] json = Files.readAllBytes(fixture);

        APIGatewayV2HTTPEvent ours = HttpApiJson.read(json);

        assertThat(ours).isEqualTo(RUNTIME_EVENTS.fromJson(new String(json, StandardCharsets.UTF_8)));
        assertThat(ours.getRouteKey()).isEqualTo(read(fixture).get("routeKey").asText());
        assertThat(ours.getRequestContext().getRequestId()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void read_fieldsWeDoNotModel_areIgnored(Path fixture) throws IOException {
        ObjectNode json = (ObjectNode) read(fixture);
        json.put("aFieldFromTheFuture", "x");
        ((ObjectNode) json.get("requestContext")).putObject("somethingNew").put("depth", 2);
        ((ObjectNode) json.at("/requestContext/http")).put("tlsVersion", "TLSv1.3");

        APIGatewayV2HTTPEvent ours = HttpApiJson.read(Json.write(json).getBytes(StandardCharsets.UTF_8));

        assertThat(ours).isEqualTo(RUNTIME_EVENTS.fromJson(Files.readString(fixture)));
    }

    /** Every field of payload 2.0, as in the HTTP API documentation's example, with IAM and Lambda authorizers. */
    @Test
    void read_everyFieldOfPayload2_equalsWhatTheRuntimeReads() throws IOException {
        String json = """
                {"version":"2.0","routeKey":"$default","rawPath":"/my/path","rawQueryString":"parameter1=value1&parameter1=value2",
                 "cookies":["cookie1","cookie2"],"headers":{"header1":"value1","header2":"value1,value2"},
                 "queryStringParameters":{"parameter1":"value1,value2"},"pathParameters":{"parameter1":"value1"},
                 "stageVariables":{"stageVariable1":"value1"},"body":"SGVsbG8=","isBase64Encoded":true,
                 "requestContext":{"accountId":"123456789012","apiId":"api-id","domainName":"id.execute-api.us-east-1.amazonaws.com",
                   "domainPrefix":"id","requestId":"id","routeKey":"$default","stage":"$default","time":"12/Mar/2020:19:03:58 +0000",
                   "timeEpoch":1583348638390,
                   "http":{"method":"POST","path":"/my/path","protocol":"HTTP/1.1","sourceIp":"192.0.2.1","userAgent":"agent"},
                   "authentication":{"clientCert":{"clientCertPem":"CERT","subjectDN":"www.example.com","issuerDN":"Example issuer",
                     "serialNumber":"a1:a1","validity":{"notBefore":"May 28 12:30:02 2019 GMT","notAfter":"Aug  5 09:36:04 2021 GMT"}}},
                   "authorizer":{"jwt":{"claims":{"claim1":"value1","exp":"1795000000"},"scopes":["scope1","scope2"]},
                     "lambda":{"userId":"u1","level":3,"nested":{"a":[1,"b"]}},
                     "iam":{"accessKey":"AKIA","accountId":"111122223333","callerId":"AIDA","principalOrgId":null,
                       "userArn":"arn:aws:iam::111122223333:user/example-user","userId":"AIDA",
                       "cognitoIdentity":{"amr":["foo"],"identityId":"us-east-1:321ab","identityPoolId":"us-east-1:abc"}}}}}
                """;

        APIGatewayV2HTTPEvent ours = HttpApiJson.read(json.getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPEvent theirs = RUNTIME_EVENTS.fromJson(json);
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.getRequestContext().getAuthorizer().getIam().getCognitoIdentity().getAmr()).containsExactly("foo");
        assertThat(ours.getRequestContext().getAuthorizer().getLambda()).containsEntry("level", 3);
    }

    @Test
    void write_aJsonResponse_isWhatTheRuntimeWritesLessItsNulls() throws IOException {
        var response = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json; charset=utf-8", "Location", "/requests/261128-0001"))
                .withBody("{\"id\":\"261128-0001\",\"description\":\"电梯停了\"}").build();

        assertSameAsRuntime(response);
    }

    @Test
    void write_everyField_isWhatTheRuntimeWrites() throws IOException {
        var response = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "image/png"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Origin", "Accept-Language")))
                .withCookies(List.of("a=b; Secure"))
                .withBody("iVBORw0KGgo=").withIsBase64Encoded(true).build();

        assertSameAsRuntime(response);
    }

    @Test
    void write_noBodyNoHeaders_isWhatTheRuntimeWrites() throws IOException {
        assertSameAsRuntime(APIGatewayV2HTTPResponse.builder().withStatusCode(204).build());
    }

    private static void assertSameAsRuntime(APIGatewayV2HTTPResponse response) throws IOException {
        var ours = new ByteArrayOutputStream();
        HttpApiJson.write(response, ours);
        var theirs = new ByteArrayOutputStream();
        RUNTIME_RESPONSES.toJson(response, theirs);

        JsonNode expected = withoutNulls(Json.MAPPER.readTree(theirs.toByteArray()));
        assertThat(Json.MAPPER.readTree(ours.toByteArray())).isEqualTo(expected);
        assertThat(RUNTIME_RESPONSES.fromJson(ours.toString(StandardCharsets.UTF_8))).isEqualTo(response);
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(e -> e.getValue().isNull());
            object.properties().forEach(e -> withoutNulls(e.getValue()));
        }
        return node;
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
