package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dated duty: an admin sets one date's own roster (a statutory holiday's, Asia/Shanghai), which
 * replaces the weekly roster on that date, and clears it; {@code GET /duty} lists the dates from
 * today on and says who is on duty now by them; bad dates, times and people are 400 naming the
 * field with nothing written; the round trips of each. The clock: Monday 30 November 2026, 09:00
 * in Shanghai.
 */
class StaffDutyDatesTest extends StaffApi.Fixture {
    /** 元旦 2027, a Friday. */
    static final String NEW_YEAR = "2027-01-01";

    @BeforeEach
    void setUp() {
        api.clock.set(StaffDutyTest.MONDAY_MORNING);
        api.putDuty(admin, StaffDutyTest.roster(0)).expect(200);
    }

    static Map<String, Object> shift(Object from, Object until, Object staffIds) {
        Map<String, Object> slot = new HashMap<>();
        if (from != null) slot.put("from", from);
        if (until != null) slot.put("until", until);
        if (staffIds != null) slot.put("staffIds", staffIds);
        return slot;
    }

    /** 陈静 09:00–17:00 only, nobody at night. */
    static Map<String, Object> holiday(String who) {
        return Map.of("slots", List.of(shift("09:00", "17:00", List.of(who))));
    }

    @Test
    void put_thenGet_listsTheDate_andOnThatDateItsRosterReplacesTheWeeklyOne() {
        var stored = api.putDutyDate(admin, NEW_YEAR, holiday(DemoCommunity.STAFF_ID)).expect(200);

        api.clock.set(Instant.parse("2027-01-01T02:00:00Z"));   // Friday 10:00, a weekday: the weekly roster has 陈静 too
        var morning = api.getDuty(staff).expect(200);
        api.clock.set(Instant.parse("2027-01-01T11:00:00Z"));   // Friday 19:00: the weekly roster has the admin every night
        var evening = api.getDuty(staff).expect(200);
        api.clock.set(Instant.parse("2026-12-31T23:00:00Z"));   // Friday 07:00: the weekly night from Thursday does not run into it
        var dawn = api.getDuty(staff).expect(200);
        api.clock.set(Instant.parse("2027-01-01T23:00:00Z"));   // Saturday 07:00: the holiday had no night, the weekly Friday night is not run
        var dayAfter = api.getDuty(staff).expect(200);
        api.clock.set(Instant.parse("2027-01-02T11:00:00Z"));   // Saturday 19:00: the weekly roster again
        var nextEvening = api.getDuty(staff).expect(200);

        assertThat(stored.body().toString()).contains("\"date\":\"2027-01-01\"",
                "\"slots\":[{\"from\":\"09:00\",\"until\":\"17:00\",\"staffIds\":[\"demo-staff\"]}]");
        assertThat(morning.body().path("dates").toString()).isEqualTo("[" + stored.body() + "]");
        assertThat(morning.body().path("onDutyNow").toString()).isEqualTo("[\"demo-staff\"]");
        assertThat(evening.body().path("onDutyNow")).isEmpty();
        assertThat(dawn.body().path("onDutyNow")).isEmpty();
        assertThat(dayAfter.body().path("onDutyNow")).isEmpty();
        assertThat(nextEvening.body().path("onDutyNow").toString()).isEqualTo("[\"demo-admin\"]");
        assertThat(nextEvening.body().path("dates")).as("a past date is not listed").isEmpty();
        assertThat(nextEvening.body().path("version").asLong()).as("a date is no change of the weekly roster").isEqualTo(1);
    }

    @Test
    void aDatesOvernightSlot_runsIntoTheNextMorning_whenThatDateHasNoRosterOfItsOwn() {
        api.putDutyDate(admin, NEW_YEAR, Map.of("slots", List.of(shift("20:00", "08:00", List.of(DemoCommunity.STAFF_ID))))).expect(200);
        api.putDutyDate(admin, "2027-01-03", Map.of("slots", List.of())).expect(200);

        api.clock.set(Instant.parse("2027-01-01T23:00:00Z"));   // Saturday 07:00
        var saturdayDawn = api.getDuty(staff).expect(200);
        api.clock.set(Instant.parse("2027-01-03T02:00:00Z"));   // Sunday 10:00, a date with nobody on duty
        var emptyDate = api.getDuty(staff).expect(200);

        assertThat(saturdayDawn.body().path("onDutyNow").toString()).isEqualTo("[\"demo-staff\"]");
        assertThat(emptyDate.body().path("onDutyNow")).isEmpty();
        assertThat(emptyDate.body().path("dates")).singleElement().satisfies(d -> assertThat(d.path("slots")).isEmpty());
    }

    @Test
    void put_again_replacesTheDatesRosterWhole_andDeleteBringsTheWeeklyRosterBack() {
        api.putDutyDate(admin, NEW_YEAR, holiday(DemoCommunity.STAFF_ID)).expect(200);
        api.putDutyDate(admin, NEW_YEAR, holiday(DemoCommunity.ADMIN_ID)).expect(200);
        api.clock.set(Instant.parse("2027-01-01T02:00:00Z"));
        var replaced = api.getDuty(staff).expect(200);

        api.deleteDutyDate(admin, NEW_YEAR).expect(204);
        var cleared = api.getDuty(staff).expect(200);
        api.deleteDutyDate(admin, NEW_YEAR).expect(204);

        assertThat(replaced.body().path("dates")).singleElement()
                .satisfies(d -> assertThat(d.path("slots").toString()).contains("demo-admin").doesNotContain("demo-staff"));
        assertThat(replaced.body().path("onDutyNow").toString()).isEqualTo("[\"demo-admin\"]");
        assertThat(cleared.body().path("dates")).isEmpty();
        assertThat(cleared.body().path("onDutyNow").toString()).as("the weekly roster's Friday").isEqualTo("[\"demo-staff\"]");
    }

    @Test
    void get_listsTheDatesInOrder_fromToday_andPutDutyKeepsThem() {
        api.putDutyDate(admin, "2027-02-06", holiday(DemoCommunity.STAFF_ID)).expect(200);
        api.putDutyDate(admin, "2026-11-30", holiday(DemoCommunity.ADMIN_ID)).expect(200);
        api.putDutyDate(admin, NEW_YEAR, holiday(DemoCommunity.STAFF_ID)).expect(200);

        var weekly = api.putDuty(admin, StaffDutyTest.roster(1)).expect(200);

        assertThat(weekly.body().path("dates").findValuesAsText("date")).containsExactly("2026-11-30", NEW_YEAR, "2027-02-06");
        assertThat(weekly.body().path("onDutyNow").toString()).as("today's own roster: 赵敏 from 09:00").isEqualTo("[\"demo-admin\"]");
        assertThat(api.getDuty(staff).expect(200).body().path("dates")).hasSize(3);
    }

    // ---------------------------------------------------------------- bad input

    private List<String> refused(String date, Object body) {
        var before = api.items();
        var reply = api.putDutyDate(admin, date, body).expect(400);
        assertThat(api.items()).as("nothing written").containsExactlyInAnyOrderElementsOf(before);
        return reply.errorFields();
    }

    @Test
    void put_forADateInThePast_orMoreThanAYearAhead_returns400NamingDate() {
        var past = api.putDutyDate(admin, "2026-11-29", holiday(DemoCommunity.STAFF_ID)).expect(400);
        var far = api.putDutyDate(admin, "2027-12-01", holiday(DemoCommunity.STAFF_ID)).expect(400);

        assertThat(past.body().path("errors").toString()).contains("\"field\":\"date\"", "\"code\":\"date_too_early\"", "2026-11-30");
        assertThat(far.body().path("errors").toString()).contains("\"field\":\"date\"", "\"code\":\"date_too_late\"", "2027-11-30");
        assertThat(refused("2026-11-29", holiday(DemoCommunity.STAFF_ID))).containsExactly("date");
        assertThat(refused("2027-12-01", holiday(DemoCommunity.STAFF_ID))).containsExactly("date");
        assertThat(api.putDutyDate(admin, "2027-11-30", holiday(DemoCommunity.STAFF_ID)).status()).as("a year ahead exactly").isEqualTo(200);
    }

    @Test
    void put_orDelete_forSomethingThatIsNoDate_returns400NamingDate() {
        for (String date : List.of("2027-02-30", "2027-1-01", "20270101", "2027-01-01T00:00", "tomorrow", "２０２７-01-01")) {
            assertThat(refused(date, holiday(DemoCommunity.STAFF_ID))).as(date).containsExactly("date");
            assertThat(api.deleteDutyDate(admin, date).expect(400).errorFields()).as(date).containsExactly("date");
        }
        assertThat(api.deleteDutyDate(admin, "2026-11-29").expect(400).errorFields()).containsExactly("date");
    }

    @Test
    void put_withMalformedTimesOrIds_orNoSlots_returns400NamingEachField() {
        List<Object> slots = new ArrayList<>();
        slots.add(shift("9:00", "24:00", List.of("demo staff")));
        slots.add(shift(null, "17:30", List.of()));
        slots.add(shift("08:00", "09:00", List.of(DemoCommunity.STAFF_ID, DemoCommunity.STAFF_ID)));

        assertThat(refused(NEW_YEAR, Map.of("slots", slots))).containsExactlyInAnyOrder(
                "slots[0].from", "slots[0].until", "slots[0].staffIds[0]", "slots[1].from", "slots[1].staffIds", "slots[2].staffIds[1]");
        assertThat(refused(NEW_YEAR, Map.of())).containsExactly("slots");
        assertThat(refused(NEW_YEAR, Map.of("slots", List.of(Map.of("days", List.of("fri"), "from", "09:00", "until", "17:00",
                "staffIds", List.of(DemoCommunity.STAFF_ID)))))).as("a date's slot has no days").containsExactly("slots[0].days");
    }

    @Test
    void put_withSomeoneOutsideTheRegistry_orDeactivated_returns400UnknownStaff() {
        api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("status", "inactive", "version", 1)).expect(200);

        var reply = api.putDutyDate(admin, NEW_YEAR, Map.of("slots", List.of(
                shift("00:00", "00:00", List.of(DemoCommunity.STAFF_ID, "st-nobody")),
                shift("09:00", "12:00", List.of(DemoCommunity.GRID_WORKER_ID))))).expect(400);

        assertThat(reply.body().path("errors").toString()).contains("\"code\":\"unknown_staff\"");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("slots[0].staffIds[1]", "slots[1].staffIds[0]");
        assertThat(api.getDuty(staff).expect(200).body().path("dates")).as("nothing stored").isEmpty();
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void putIsTheRegistrysQueryAndOnePutItem_deleteOneDeleteItem_getStillOneQuery_andBadInputNone() {
        var put = api.dynamoTrips.during(() -> api.putDutyDate(admin, NEW_YEAR, holiday(DemoCommunity.STAFF_ID)).expect(200));
        for (String date : List.of("2027-01-02", "2027-01-03", "2027-02-06", "2027-02-07", "2027-10-01")) {
            api.putDutyDate(admin, date, holiday(DemoCommunity.ADMIN_ID)).expect(200);
        }
        var get = api.dynamoTrips.during(() -> api.getDuty(staff).expect(200));
        var delete = api.dynamoTrips.during(() -> api.deleteDutyDate(admin, NEW_YEAR).expect(204));
        var badDate = api.dynamoTrips.during(() -> api.putDutyDate(admin, "2026-01-01", holiday(DemoCommunity.STAFF_ID)).expect(400));
        var badBody = api.dynamoTrips.during(() -> api.putDutyDate(admin, NEW_YEAR, Map.of()).expect(400));

        assertThat(put).isEqualTo(Map.of("Query", 1, "PutItem", 1));
        assertThat(get).as("six dates and the weekly roster").isEqualTo(Map.of("Query", 1));
        assertThat(delete).isEqualTo(Map.of("DeleteItem", 1));
        assertThat(badDate).isEmpty();
        assertThat(badBody).isEmpty();
    }
}
