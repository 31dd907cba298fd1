package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Outage;
import community.linli.platform.http.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The fault proxy on moto: what no rule matches reaches moto unchanged, and what a rule matches
 * fails as AWS fails. SNS has no publisher among the functions yet (the alerts come later), so its
 * fault is shown here, on a client from the house factory and through the one error mapper.
 */
@ExtendWith(MotoExtension.class)
class FaultProxyTest {
    LocalAws aws;
    FaultProxy proxy;
    Aws.Settings throughProxy;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        proxy = FaultProxy.start(aws.endpoint());
        Map<String, String> env = new LinkedHashMap<>(LocalAws.awsEnvironment(aws.endpoint()));
        env.putAll(proxy.environment());
        throughProxy = Env.with(env, Aws.Settings::fromEnv);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    @Test
    void requestsNoRuleMatches_reachMotoUnchanged() {
        var dynamo = Aws.dynamoDb(throughProxy);
        var s3 = Aws.s3(throughProxy);
        String table = aws.name("RequestsTable");
        String bucket = aws.name("FilesBucket");

        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s"))));
        s3.putObject(r -> r.bucket(bucket).key("uploads/demo/a.jpg").contentType("image/jpeg"), RequestBody.fromBytes(new byte[1234]));

        assertThat(dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s"))))
                .item()).containsKey("pk");
        var head = s3.headObject(r -> r.bucket(bucket).key("uploads/demo/a.jpg"));
        assertThat(head.contentLength()).isEqualTo(1234);
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(proxy.calls()).extracting(FaultProxy.Call::operation).containsExactly("PutItem", "PutObject", "GetItem", "HeadObject");
        assertThat(proxy.calls()).noneMatch(FaultProxy.Call::faulted);
    }

    @Test
    void aDependencyThatDoesNotAnswer_endsTheCallWithinItsBudget() {
        var dynamo = Aws.dynamoDb(throughProxy);
        proxy.inject("dynamodb", "GetItem", FaultProxy.Fault.noAnswerFor(Duration.ofSeconds(10)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(aws.name("RequestsTable"))
                .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s")))))
                .isInstanceOf(SdkException.class)
                .satisfies(e -> assertThat(Outage.of(e)).get().extracting(Outage::kind).isEqualTo("timeout"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(proxy.faulted("dynamodb", "GetItem")).isEqualTo(2);
    }

    @Test
    void snsThrottlingBeyondTheRetries_answers503ProblemWithRetryAfter_andLogsOneWarnLine() {
        SnsClient sns = Aws.sns(throughProxy);
        String topic = aws.arn("AlertsTopic");
        proxy.inject("sns", "Publish", FaultProxy.Fault.snsThrottling());
        var event = HttpEvents.from("requests-get.json").header("Accept-Language", "en").build();
        var log = new ByteArrayOutputStream();
        PrintStream out = System.out;

        APIGatewayV2HTTPResponse response;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            response = Http.respond(event, () -> {
                sns.publish(p -> p.topicArn(topic).message("告警"));
                return Http.noContent();
            });
        } finally {
            System.setOut(out);
        }

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "5")
                .containsEntry("Content-Type", "application/problem+json; charset=utf-8");
        JsonNode body = Json.parse(response.getBody(), JsonNode.class);
        assertThat(body.get("type").asText()).isEqualTo("https://linli.community/problems/unavailable");
        assertThat(body.get("status").asInt()).isEqualTo(503);
        assertThat(body.get("title").asText()).isEqualTo("服务暂时不可用");
        assertThat(body.get("detail_en").asText()).doesNotContainPattern("\\p{IsHan}");
        assertThat(proxy.faulted("sns", "Publish")).as("the SDK's attempts").isEqualTo(2);
        String line = log.toString(StandardCharsets.UTF_8).strip();
        assertThat(line.lines()).hasSize(1);
        JsonNode logged = Json.parse(line, JsonNode.class);
        assertThat(logged.get("level").asText()).isEqualTo("WARN");
        assertThat(logged.get("service").asText()).isEqualTo("Sns");
        assertThat(logged.get("operation").asText()).isEqualTo("Publish");
        assertThat(logged.get("error").asText()).isEqualTo("Throttling");
        assertThat(logged.has("stack")).isFalse();
        assertThat(line).doesNotContain("告警");
    }
}
