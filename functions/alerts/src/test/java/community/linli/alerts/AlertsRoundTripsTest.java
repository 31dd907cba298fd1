package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.Priming;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.notices.Audience;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStore;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AWS calls per batch and per alert (README "Alerts"). A batch reads the registry once (one Query)
 * and each category and building once (one BatchGetItem); each alert is a GetItem of its sent
 * record, a Publish and a PutItem; an overdue or escalation mark adds the GetItem of its request;
 * the duty is one Query a batch that alerts staff or the head; an alert sent before costs its
 * GetItem only.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsRoundTripsTest {
    private final RoundTrips dynamo = new RoundTrips();
    private final RoundTrips sns = new RoundTrips();

    private AlertsHandler counted(LocalAws aws, World world) {
        var env = aws.environment("AlertsFunction");
        var client = aws.countingDynamoDb(dynamo);
        return new AlertsHandler(new RequestStore(client, env.get("REQUESTS_TABLE"), world.clock),
                StaffStore.reader(client, env.get("STAFF_TABLE")), new DirectoryStore(client, env.get("DIRECTORY_TABLE")),
                aws.countingSns(sns), env.get("ALERTS_TOPIC"), env.get("ALERT_LINK_BASE_URL"), world.clock);
    }

    @Test
    void aBatchOfTwoRequestsWithThreeAlerts_isOneQueryThreeBatchGets_andThreeCallsPerAlert(LocalAws aws) {
        World world = World.demo(aws);
        world.file("elevator", 3, Priority.URGENT);
        world.file("elevator", 4, Priority.NORMAL);
        var records = world.newRecords();

        world.deliver(counted(aws, world), records);

        // Two BatchGetItem for the names of each request, one for the quiet hours (asked by the normal one's email);
        // one Query of the registry, its members and duty together, for the grid workers and the urgent request's staff.
        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 1, "BatchGetItem", 3, "GetItem", 3, "PutItem", 3));
        assertThat(sns.byOperation()).isEqualTo(Map.of("Publish", 3));
    }

    @Test
    void anOverdueMark_addsTheRequestsGetItem(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        world.markOverdue(request);
        var records = world.newRecords();

        world.deliver(counted(aws, world), records);

        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 1, "BatchGetItem", 1, "GetItem", 2, "PutItem", 1));
        assertThat(sns.byOperation()).isEqualTo(Map.of("Publish", 1));
    }

    @Test
    void eachStepOfAnEscalation_isTheRequestsGetItemAndThreeCallsPerAlert_andTheRegistryOnceABatch(LocalAws aws) {
        World world = World.demo(aws);
        DemoCommunity.seedDuty(world.staff);
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        for (EscalationStep step : EscalationStep.values()) world.markEscalation(request, step);
        var records = world.newRecords();

        world.deliver(counted(aws, world), records);

        assertThat(dynamo.byOperation()).as("the registry with its duty; per mark the request's GetItem; names, and the quiet"
                        + " hours the warning's email asks for; per alert GetItem and PutItem")
                .isEqualTo(Map.of("Query", 1, "GetItem", 3 + 3, "BatchGetItem", 2, "PutItem", 3));
        assertThat(sns.byOperation()).as("the grid's worker warned, 陈静 on duty, 赵敏 the head").isEqualTo(Map.of("Publish", 3));
    }

    @Test
    void aRetriedBatch_costsAGetItemPerAlert_andPublishesNothing(LocalAws aws) {
        World world = World.demo(aws);
        world.file("elevator", 3, Priority.URGENT);
        var records = world.newRecords();
        world.deliver(world.handler(), records);

        world.deliver(counted(aws, world), records);

        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 1, "BatchGetItem", 1, "GetItem", 2));
        assertThat(sns.byOperation()).isEmpty();
    }

    @Test
    void aNonUrgentAlertInQuietHours_isOneTransaction_andNoPublish(LocalAws aws) {
        World world = World.demo(aws);
        world.clock.set(Instant.parse("2026-11-30T23:00:00+08:00"));
        world.file("elevator", 3, Priority.NORMAL);
        var records = world.newRecords();

        world.deliver(counted(aws, world), records);

        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 1, "BatchGetItem", 2, "TransactWriteItems", 1));
        assertThat(sns.byOperation()).isEmpty();
    }

    @Test
    void aDigestRun_isAQueryPerCommunity_andForOnePersonsDigest_sevenCallsAndOnePublish(LocalAws aws) {
        World world = World.demo(aws);
        world.clock.set(Instant.parse("2026-11-30T23:00:00+08:00"));
        world.file("elevator", 3, Priority.NORMAL);
        world.file("water_leak", 3, Priority.NORMAL);
        world.deliverNew();
        world.clock.set(Instant.parse("2026-12-01T06:00:00+08:00"));
        Priming.invoke(counted(aws, world), "{}");
        assertThat(dynamo.byOperation()).as("nothing due").isEqualTo(Map.of("Query", 2));
        dynamo.reset();
        world.clock.set(Instant.parse("2026-12-01T07:00:00+08:00"));

        Priming.invoke(counted(aws, world), "{}");

        // The communities, the held alerts, the digest begun, the held alerts again, Delivery's three, their removal.
        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 3, "PutItem", 2, "GetItem", 1, "BatchWriteItem", 1));
        assertThat(sns.byOperation()).isEqualTo(Map.of("Publish", 1));
    }

    @Test
    void anEmergencyNoticeToTwoGrids_isTheNoticesGetItemOneQuery_andThreeCallsPerGridWorker_anAnnouncementNone(LocalAws aws) {
        World world = World.demo(aws);
        var env = aws.environment("AlertsFunction");
        var client = aws.countingDynamoDb(dynamo);
        var handler = new AlertsHandler(new RequestStore(client, env.get("REQUESTS_TABLE"), world.clock),
                StaffStore.reader(client, env.get("STAFF_TABLE")), new DirectoryStore(client, env.get("DIRECTORY_TABLE")),
                aws.countingSns(sns), env.get("ALERTS_TOPIC"), env.get("ALERT_LINK_BASE_URL"), world.clock,
                new NoticeStore(client, env.get("NOTICES_TABLE")), env.get("NOTICES_TABLE"), env.get("NOTICE_LINK_BASE_URL"));
        var notices = new EmergencyNoticeAlertsTest.Notices(world);
        notices.publish(notices.draft(NoticeKind.ANNOUNCEMENT, "停水通知", Audience.grids(List.of("G03")), null));
        notices.deliver(handler, notices.stream.newRecords());
        assertThat(dynamo.byOperation()).as("an announcement's removal reads nothing").isEmpty();
        assertThat(sns.byOperation()).isEmpty();

        notices.emergency("燃气泄漏紧急通知", Audience.grids(List.of("G03", "G04")));
        notices.deliver(handler, notices.stream.newRecords());

        // The notice's GetItem; the registry's Query; per grid worker the sent record's GetItem, a Publish and a PutItem.
        assertThat(dynamo.byOperation()).isEqualTo(Map.of("Query", 1, "GetItem", 1 + 2, "PutItem", 2));
        assertThat(sns.byOperation()).isEqualTo(Map.of("Publish", 2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePolicysDynamoDbActions_areExactlyTheCallsOfABatch_aHold_andADigestRun(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest request = world.file("elevator", 3, Priority.URGENT);
        world.file("water_leak", 4, Priority.NORMAL);
        world.deliver(counted(aws, world), world.newRecords());
        world.markOverdue(request);
        world.deliver(counted(aws, world), world.newRecords());
        world.clock.set(Instant.parse("2026-11-30T23:00:00+08:00"));
        world.file("elevator", 3, Priority.NORMAL);
        world.deliver(counted(aws, world), world.newRecords());
        world.clock.set(Instant.parse("2026-12-01T07:00:00+08:00"));
        Priming.invoke(counted(aws, world), "{}");

        Set<String> made = new TreeSet<>();
        for (String operation : dynamo.byOperation().keySet()) {
            // A transaction is authorized as its parts: the sent record's and held item's Put, the digest's ConditionCheck.
            if (operation.equals("TransactWriteItems")) made.addAll(List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem"));
            else made.add("dynamodb:" + operation);
        }
        Set<String> granted = new TreeSet<>();
        for (Object policy : (List<Object>) aws.template().properties("AlertsFunction").get("Policies")) {
            for (Map<String, Object> statement : (List<Map<String, Object>>) ((Map<String, Object>) policy).get("Statement")) {
                Object action = statement.get("Action");
                List<String> actions = action instanceof List<?> many ? (List<String>) many : List.of((String) action);
                // The table key's KMS actions are DynamoDB's on the function's behalf, not calls it makes.
                actions.stream().filter(a -> a.startsWith("dynamodb:")).forEach(granted::add);
            }
        }
        assertThat(granted).isEqualTo(made);
    }
}
