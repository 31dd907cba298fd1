package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.RoundTrips;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AWS calls per batch and per alert (README "Alerts"). A batch reads the registry once (one Query)
 * and each category and building once (one BatchGetItem); each alert is a GetItem of its sent
 * record, a Publish and a PutItem; an overdue or escalation mark adds the GetItem of its request;
 * the duty is one GetItem a batch that alerts staff or the head; an alert sent before costs its
 * GetItem only.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsRoundTripsTest {
    private final RoundTrips dynamo = new RoundTrips();
    private final RoundTrips sns = new RoundTrips();

    private AlertsHandler counted(LocalAws aws) {
        var env = aws.environment("AlertsFunction");
        var client = aws.countingDynamoDb(dynamo);
        return new AlertsHandler(new RequestStore(client, env.get("REQUESTS_TABLE"), Clock.systemUTC()),
                StaffStore.reader(client, env.get("STAFF_TABLE")), new DirectoryStore(client, env.get("DIRECTORY_TABLE")),
                aws.countingSns(sns), env.get("ALERTS_TOPIC"), env.get("ALERT_LINK_BASE_URL"));
    }

    @Test
    void aBatchOfTwoRequestsWithThreeAlerts_isOneQueryTwoBatchGets_andThreeCallsPerAlert(LocalAws aws) {
        World world = World.demo(aws);
        world.file("elevator", 3, Priority.URGENT);
        world.file("elevator", 4, Priority.NORMAL);
        var records = world.newRecords();

        world.deliver(counted(aws), records);

        assertThat(dynamo.byOperation()).as("the duty read once, for the urgent request's staff")
                .isEqualTo(Map.of("Query", 1, "BatchGetItem", 2, "GetItem", 1 + 3, "PutItem", 3));
        assertThat(sns.byOperation()).isEqualTo(Map.of("Publish", 3));
    }

    @Test
    void anOverdueMark_addsTheRequestsGetItem(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        world.markOverdue(request);
        var records = world.newRecords();

        world.deliver(counted(aws), records);

        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 1, "BatchGetItem", 1, "GetItem", 2, "PutItem", 1));
        assertThat(sns.byOperation()).isEqualTo(Map.of("Publish", 1));
    }

    @Test
    void eachStepOfAnEscalation_isTheRequestsGetItemAndThreeCallsPerAlert_andTheDutyOnceABatch(LocalAws aws) {
        World world = World.demo(aws);
        DemoCommunity.seedDuty(world.staff);
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        for (EscalationStep step : EscalationStep.values()) world.markEscalation(request, step);
        var records = world.newRecords();

        world.deliver(counted(aws), records);

        assertThat(dynamo.byOperation()).as("registry; duty; per mark the request's GetItem; names; per alert GetItem and PutItem")
                .isEqualTo(Map.of("Query", 1, "GetItem", 1 + 3 + 3, "BatchGetItem", 1, "PutItem", 3));
        assertThat(sns.byOperation()).as("the grid's worker warned, 陈静 on duty, 赵敏 the head").isEqualTo(Map.of("Publish", 3));
    }

    @Test
    void aRetriedBatch_costsAGetItemPerAlert_andPublishesNothing(LocalAws aws) {
        World world = World.demo(aws);
        world.file("elevator", 3, Priority.URGENT);
        var records = world.newRecords();
        world.deliver(world.handler(), records);

        world.deliver(counted(aws), records);

        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 1, "BatchGetItem", 1, "GetItem", 1 + 2));
        assertThat(sns.byOperation()).isEmpty();
    }
}
