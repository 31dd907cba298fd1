package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.requests.Priority;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.staff.AlertPreferences;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each person's alert preferences, as {@code PUT /me/alert-preferences} stores them on their
 * registry entry, decide their alerts: the channel of each kind and urgency, a kind turned off,
 * the grids a grid worker wants. Read back from SQS queues subscribed with each person's filter.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertPreferencesHonouredTest {

    private static String recipient(String staffId) {
        return "{\"recipient\": [\"" + staffId + "\"]}";
    }

    private static void prefer(World world, String staffId, AlertPreferences preferences) {
        var member = world.staff.get(DemoCommunity.ID, staffId).orElseThrow();
        world.staff.setAlertPreferences(member, preferences);
    }

    @Test
    void aGridWorkerWhoTurnedOffNonUrgentNewRequests_getsOnlyTheUrgentOne_byTheirChannel(LocalAws aws) {
        World world = World.demo(aws);
        prefer(world, DemoCommunity.GRID_WORKER_ID, new AlertPreferences(
                Map.of("new_request", new AlertPreferences.Choice(AlertPreferences.EMAIL, AlertPreferences.OFF)), null));
        String worker = world.subscribe(recipient(DemoCommunity.GRID_WORKER_ID));

        world.file("water_leak", 3, Priority.NORMAL);
        ResidentRequest urgent = world.file("elevator", 3, Priority.URGENT);
        world.deliverNew();

        assertThat(world.drain(worker)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "new_request").containsEntry("channel", "email")
                    .containsEntry("urgency", "urgent");
            assertThat(n.message()).contains("诉求编号：" + urgent.id());
        });
    }

    @Test
    void aStaffMemberWhoWantsLowRatingsBySms_getsThemBySms_andTheAdminsDefaultsStay(LocalAws aws) {
        World world = World.demo(aws);
        prefer(world, DemoCommunity.STAFF_ID, new AlertPreferences(
                Map.of("low_rating", new AlertPreferences.Choice(AlertPreferences.SMS, AlertPreferences.SMS)), null));
        String staff = world.subscribe(recipient(DemoCommunity.STAFF_ID));
        ResidentRequest request = world.resolve(world.file("noise", 3, Priority.NORMAL));
        world.deliverNew();
        world.drain(staff);

        world.rate(request, 1);
        world.deliverNew();

        assertThat(world.drain(staff)).singleElement().satisfies(n ->
                assertThat(n.attributes()).containsEntry("kind", "low_rating").containsEntry("channel", "sms"));
    }

    @Test
    void aGridWorkerOfTwoGrids_whoWantsOnlyOne_getsNothingForTheOther_butAnAssignmentAlways(LocalAws aws) {
        World world = World.demo(aws);
        world.staff.register(DemoCommunity.ID, "gw-g03-g04", new NewStaff("李强", "13955550001", StaffRole.GRID_WORKER, List.of("G03", "G04")));
        prefer(world, "gw-g03-g04", new AlertPreferences(Map.of(), List.of("G04")));
        String both = world.subscribe(recipient("gw-g03-g04"));
        String g03 = world.subscribe(recipient(DemoCommunity.GRID_WORKER_ID));

        ResidentRequest inG03 = world.file("water_leak", 3, Priority.NORMAL);
        ResidentRequest inG04 = world.file("water_leak", 4, Priority.NORMAL);
        world.deliverNew();
        world.assign(inG03, "gw-g03-g04", "grid_worker", "李强");
        world.deliverNew();

        assertThat(world.drain(both)).extracting(n -> n.attribute("kind") + " " + n.attribute("grids") + " " + n.attribute("channel"))
                .containsExactlyInAnyOrder("new_request [\"G04\"] email", "assigned [\"G03\"] email");
        assertThat(world.drain(g03)).extracting(n -> n.attribute("kind")).containsExactly("new_request");
        assertThat(inG04.gridId()).isEqualTo("G04");
    }

    @Test
    void everyKindOfAlert_hasADefaultAPersonCanSee_andTheUnmutableOnesAreKinds() {
        for (AlertKind kind : AlertKind.values()) {
            // The morning digest bundles alerts each already sent as their person chose; it has no choice of its own.
            if (kind == AlertKind.DIGEST) continue;
            assertThat(AlertPreferences.DEFAULTS).as("the default of %s", kind).containsKey(kind.wire());
        }
        assertThat(AlertPreferences.DEFAULTS.keySet()).containsAll(AlertPreferences.REQUIRED);
    }

    @Test
    void preferred_withoutAChoiceForTheKind_keepsTheChannelTheChangeCallsFor() {
        Recipient worker = new Recipient("gw", "grid_worker");
        Recipient staff = new Recipient("st", "staff");
        var onlyG04 = new AlertPreferences(Map.of("reopened", new AlertPreferences.Choice("off", "email")), List.of("G04"));

        assertThat(Preferred.channel(AlertPreferences.none(), AlertKind.NEW_REQUEST, true, worker, "G03", Channel.SMS)).contains(Channel.SMS);
        assertThat(Preferred.channel(onlyG04, AlertKind.NEW_REQUEST, true, worker, "G03", Channel.SMS)).isEmpty();
        assertThat(Preferred.channel(onlyG04, AlertKind.NEW_REQUEST, true, staff, "G03", Channel.SMS)).contains(Channel.SMS);
        assertThat(Preferred.channel(onlyG04, AlertKind.OVERDUE, true, worker, "G03", Channel.SMS)).contains(Channel.SMS);
        assertThat(Preferred.channel(onlyG04, AlertKind.REOPENED, true, staff, "G03", Channel.SMS)).isEmpty();
        assertThat(Preferred.channel(onlyG04, AlertKind.REOPENED, false, staff, "G03", Channel.SMS)).contains(Channel.EMAIL);
    }
}
