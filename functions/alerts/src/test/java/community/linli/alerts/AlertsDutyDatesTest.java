package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.staff.DutySlot;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.RoundTrips;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a date with a roster of its own (a holiday's, {@code PUT /duty/dates/{date}}), the alerts for
 * the staff on duty go to that date's people, not to the weekly roster's: the batch runs at a fixed
 * clock on 元旦 2027 (a Friday, 10:00 in Shanghai), where the weekly roster has 陈静 and the date
 * has 刘洋. The dated rosters cost the batch no round trip of their own.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsDutyDatesTest {
    static final String LIU_YANG = "demo-staff-2";
    static final LocalDate NEW_YEAR = LocalDate.of(2027, 1, 1);

    /** The weekly roster of the escalation tests, 刘洋 registered, and 元旦 his, all day. */
    static World holiday(LocalAws aws) {
        World world = World.demo(aws);
        world.staff.register(DemoCommunity.ID, LIU_YANG, new NewStaff("刘洋", "13900000008", StaffRole.STAFF, List.of()));
        AlertsEscalationTest.seedRoster(world);
        world.staff.putDutyDate(DemoCommunity.ID, NEW_YEAR, List.of(new DutySlot(List.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                List.of(LIU_YANG))));
        return world;
    }

    @Test
    void onAHolidayWithItsOwnRoster_theOnDutyAlertsGoToTheDatesPerson_notToTheWeekdays(LocalAws aws) {
        World world = holiday(aws);
        world.clock.set(Instant.parse("2027-01-01T02:00:00Z"));   // Friday 10:00: the weekly roster has 陈静
        ResidentRequest overdue = world.file("elevator", 3, Priority.NORMAL);
        world.newRecords();
        String staff = world.subscribe("{\"role\": [\"staff\"]}");

        world.markEscalation(overdue, EscalationStep.ON_DUTY);
        ResidentRequest urgent = world.file("elevator", 3, Priority.URGENT);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());

        var alerts = world.drain(staff);
        assertThat(alerts).filteredOn(n -> n.message().contains(overdue.id())).singleElement().satisfies(n -> assertThat(n.attributes())
                .containsEntry("recipient", LIU_YANG).containsEntry("kind", "overdue_on_duty").containsEntry("channel", "sms"));
        assertThat(alerts).filteredOn(n -> n.message().contains(urgent.id())).singleElement().satisfies(n -> assertThat(n.attributes())
                .containsEntry("recipient", LIU_YANG).containsEntry("kind", "new_request"));
        assertThat(alerts).extracting(n -> n.attribute("recipient")).doesNotContain(DemoCommunity.STAFF_ID);
    }

    @Test
    void theWeekdayBefore_andOnceTheDateIsCleared_theWeeklyRosterHasThem(LocalAws aws) {
        World world = holiday(aws);
        String staff = world.subscribe("{\"role\": [\"staff\"]}");

        world.clock.set(Instant.parse("2026-12-31T02:00:00Z"));   // Thursday 10:00
        ResidentRequest before = world.file("elevator", 3, Priority.URGENT);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());
        world.staff.deleteDutyDate(DemoCommunity.ID, NEW_YEAR);
        world.clock.set(Instant.parse("2027-01-01T02:00:00Z"));
        ResidentRequest cleared = world.file("elevator", 3, Priority.URGENT);
        world.deliver(world.handlerOnTheWorldsClock(), world.newRecords());

        var alerts = world.drain(staff);
        assertThat(alerts).filteredOn(n -> n.message().contains(before.id())).extracting(n -> n.attribute("recipient"))
                .containsExactly(DemoCommunity.STAFF_ID);
        assertThat(alerts).filteredOn(n -> n.message().contains(cleared.id())).extracting(n -> n.attribute("recipient"))
                .containsExactly(DemoCommunity.STAFF_ID);
    }

    @Test
    void aBatchOnAHoliday_readsTheRegistryAndItsDutyInOneQuery_howeverManyDatesAreSet(LocalAws aws) {
        World world = holiday(aws);
        for (int day = 2; day <= 40; day++) {
            world.staff.putDutyDate(DemoCommunity.ID, NEW_YEAR.plusDays(day - 1), List.of(new DutySlot(List.of(), LocalTime.of(9, 0),
                    LocalTime.of(17, 0), List.of(DemoCommunity.ADMIN_ID))));
        }
        world.clock.set(Instant.parse("2027-01-01T02:00:00Z"));
        world.file("elevator", 3, Priority.URGENT);
        var records = world.newRecords();
        RoundTrips dynamo = new RoundTrips();
        var env = aws.environment("AlertsFunction");
        var client = aws.countingDynamoDb(dynamo);
        var counted = new AlertsHandler(new RequestStore(client, env.get("REQUESTS_TABLE"), world.clock),
                StaffStore.reader(client, env.get("STAFF_TABLE")), new DirectoryStore(client, env.get("DIRECTORY_TABLE")),
                aws.sns(), env.get("ALERTS_TOPIC"), env.get("ALERT_LINK_BASE_URL"), world.clock);

        world.deliver(counted, records);

        assertThat(dynamo.byOperation()).as("the registry's one Query, members and duty with every date; the names; per alert (grid worker, 刘洋) GetItem and PutItem")
                .isEqualTo(Map.of("Query", 1, "BatchGetItem", 1, "GetItem", 2, "PutItem", 2));
    }
}
