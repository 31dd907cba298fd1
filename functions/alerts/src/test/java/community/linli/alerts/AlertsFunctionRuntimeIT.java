package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import community.linli.platform.store.StreamImages;
import community.linli.tables.notices.Audience;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.requests.HeldAlert;
import community.linli.tables.requests.RequestStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.Repo;
import community.linli.testkit.lambda.PackagedFunction;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AlertsFunction's deployment zip as Lambda runs it ({@link PackagedFunction}: the runtime interface
 * client, a fake Runtime API), handed the stream batches of events/ as the event source mapping
 * hands them, and the digest schedule's input as EventBridge Scheduler hands it; the alerts are read
 * back from SQS.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsFunctionRuntimeIT {

    @Test
    void newRequestOverdueAndEscalationBatches_throughTheRuntimeInterfaceClient_alertG03sWorkerThenStaff(LocalAws aws) throws Exception {
        World world = World.demo(aws);
        JsonNode fixture = Json.MAPPER.readTree(HttpEvents.fixtureJson("alerts-new-request.json"));
        aws.dynamoDb().putItem(r -> r.tableName(aws.name("RequestsTable"))
                .item(StreamImages.fromJson(fixture.at("/Records/0/dynamodb/NewImage"))));
        String g03 = world.subscribe(AlertsHandlerTest.G03_WORKER);
        String staff = world.subscribe(AlertsHandlerTest.STAFF);
        var function = PackagedFunction.of(aws, "AlertsFunction").log(getClass().getSimpleName());

        JsonNode submitted = function.invoke("alerts-new-request.json").json();
        JsonNode overdue = function.invoke("alerts-overdue.json").json();
        JsonNode escalated = function.invoke("alerts-escalation.json").json();

        assertThat(submitted.path("batchItemFailures")).as(submitted.toString()).isEmpty();
        assertThat(overdue.path("batchItemFailures")).as(overdue.toString()).isEmpty();
        assertThat(escalated.path("batchItemFailures")).as(escalated.toString()).isEmpty();
        assertThat(world.drain(g03)).extracting(n -> n.attribute("kind") + " " + n.attribute("recipient") + " " + n.message())
                .containsExactlyInAnyOrder(
                        "new_request " + DemoCommunity.GRID_WORKER_ID + " 新诉求261128-0001：电梯故障，9号楼。https://linli.community/m/r/261128-0001",
                        "overdue " + DemoCommunity.GRID_WORKER_ID + " 诉求261128-0001超期未办结：电梯故障，9号楼。https://linli.community/m/r/261128-0001");
        assertThat(world.drain(staff)).as("level 2: no roster in this world, so the staff members").extracting(n -> n.attribute("kind")
                + " " + n.attribute("recipient")).containsExactly("new_request " + DemoCommunity.STAFF_ID, "overdue_on_duty " + DemoCommunity.STAFF_ID);
    }

    @Test
    void assignmentBatch_alertsTheAssigneeItNames(LocalAws aws) {
        World world = World.demo(aws);
        String assignee = world.subscribe("{\"recipient\": [\"" + DemoCommunity.GRID_WORKER_ID + "\"]}");

        JsonNode response = PackagedFunction.of(aws, "AlertsFunction").log(getClass().getSimpleName()).invoke("requests-stream.json").json();

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(world.drain(assignee)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "assigned").containsEntry("channel", "sms");
            assertThat(n.message()).startsWith("诉求261128-0001已派给您：电梯故障，9号楼。");
        });
    }

    /**
     * The fixture is the batch the NoticesStream mapping delivers for the notice's announcement removed
     * (its filter passes that record alone); only its {@code eventSourceARN} is this run's NoticesTable's,
     * by which the function tells the notices stream from the requests stream.
     */
    @Test
    void emergencyNoticeBatch_throughTheRuntimeInterfaceClient_pagesG03sAndG04sWorkers_andNoOtherGrids(LocalAws aws) throws Exception {
        var notices = new EmergencyNoticeAlertsTest.Notices(aws);
        ObjectNode fixture = (ObjectNode) Json.MAPPER.readTree(HttpEvents.fixtureJson("alerts-notices-emergency.json"));
        String noticeId = fixture.at("/Records/0/dynamodb/OldImage/noticeId/S").asText();
        Instant now = notices.world.clock.instant();
        Notice draft = new Notice(DemoCommunity.ID, noticeId, "燃气泄漏紧急通知", "请关闭燃气阀门、开窗通风，不要使用明火。", NoticeKind.EMERGENCY, List.of(),
                Audience.grids(List.of("G03", "G04")), null, now.plus(Duration.ofDays(3)), NoticeStatus.DRAFT, 1, now, now,
                DemoCommunity.STAFF_ID, null, EmergencyNoticeAlertsTest.FORM);
        notices.store.create(draft);
        notices.publish(draft);
        ((ObjectNode) fixture.get("Records").get(0)).put("eventSourceARN", notices.stream.arn());
        String g03 = notices.world.subscribe(EmergencyNoticeAlertsTest.gridWorkers("G03"));
        String g04 = notices.world.subscribe(EmergencyNoticeAlertsTest.gridWorkers("G04"));
        String g01 = notices.world.subscribe(EmergencyNoticeAlertsTest.gridWorkers("G01"));

        JsonNode response = PackagedFunction.of(aws, "AlertsFunction").log(getClass().getSimpleName()).invokeJson(fixture.toString()).json();

        assertThat(response.path("batchItemFailures")).as(response.toString()).isEmpty();
        assertThat(notices.world.drain(g03)).extracting(n -> n.attribute("recipient") + " " + n.attribute("channel") + " " + n.message())
                .containsExactly(DemoCommunity.GRID_WORKER_ID + " sms 【紧急通知】燃气泄漏紧急通知。https://linli.community/m/n/" + noticeId);
        assertThat(notices.world.drain(g04)).extracting(n -> n.attribute("recipient")).containsExactly(DemoCommunity.gridWorkerId(4));
        assertThat(notices.world.drain(g01)).isEmpty();
    }

    @Test
    void digestSchedule_throughTheRuntimeInterfaceClient_sendsTheMorningDigestOfWhatWasHeld(LocalAws aws) {
        World world = World.demo(aws);
        String g03 = world.subscribe(AlertsHandlerTest.G03_WORKER);
        Instant released = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
        assertThat(world.requests.holdAlert(new HeldAlert(DemoCommunity.ID, "held-alert-id-00000001", released,
                DemoCommunity.GRID_WORKER_ID, "grid_worker", "261128-0001", "new_request", "G03",
                "新诉求261128-0001：电梯故障，9号楼。https://linli.community/m/r/261128-0001"))).isEqualTo(RequestStore.Hold.HELD);

        JsonNode output = PackagedFunction.of(aws, "AlertsFunction").log(getClass().getSimpleName())
                .invoke("alerts-digest-schedule.json").json();

        assertThat(output.path("digests").asInt()).as(output.toString()).isEqualTo(1);
        assertThat(world.drain(g03)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "digest").containsEntry("recipient", DemoCommunity.GRID_WORKER_ID);
            assertThat(n.message()).contains("1. 新诉求261128-0001：电梯故障，9号楼。");
        });
    }

    @Test
    void digestScheduleFixture_isTheInputTheTemplatesScheduleSends(LocalAws aws) throws Exception {
        Object input = aws.template().eventsOf("AlertsFunction", "ScheduleV2").get("DigestSchedule").get("Input");

        assertThat(Files.readString(Repo.file("events/alerts-digest-schedule.json")).strip()).isEqualTo(aws.provisioned().resolve(input));
    }
}
