package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.overduesweep.OverdueSweepHandler;
import community.linli.platform.Json;
import community.linli.tables.requests.RequestItems;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.FaultProxy;
import community.linli.testkit.FaultProxy.Fault;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.ProblemBodies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB, S3 and KMS failing under the RequestsFunction, injected by {@link FaultProxy} between the
 * SDK and moto: the handler is built by its no-arg constructor, as Lambda builds it, with the call
 * budget set through the same variables template.yaml sets (2 attempts, short timeouts). Each
 * outage is a 503 problem with Retry-After that openapi.yaml documents, and leaves no request.
 */
@ExtendWith(MotoExtension.class)
class DependencyFailureTest {
    Api api;
    Api faulty;
    FaultProxy proxy;
    LocalAws aws;
    Persona resident = Persona.resident();

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        api = new Api(aws);
        proxy = FaultProxy.start(aws.endpoint());
        aws.overrideEnvironment("RequestsFunction", proxy.environment());
        aws.overrideEnvironment("OverdueSweepFunction", proxy.environment());
        faulty = api.through(aws.construct("RequestsFunction", RequestsHandler::new));
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    /** The RequestsTable's items but the tracking-number counters, which may move without a request (a number is then skipped). */
    List<Map<String, AttributeValue>> requestItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items().forEach(items::add);
        String counters = RequestItems.counterKey(DemoCommunity.ID, "").get("pk").s();
        items.removeIf(item -> item.get("pk").s().startsWith(counters));
        return items;
    }

    static void assertUnavailable(Api.Reply reply) {
        ProblemBodies.assertUnavailable(reply.status(), reply.headers(), reply.body());
    }

    @Test
    void submit_whenTheTransactionIsThrottledBeyondTheRetries_returns503WithRetryAfter_andStoresNoRequest() {
        var before = requestItems();
        proxy.inject("dynamodb", "TransactWriteItems", Fault.dynamoDbThrottling());

        var reply = faulty.submit(resident, Api.submitBody());

        assertUnavailable(reply);
        assertThat(proxy.faulted("dynamodb", "TransactWriteItems")).as("the SDK retried once").isEqualTo(2);
        assertThat(requestItems()).isEqualTo(before);
    }

    @Test
    void submit_whenDynamoDbCancelsTheTransactionForAThrottledItem_returns503_andStoresNoRequest() {
        var before = requestItems();
        proxy.inject("dynamodb", "TransactWriteItems", Fault.dynamoDbTransactionThrottled(2));

        var reply = faulty.submit(resident, Api.submitBody());

        assertUnavailable(reply);
        assertThat(requestItems()).isEqualTo(before);
    }

    @Test
    void submit_withAPhoto_whenS3SlowsDown_returns503_andStoresNoRequest() {
        String photo = faulty.uploadPhoto(resident, Photos.jpeg(), "image/jpeg");
        var before = requestItems();
        proxy.inject("s3", "HeadObject", Fault.s3SlowDown());
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("photoKeys", List.of(photo));

        var reply = faulty.submit(resident, body);

        assertUnavailable(reply);
        assertThat(proxy.faulted("s3", "HeadObject")).isEqualTo(2);
        assertThat(requestItems()).isEqualTo(before);
    }

    @Test
    void submit_withAContactPhone_whenKmsThrottles_returns503_andStoresNoRequest() {
        var before = requestItems();
        proxy.inject("kms", "*", Fault.kmsThrottling());
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("contactPhone", "13812345678");

        var reply = faulty.submit(resident, body);

        assertUnavailable(reply);
        assertThat(proxy.calls()).filteredOn(FaultProxy.Call::faulted).extracting(FaultProxy.Call::service).containsOnly("kms").hasSize(2);
        assertThat(proxy.calls()).noneMatch(c -> c.operation().equals("TransactWriteItems"));
        assertThat(requestItems()).isEqualTo(before);
    }

    @Test
    void submit_withAPhoto_whenNothingFails_isStoredThroughTheProxy() {
        String photo = faulty.uploadPhoto(resident, Photos.jpeg(), "image/jpeg");
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("photoKeys", List.of(photo));

        var reply = faulty.submit(resident, body).expect(201);

        assertThat(api.get(resident, reply.text("/id")).expect(200).body().get("photos")).hasSize(1);
        assertThat(proxy.calls()).extracting(FaultProxy.Call::operation).contains("HeadObject", "TransactWriteItems");
    }

    @Test
    void get_whenDynamoDbFails_returns503InEnglishToo() {
        String id = api.submitted(resident);
        proxy.inject("dynamodb", "*", Fault.dynamoDbInternalError());

        var reply = faulty.call(community.linli.testkit.HttpEvents.from("requests-get.json").as(resident)
                .pathParameter("id", id).header("Accept-Language", "en").build());

        assertUnavailable(reply);
        assertThat(reply.text("/title_en")).isEqualTo("Temporarily unavailable");
        assertThat(reply.text("/detail_en")).doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void get_whenDynamoDbDoesNotAnswer_returns503WithinTheCallBudget_andLogsTheOperation() {
        String id = api.submitted(resident);
        proxy.inject("dynamodb", "*", Fault.noAnswerFor(Duration.ofSeconds(10)));
        var log = new ByteArrayOutputStream();
        PrintStream out = System.out;
        long start = System.nanoTime();

        Api.Reply reply;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            reply = faulty.get(resident, id);
        } finally {
            System.setOut(out);
        }

        assertUnavailable(reply);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        JsonNode line = Json.parse(log.toString(StandardCharsets.UTF_8).strip(), JsonNode.class);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("event").asText()).isEqualTo("http.dependency");
        assertThat(line.get("kind").asText()).isEqualTo("timeout");
        assertThat(line.get("service").asText()).isEqualTo("DynamoDb");
        assertThat(line.get("operation").asText()).isNotBlank();
    }

    @Test
    void overdueSweep_whenDynamoDbIsThrottled_failsTheInvocation_soLambdaRetriesIt() {
        proxy.inject("dynamodb", "*", Fault.dynamoDbThroughputExceeded());
        OverdueSweepHandler sweep = aws.construct("OverdueSweepFunction", OverdueSweepHandler::new);
        var input = new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> sweep.handleRequest(input, new ByteArrayOutputStream(), null))
                .isInstanceOf(SdkException.class);
    }
}
