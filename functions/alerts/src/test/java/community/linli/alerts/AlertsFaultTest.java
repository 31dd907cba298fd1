package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.ResidentRequest;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.FaultProxy;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * SNS fails for a while and comes back. The function's calls go through {@link FaultProxy}: every
 * Publish before and after the outage reaches moto on SNS's wire protocol, the ones during it are
 * answered with SNS's Throttling. The stream is delivered as Lambda's event source mapping delivers
 * it: batches of 4 in shard order, a batch retried from the first record its response names. In
 * the end every alert arrives exactly once, read back from SQS.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsFaultTest {
    private static final int BATCH = 4;
    private FaultProxy proxy;

    @AfterEach
    void tearDown() {
        if (proxy != null) proxy.close();
    }

    @Test
    void snsFailingForARunOfRecords_thenRecovering_deliversEveryAlertExactlyOnce(LocalAws aws) {
        World world = World.demo(aws);
        String all = world.subscribe(null);
        String g03 = world.subscribe(AlertsHandlerTest.G03_WORKER);
        List<ResidentRequest> filed = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            filed.add(world.file("water_leak", 1 + i % 5, i % 3 == 0 ? Priority.URGENT : Priority.NORMAL));
        }
        int expected = filed.size() + (int) filed.stream().filter(Alerts::urgent).count();
        proxy = FaultProxy.start(aws.endpoint());
        aws.overrideEnvironment("AlertsFunction", proxy.environment());
        // Generous attempt timeouts: only the injected faults fail a call. A Publish that moto, slowed by
        // a loaded machine, accepts after the client gave up on it would be retried and sent twice; that
        // window (a Publish's answer lost) is README "Alerts"'s one duplicate, and not what this test is about.
        aws.overrideEnvironment("AlertsFunction", Map.of(Aws.Calls.ATTEMPT_TIMEOUT_VARIABLE, "20000",
                Aws.Calls.CALL_TIMEOUT_VARIABLE, "60000"));
        // Two alerts go out, then 8 Publish attempts fail (4 records' worth, 2 SDK attempts each), then SNS is back.
        proxy.injectRun("sns", "Publish", 2, 8, FaultProxy.Fault.snsThrottling());

        List<Record> pending = new ArrayList<>(world.newRecords());
        List<JsonNode> responses = new ArrayList<>();
        for (int invocation = 0; !pending.isEmpty(); invocation++) {
            assertThat(invocation).as("invocations until the stream is done").isLessThan(30);
            List<Record> batch = List.copyOf(pending.subList(0, Math.min(BATCH, pending.size())));
            JsonNode response = world.deliver(world.handler(), batch);
            responses.add(response);
            pending.subList(0, processed(response, batch)).clear();
        }

        List<World.Notification> delivered = world.drain(all);
        assertThat(proxy.faulted("sns", "Publish")).isEqualTo(8);
        assertThat(responses).filteredOn(r -> !r.path("batchItemFailures").isEmpty()).as("batches that reported failures").isNotEmpty()
                .allSatisfy(AlertsFaultTest::namesTheFailedRecordAndEveryOneAfterIt);
        assertThat(delivered).hasSize(expected);
        Set<String> ids = new HashSet<>();
        delivered.forEach(n -> assertThat(ids.add(n.attribute("alertId"))).as("alert %s once", n.attribute("alertId")).isTrue());
        assertThat(world.drain(g03)).extracting(n -> n.attribute("recipient")).containsOnly(DemoCommunity.GRID_WORKER_ID)
                .hasSize((int) filed.stream().filter(r -> "G03".equals(r.gridId())).count());
        assertThat(filed).allSatisfy(r -> assertThat(world.requests.find(r.communityId(), r.id())).as("stored the first time").isPresent());
    }

    /** How many records of the batch are done, as Lambda reads a StreamsEventResponse: those before the first failure named. */
    private static int processed(JsonNode response, List<Record> batch) {
        int first = batch.size();
        for (JsonNode failure : response.path("batchItemFailures")) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(failure.path("itemIdentifier").asText())) first = Math.min(first, i);
            }
        }
        return first;
    }

    private static void namesTheFailedRecordAndEveryOneAfterIt(JsonNode response) {
        List<String> named = new ArrayList<>();
        response.path("batchItemFailures").forEach(f -> named.add(f.path("itemIdentifier").asText()));
        assertThat(named).doesNotHaveDuplicates().isSorted();
    }
}
