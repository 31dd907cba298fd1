package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.platform.http.StaleVersionException;
import community.linli.tables.staff.DutySlot;
import community.linli.testkit.DemoCommunity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The duty routes: an admin stores the head and the weekly roster, staff read them with who is on
 * duty now (Asia/Shanghai); bad input and unknown people are 400 naming the field, with nothing
 * written; a stale version is 409; the round trips of each.
 */
class StaffDutyTest extends StaffApi.Fixture {
    /** Monday 30 November 2026, 09:00 in Shanghai. */
    static final Instant MONDAY_MORNING = Instant.parse("2026-11-30T01:00:00Z");

    @BeforeEach
    void setUp() {
        api.clock.set(MONDAY_MORNING);
    }

    /** Weekdays 08:30–17:30 陈静, every night 17:30–08:30 the admin; head 赵敏. */
    static Map<String, Object> roster(long version) {
        Map<String, Object> body = new HashMap<>();
        body.put("head", DemoCommunity.ADMIN_ID);
        body.put("slots", List.of(
                Map.of("days", List.of("mon", "tue", "wed", "thu", "fri"), "from", "08:30", "until", "17:30",
                        "staffIds", List.of(DemoCommunity.STAFF_ID)),
                Map.of("days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "from", "17:30", "until", "08:30",
                        "staffIds", List.of(DemoCommunity.ADMIN_ID))));
        body.put("version", version);
        return body;
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = roster(0);
        if (value == null) body.remove(field); else body.put(field, value);
        return body;
    }

    static Map<String, Object> slot(Object days, Object from, Object until, Object staffIds) {
        Map<String, Object> slot = new HashMap<>();
        if (days != null) slot.put("days", days);
        if (from != null) slot.put("from", from);
        if (until != null) slot.put("until", until);
        if (staffIds != null) slot.put("staffIds", staffIds);
        return slot;
    }

    @Test
    void get_beforeAnyDutyIsStored_isVersionZero_withNoHeadAndNobodyOnDuty() {
        var reply = api.getDuty(staff).expect(200);

        assertThat(reply.body().path("version").asLong()).isZero();
        assertThat(reply.body().has("head")).isFalse();
        assertThat(reply.body().path("slots")).isEmpty();
        assertThat(reply.body().path("onDutyNow")).isEmpty();
    }

    @Test
    void put_thenGet_roundTripsTheRoster_andOnDutyNowFollowsTheClockInShanghai() {
        var stored = api.putDuty(admin, roster(0)).expect(200);

        var monday = api.getDuty(staff).expect(200);
        api.clock.set(Instant.parse("2026-11-30T11:00:00Z"));    // Monday 19:00
        var evening = api.getDuty(staff).expect(200);
        api.clock.set(Instant.parse("2026-12-05T23:00:00Z"));    // Sunday 07:00, the night from Saturday
        var sundayDawn = api.getDuty(staff).expect(200);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(monday.body().path("head").asText()).isEqualTo(DemoCommunity.ADMIN_ID);
        assertThat(monday.body().path("slots").toString()).isEqualTo(stored.body().path("slots").toString())
                .contains("\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],\"from\":\"08:30\",\"until\":\"17:30\"");
        assertThat(monday.body().path("onDutyNow").toString()).isEqualTo("[\"demo-staff\"]");
        assertThat(evening.body().path("onDutyNow").toString()).isEqualTo("[\"demo-admin\"]");
        assertThat(sundayDawn.body().path("onDutyNow").toString()).isEqualTo("[\"demo-admin\"]");
    }

    @Test
    void put_basedOnAStaleVersion_returns409_andKeepsWhatWasStored() {
        api.putDuty(admin, roster(0)).expect(200);
        Map<String, Object> other = with("slots", List.of());

        var stale = api.putDuty(admin, other).expect(409);

        assertThat(stale.body().path("type").asText()).endsWith("/version-conflict");
        assertThat(api.getDuty(staff).expect(200).body().path("slots")).hasSize(2);
        assertThat(api.putDuty(admin, new HashMap<>(Map.of("head", DemoCommunity.ADMIN_ID, "slots", List.of(), "version", 1)))
                .expect(200).version()).isEqualTo(2);
    }

    @Test
    void theWrite_basedOnAVersionAnotherAdminMovedOnSinceTheRead_isStale_andKeepsWhatWasStored() {
        api.putDuty(admin, roster(0)).expect(200);
        // What a racing PUT does when its read saw version 0 and another admin's write landed before its PutItem.
        var slots = List.of(new DutySlot(List.of(DayOfWeek.SUNDAY), LocalTime.NOON, LocalTime.MIDNIGHT, List.of(DemoCommunity.STAFF_ID)));

        assertThatThrownBy(() -> api.store.putDuty(DemoCommunity.ID, DemoCommunity.ADMIN_ID, slots, 0))
                .isInstanceOfSatisfying(StaleVersionException.class, stale -> assertThat(stale.currentVersion()).isEqualTo(1));
        assertThat(api.getDuty(staff).expect(200).body().path("slots")).hasSize(2);
    }

    // ---------------------------------------------------------------- bad input

    private List<String> refused(Object body) {
        int before = api.items().size();
        var reply = api.putDuty(admin, body).expect(400);
        assertThat(api.items()).as("nothing written").hasSize(before);
        return reply.errorFields();
    }

    @Test
    void put_withoutHeadSlotsOrVersion_returns400NamingEach() {
        assertThat(refused(Map.of())).containsExactlyInAnyOrder("head", "slots", "version");
    }

    @Test
    void put_withBadDaysTimesOrIds_returns400NamingEachSlotField() {
        List<Object> slots = new ArrayList<>();
        slots.add(slot(List.of("monday"), "8:30", "24:00", List.of("demo staff")));
        slots.add(slot(List.of(), null, "17:30", List.of()));
        slots.add(slot(List.of("mon", "mon"), "08:00", "09:00", List.of(DemoCommunity.STAFF_ID, DemoCommunity.STAFF_ID)));

        assertThat(refused(with("slots", slots))).containsExactlyInAnyOrder(
                "slots[0].days[0]", "slots[0].from", "slots[0].until", "slots[0].staffIds[0]",
                "slots[1].days", "slots[1].from", "slots[1].staffIds",
                "slots[2].days[1]", "slots[2].staffIds[1]");
    }

    @Test
    void put_withANegativeVersionOrAnUnknownField_returns400NamingIt() {
        assertThat(refused(with("version", -1))).containsExactly("version");
        assertThat(refused(with("onDutyNow", List.of(DemoCommunity.STAFF_ID)))).containsExactly("onDutyNow");
    }

    @Test
    void put_withAHeadWhoIsNoAdmin_orSomeoneOutsideTheRegistry_returns400NotAnAdminOrUnknownStaff() {
        var notAdmin = api.putDuty(admin, with("head", DemoCommunity.STAFF_ID)).expect(400);
        var unknown = api.putDuty(admin, with("slots", List.of(slot(List.of("sat"), "09:00", "12:00",
                List.of(DemoCommunity.STAFF_ID, "st-nobody"))))).expect(400);

        assertThat(notAdmin.body().path("errors").toString()).contains("\"field\":\"head\"", "\"code\":\"not_an_admin\"");
        assertThat(unknown.body().path("errors").toString()).contains("\"field\":\"slots[0].staffIds[1]\"", "\"code\":\"unknown_staff\"");
        assertThat(api.getDuty(staff).expect(200).body().path("version").asLong()).as("nothing stored").isZero();
    }

    @Test
    void put_withADeactivatedMemberOnTheRoster_returns400UnknownStaff() {
        api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("status", "inactive", "version", 1)).expect(200);

        var reply = api.putDuty(admin, with("slots", List.of(slot(List.of("sun"), "09:00", "12:00",
                List.of(DemoCommunity.GRID_WORKER_ID))))).expect(400);

        assertThat(reply.errorFields()).containsExactly("slots[0].staffIds[0]");
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void get_isOneQuery_andPutIsOneQueryOfTheRegistryAndDutyAndOnePutItem_aStaleOneTheQueryOnly_andBadInputNone() {
        var get = api.dynamoTrips.during(() -> api.getDuty(staff).expect(200));
        var put = api.dynamoTrips.during(() -> api.putDuty(admin, roster(0)).expect(200));
        var stale = api.dynamoTrips.during(() -> api.putDuty(admin, roster(0)).expect(409));
        var bad = api.dynamoTrips.during(() -> api.putDuty(admin, with("version", null)).expect(400));

        assertThat(get).isEqualTo(Map.of("Query", 1));
        assertThat(put).as("members, version and dates in one Query, then the PutItem").isEqualTo(Map.of("Query", 1, "PutItem", 1));
        assertThat(stale).as("the Query saw the version: nothing written").isEqualTo(Map.of("Query", 1));
        assertThat(bad).isEmpty();
    }
}
