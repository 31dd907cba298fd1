package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.staff.DutySlot;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The escalation past the first level, on moto: the sweep's marks (written as the sweep writes
 * them) read from the stream, and the alerts read back from SQS queues subscribed as a deployer
 * subscribes people. The warning goes to the first level, level 2 to whoever the roster has on duty
 * at the batch's time (Asia/Shanghai), level 3 to the head; each once, and none once the request is
 * finished. World's clock: Monday 30 November 2026, 10:00 in Shanghai.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsEscalationTest {
    static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);

    /** 陈静 weekdays 08:30–17:30, the admin every night; 赵敏 the head. */
    static void seedRoster(World world) {
        world.staff.putDuty(DemoCommunity.ID, DemoCommunity.ADMIN_ID, List.of(
                new DutySlot(WEEKDAYS, LocalTime.of(8, 30), LocalTime.of(17, 30), List.of(DemoCommunity.STAFF_ID)),
                new DutySlot(List.of(DayOfWeek.values()), LocalTime.of(17, 30), LocalTime.of(8, 30), List.of(DemoCommunity.ADMIN_ID))), 0);
    }

    static String link(ResidentRequest request) {
        return "https://linli.community/m/r/" + request.id();
    }

    @Test
    void preOverdue_warnsTheGridsWorker_byEmail_orBySmsWhenUrgent(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest normal = world.file("elevator", 5, Priority.NORMAL);
        ResidentRequest urgent = world.file("elevator", 5, Priority.URGENT);
        world.newRecords();
        String worker = world.subscribe("{\"recipient\": [\"" + DemoCommunity.gridWorkerId(5) + "\"]}");

        world.markEscalation(normal, EscalationStep.PRE_OVERDUE);
        world.markEscalation(urgent, EscalationStep.PRE_OVERDUE);
        world.deliverNew();

        var alerts = world.drain(worker);
        assertThat(alerts).extracting(n -> n.attribute("kind")).containsOnly("pre_overdue");
        assertThat(alerts).filteredOn(n -> n.message().contains(normal.id())).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("channel", "email").containsEntry("role", "grid_worker");
            assertThat(n.subject()).isEqualTo("邻里 诉求即将超期 " + normal.id());
            assertThat(n.message()).startsWith("诉求" + normal.id() + "即将超期：电梯故障，17号楼。" + link(normal)).contains("办理期限：11月30日 14:00");
        });
        assertThat(alerts).filteredOn(n -> n.message().contains(urgent.id())).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("channel", "sms");
            assertThat(n.message()).isEqualTo("诉求" + urgent.id() + "即将超期：电梯故障，17号楼。" + link(urgent));
        });
    }

    @Test
    void levelTwo_goesBySmsToWhoeverTheRosterHasOnDutyAtTheBatchsTime(LocalAws aws) {
        World world = World.demo(aws);
        seedRoster(world);
        ResidentRequest day = world.file("elevator", 3, Priority.NORMAL);
        ResidentRequest night = world.file("water_leak", 3, Priority.NORMAL);
        world.newRecords();
        String all = world.subscribe("{\"kind\": [\"overdue_on_duty\"]}");

        world.markEscalation(day, EscalationStep.ON_DUTY);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());
        world.clock.set(Instant.parse("2026-11-30T14:00:00Z"));   // 22:00 in Shanghai
        world.markEscalation(night, EscalationStep.ON_DUTY);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());

        var alerts = world.drain(all);
        assertThat(alerts).filteredOn(n -> n.message().contains(day.id())).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("recipient", DemoCommunity.STAFF_ID).containsEntry("channel", "sms");
            assertThat(n.message()).isEqualTo("诉求" + day.id() + "超期升级：电梯故障，9号楼。" + link(day));
            assertThat(n.subject()).isEqualTo("邻里 超期升级至值班 " + day.id());
        });
        assertThat(alerts).filteredOn(n -> n.message().contains(night.id())).singleElement()
                .satisfies(n -> assertThat(n.attributes()).containsEntry("recipient", DemoCommunity.ADMIN_ID).containsEntry("role", "admin"));
    }

    @Test
    void levelTwo_withNobodyOnDuty_goesToTheStaffMembers_asBeforeTheRoster(LocalAws aws) {
        World world = World.demo(aws);
        world.staff.putDuty(DemoCommunity.ID, DemoCommunity.ADMIN_ID,
                List.of(new DutySlot(List.of(DayOfWeek.SUNDAY), LocalTime.of(9, 0), LocalTime.of(12, 0), List.of(DemoCommunity.ADMIN_ID))), 0);
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        String all = world.subscribe(null);

        world.markEscalation(request, EscalationStep.ON_DUTY);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());

        assertThat(world.drain(all)).singleElement().satisfies(n -> assertThat(n.attributes())
                .containsEntry("recipient", DemoCommunity.STAFF_ID).containsEntry("kind", "overdue_on_duty"));
    }

    @Test
    void levelThree_goesToTheHeadOnly_orToEveryAdminWhenNoHeadIsNamed(LocalAws aws) {
        World world = World.demo(aws);
        world.staff.register(DemoCommunity.ID, "demo-admin-2", new NewStaff("孙丽", "13900000009", StaffRole.ADMIN, List.of()));
        ResidentRequest beforeDuty = world.file("elevator", 3, Priority.NORMAL);
        ResidentRequest afterDuty = world.file("water_leak", 3, Priority.NORMAL);
        world.newRecords();
        String admins = world.subscribe("{\"role\": [\"admin\"]}");

        world.markEscalation(beforeDuty, EscalationStep.HEAD);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());
        seedRoster(world);
        world.markEscalation(afterDuty, EscalationStep.HEAD);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());

        var alerts = world.drain(admins);
        assertThat(alerts).filteredOn(n -> n.message().contains(beforeDuty.id())).extracting(n -> n.attribute("recipient"))
                .containsExactlyInAnyOrder(DemoCommunity.ADMIN_ID, "demo-admin-2");
        assertThat(alerts).filteredOn(n -> n.message().contains(afterDuty.id())).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("recipient", DemoCommunity.ADMIN_ID).containsEntry("kind", "overdue_head")
                    .containsEntry("channel", "sms");
            assertThat(n.message()).isEqualTo("诉求" + afterDuty.id() + "超期请督办：漏水渗水，9号楼。" + link(afterDuty));
        });
    }

    @Test
    void eachLevel_reachesAPersonOnce_evenWhenDeliveredAgain_andTheSamePersonAtTwoLevelsGetsBoth(LocalAws aws) {
        World world = World.demo(aws);
        seedRoster(world);
        world.clock.set(Instant.parse("2026-11-30T14:00:00Z"));   // 22:00: the head is on duty too
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        String head = world.subscribe("{\"recipient\": [\"" + DemoCommunity.ADMIN_ID + "\"]}");

        world.markEscalation(request, EscalationStep.ON_DUTY);
        world.markEscalation(request, EscalationStep.HEAD);
        var records = world.newRecords();
        world.deliver(world.handlerOnTheWorldsClock(), records);
        world.deliver(world.handlerOnTheWorldsClock(), records);

        assertThat(world.drain(head)).extracting(n -> n.attribute("kind")).containsExactlyInAnyOrder("overdue_on_duty", "overdue_head");
    }

    @Test
    void aFinishedRequest_orOneDueAtAnotherTimeNow_climbsNoFurther(LocalAws aws) {
        World world = World.demo(aws);
        ResidentRequest resolved = world.file("elevator", 3, Priority.NORMAL);
        ResidentRequest closed = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        world.markEscalation(resolved, EscalationStep.ON_DUTY);
        world.markEscalation(closed, EscalationStep.HEAD);
        world.resolve(resolved);
        world.rate(world.resolve(closed), 5);
        String all = world.subscribe(null);

        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());

        assertThat(world.drain(all)).extracting(n -> n.attribute("kind")).doesNotContain("overdue_on_duty", "overdue_head");
    }

    @Test
    void anUrgentNewRequest_goesToTheStaffOnDuty_notToEveryStaffMember(LocalAws aws) {
        World world = World.demo(aws);
        world.staff.register(DemoCommunity.ID, "demo-staff-2", new NewStaff("刘洋", "13900000008", StaffRole.STAFF, List.of()));
        seedRoster(world);
        String staff = world.subscribe("{\"role\": [\"staff\"]}");

        world.file("elevator", 3, Priority.URGENT);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());

        assertThat(world.drain(staff)).extracting(n -> n.attribute("recipient")).containsExactly(DemoCommunity.STAFF_ID);
    }
}
