package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.TimelineEvent;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AlertsFunction on moto: requests written as RequestsFunction writes them, their stream records
 * read through the Streams API and delivered to the handler, and the alerts read back from SQS
 * queues subscribed to the AlertsTopic with the filter policies a deployer gives each person.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsHandlerTest {
    static final String G03_WORKER = "{\"grids\": [\"G03\"], \"role\": [\"grid_worker\"]}";
    static final String G01_WORKER = "{\"grids\": [\"G01\"], \"role\": [\"grid_worker\"]}";
    static final String STAFF = "{\"role\": [\"staff\"]}";

    @Test
    void urgentNewRequest_reachesItsGridsWorkerAndStaff_bySms_andNoOtherGridsWorker(LocalAws aws) {
        World world = World.demo(aws);
        String g03 = world.subscribe(G03_WORKER);
        String g01 = world.subscribe(G01_WORKER);
        String staff = world.subscribe(STAFF);

        ResidentRequest request = world.file("elevator", 3, Priority.URGENT);
        world.deliverNew();

        var worker = world.drain(g03);
        assertThat(worker).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("recipient", DemoCommunity.GRID_WORKER_ID).containsEntry("role", "grid_worker")
                    .containsEntry("kind", "new_request").containsEntry("channel", "sms").containsEntry("urgency", "urgent")
                    .containsEntry("community", "demo").containsEntry("grids", "[\"G03\"]")
                    .containsEntry("smsVariables", "{\"id\":\"" + request.id() + "\",\"category\":\"电梯故障\",\"building\":\"9号楼\"}");
            // SNS delivers at most 10 message attributes to an SQS subscriber with raw delivery (the SMS sender's).
            assertThat(n.attributes()).hasSizeLessThanOrEqualTo(10);
            assertThat(n.message()).contains(request.id(), "电梯故障", "9号楼", "https://linli.community/m/r/" + request.id())
                    .hasSizeLessThanOrEqualTo(AlertTexts.SMS_LENGTH);
        });
        assertThat(world.drain(g01)).isEmpty();
        assertThat(world.drain(staff)).singleElement()
                .satisfies(n -> assertThat(n.attributes()).containsEntry("recipient", DemoCommunity.STAFF_ID).containsEntry("channel", "sms"));
    }

    @Test
    void normalNewRequest_reachesOnlyItsGridsWorker_byEmail(LocalAws aws) {
        World world = World.demo(aws);
        String g01 = world.subscribe(G01_WORKER);
        String staff = world.subscribe(STAFF);

        ResidentRequest request = world.file("water_leak", 1, Priority.NORMAL);
        world.deliverNew();

        assertThat(world.drain(g01)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("recipient", DemoCommunity.gridWorkerId(1)).containsEntry("channel", "email")
                    .doesNotContainKey("smsVariables");
            assertThat(n.subject()).isEqualTo("邻里 新诉求 " + request.id());
            assertThat(n.message()).contains("诉求编号：" + request.id(), "类别：漏水渗水", "位置：1号楼", "紧急程度：一般", "办理期限：11月30日 14:00");
        });
        assertThat(world.drain(staff)).isEmpty();
    }

    @Test
    void newRequestWithoutAGrid_reachesStaff(LocalAws aws) {
        World world = World.demo(aws);
        String staff = world.subscribe(STAFF);

        world.file("noise", new Location(null, null, null, null, 31.2, 121.4, "路边"), Priority.NORMAL, false, "晚上很吵");
        world.deliverNew();

        assertThat(world.drain(staff)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "new_request").doesNotContainKey("grids");
            assertThat(n.message()).contains("未关联楼栋");
        });
    }

    @Test
    void assignmentAndTransfer_reachEachAssigneeOnce(LocalAws aws) {
        World world = World.demo(aws);
        String first = world.subscribe("{\"recipient\": [\"" + DemoCommunity.GRID_WORKER_ID + "\"]}");
        String second = world.subscribe("{\"recipient\": [\"" + DemoCommunity.STAFF_ID + "\"]}");
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.deliverNew();
        world.drain(first);

        ResidentRequest assigned = world.assign(request, DemoCommunity.GRID_WORKER_ID, "grid_worker", "王芳");
        world.deliverNew();
        world.assign(assigned, DemoCommunity.STAFF_ID, "staff", "陈静");
        world.deliverNew();

        assertThat(world.drain(first)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "assigned");
            assertThat(n.message()).startsWith("诉求" + request.id() + "已派给您");
        });
        assertThat(world.drain(second)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "transferred").containsEntry("role", "staff");
            assertThat(n.message()).startsWith("诉求" + request.id() + "已转派给您");
        });
    }

    @Test
    void residentsReopen_andALowRating_reachStaff_aGoodRatingNoOne(LocalAws aws) {
        World world = World.demo(aws);
        String staff = world.subscribe(STAFF);

        ResidentRequest reopened = world.reopen(world.resolve(world.file("water_leak", 2, Priority.NORMAL)));
        ResidentRequest lowRated = world.rate(world.resolve(world.file("water_leak", 2, Priority.NORMAL)), 2);
        world.rate(world.resolve(world.file("water_leak", 2, Priority.NORMAL)), 4);
        world.deliverNew();

        assertThat(world.drain(staff)).extracting(n -> n.attribute("kind") + " " + n.message().substring(2, 13))
                .containsExactlyInAnyOrder("reopened " + reopened.id(), "low_rating " + lowRated.id());
    }

    @Test
    void changesThatConcernNoOne_alertNoOne(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest assigned = world.assign(world.file("water_leak", 2, Priority.NORMAL), DemoCommunity.gridWorkerId(2),
                "grid_worker", "张伟");
        world.newRecords();
        String all = world.subscribe(null);

        ResidentRequest resolved = world.resolve(assigned);
        world.requests.append(resolved, TimelineEvent.of(EventKind.NOTE, DemoCommunity.STAFF_ID, "staff", world.clock.instant(),
                resolved.status()).withText("已电话回访").asInternal());
        world.deliverNew();

        assertThat(world.drain(all)).isEmpty();
    }

    @Test
    void overdueMark_escalatesToTheGridsWorker_once_evenWhenMarkedAndDeliveredAgain(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest request = world.file("elevator", 5, Priority.NORMAL);
        world.newRecords();
        String worker = world.subscribe("{\"recipient\": [\"" + DemoCommunity.gridWorkerId(5) + "\"], \"kind\": [\"overdue\"]}");

        assertThat(world.markOverdue(request)).isTrue();
        assertThat(world.markOverdue(request)).isFalse();
        var records = world.newRecords();
        AlertsHandler handler = world.handler();
        world.deliver(handler, records);
        world.deliver(handler, records);

        assertThat(world.drain(worker)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("channel", "sms").containsEntry("role", "grid_worker");
            assertThat(n.message()).isEqualTo("诉求" + request.id() + "超期未办结：电梯故障，17号楼。https://linli.community/m/r/" + request.id());
        });
    }

    @Test
    void overdueMarkOfARequestWithoutAGridWorker_goesToStaff(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest request = world.file("noise", new Location(null, null, null, null, 31.2, 121.4, "路边"), Priority.NORMAL,
                false, "晚上很吵");
        world.newRecords();
        String staff = world.subscribe(STAFF);

        world.markOverdue(request);
        world.deliverNew();

        assertThat(world.drain(staff)).singleElement().satisfies(n -> assertThat(n.attributes()).containsEntry("kind", "overdue"));
    }

    @Test
    void aRetriedBatch_sendsNothingTwice(LocalAws aws) {
        World world = World.demo(aws);
        String all = world.subscribe(null);
        world.file("elevator", 3, Priority.URGENT);
        world.file("water_leak", 4, Priority.NORMAL);
        var records = world.newRecords();

        world.deliver(world.handler(), records);
        world.deliver(world.handler(), records);

        assertThat(world.drain(all)).extracting(n -> n.attribute("recipient"))
                .containsExactlyInAnyOrder(DemoCommunity.GRID_WORKER_ID, DemoCommunity.STAFF_ID, DemoCommunity.gridWorkerId(4));
    }

    @Test
    void aHiddenIdentityRequestFullOfPersonalData_alertsWithNoneOfIt(LocalAws aws) {
        World world = World.demo(aws);
        String all = world.subscribe(null);
        int scannedBefore = PrivacyScan.scanned();

        ResidentRequest request = world.file("elderly_help", new Location("G03", "B0301", "1", "302", null, null, null), Priority.URGENT,
                true, "我是李桂英，身份证630102194103090269，电话13800000001，请联系我");
        ResidentRequest assigned = world.assign(request, DemoCommunity.GRID_WORKER_ID, "grid_worker", "王芳");
        world.reopen(world.resolve(assigned));
        world.markOverdue(assigned);
        for (EscalationStep step : EscalationStep.values()) world.markEscalation(assigned, step);
        world.deliverNew();

        List<World.Notification> all1 = world.drain(all);
        assertThat(all1).extracting(n -> n.attribute("kind")).contains("new_request", "assigned", "reopened", "overdue",
                "pre_overdue", "overdue_on_duty", "overdue_head");
        assertThat(PrivacyScan.scanned() - scannedBefore).isEqualTo(all1.size());
        assertThat(all1).allSatisfy(n -> assertThat(n.message()).doesNotContain("302", "李"));
    }
}
