package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.staff.AlertPreferences;
import community.linli.tables.staff.StaffChange;
import community.linli.tables.staff.StaffStatus;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET} and {@code PUT /me/alert-preferences}: a member of the registry reads and replaces
 * their own choice of alerts, kept on their member item; bad input is 400 naming each field, with
 * nothing written; two round trips to change, one to read.
 */
@ExtendWith(MotoExtension.class)
class AlertPreferencesTest {
    StaffApi api;
    Persona gridWorker = Persona.gridWorker("G03").withStaffId(DemoCommunity.GRID_WORKER_ID);

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new StaffApi(aws);
    }

    @Test
    void get_beforeAnyChoice_showsEveryKindAtItsDefault_andTheirGrids() {
        var reply = api.myPreferences(gridWorker).expect(200);

        assertThat(reply.text("/staffId")).isEqualTo(DemoCommunity.GRID_WORKER_ID);
        assertThat(reply.body().get("kinds").size()).isEqualTo(AlertPreferences.DEFAULTS.size());
        assertThat(reply.text("/kinds/new_request/urgent")).isEqualTo("sms");
        assertThat(reply.text("/kinds/new_request/normal")).isEqualTo("email");
        assertThat(reply.text("/kinds/low_rating/urgent")).isEqualTo("email");
        assertThat(reply.text("/kinds/overdue/normal")).isEqualTo("sms");
        assertThat(reply.body().get("gridIds")).hasSize(1);
        assertThat(reply.body().has("grids")).isFalse();
    }

    @Test
    void put_replacesTheChoice_keepsTheOtherKindsAtTheirDefaults_andTheNextReadShowsIt() {
        var put = api.putMyPreferences(gridWorker, Map.of(
                "kinds", Map.of("new_request", Map.of("normal", "off"), "assigned", Map.of("urgent", "email", "normal", "sms")),
                "grids", List.of("G03"))).expect(200);

        var read = api.myPreferences(gridWorker).expect(200);

        assertThat(read.body()).isEqualTo(put.body());
        assertThat(read.text("/kinds/new_request/urgent")).isEqualTo("sms");
        assertThat(read.text("/kinds/new_request/normal")).isEqualTo("off");
        assertThat(read.text("/kinds/assigned/urgent")).isEqualTo("email");
        assertThat(read.text("/kinds/reopened/normal")).isEqualTo("email");
        assertThat(read.body().get("grids")).hasSize(1);
        var stored = api.store.get(DemoCommunity.ID, DemoCommunity.GRID_WORKER_ID).orElseThrow();
        assertThat(stored.alertPreferences().of("new_request")).isEqualTo(new AlertPreferences.Choice("sms", "off"));
        assertThat(stored.alertPreferences().wantsGrid("G03")).isTrue();
        assertThat(stored.version()).isEqualTo(2);

        api.putMyPreferences(gridWorker, Map.of()).expect(200);
        assertThat(api.store.get(DemoCommunity.ID, DemoCommunity.GRID_WORKER_ID).orElseThrow().alertPreferences())
                .isEqualTo(AlertPreferences.none());
    }

    @Test
    void put_bumpsTheMembersVersion_soAnAdminsChangeBasedOnTheEarlierOneIsStale_notLost() {
        api.putMyPreferences(gridWorker, Map.of("kinds", Map.of("low_rating", Map.of("normal", "off")))).expect(200);

        api.patch(Persona.admin(), DemoCommunity.GRID_WORKER_ID, Map.of("name", "王芳芳", "version", 1)).expect(409);
        api.patch(Persona.admin(), DemoCommunity.GRID_WORKER_ID, Map.of("name", "王芳芳", "version", 2)).expect(200);

        var member = api.store.get(DemoCommunity.ID, DemoCommunity.GRID_WORKER_ID).orElseThrow();
        assertThat(member.name()).isEqualTo("王芳芳");
        assertThat(member.alertPreferences().of("low_rating")).isEqualTo(new AlertPreferences.Choice("email", "off"));
    }

    @Test
    void put_badInput_returns400NamingEachField_andWritesNothing() {
        var before = api.items();

        assertThat(refused(Map.of("kinds", Map.of("overdue", Map.of("urgent", "off"))))).containsExactly("kinds.overdue.urgent");
        assertThat(refused(Map.of("kinds", Map.of("assigned", Map.of("normal", "off"))))).containsExactly("kinds.assigned.normal");
        assertThat(refused(Map.of("kinds", Map.of("new_request", Map.of("urgent", "pigeon"))))).containsExactly("kinds.new_request.urgent");
        assertThat(refused(Map.of("kinds", Map.of("fireworks", Map.of("urgent", "sms"))))).containsExactly("kinds.fireworks");
        assertThat(refused(Map.of("grids", List.of("G04")))).containsExactly("grids[0]");
        assertThat(refused(Map.of("grids", List.of()))).containsExactly("grids");
        assertThat(refused(Map.of("grids", List.of("G03", "G03")))).containsExactly("grids[1]");
        assertThat(refused(Map.of("grids", List.of("G 3")))).containsExactly("grids[0]");
        assertThat(refused(Map.of("volume", "loud"))).containsExactly("volume");
        assertThat(refused("{\"kinds\":")).containsExactly("body");
        assertThat(api.items()).as("nothing written").isEqualTo(before);
    }

    @Test
    void put_grids_ofAStaffMemberWithoutGrids_isRefused_andTheirKindsAreTheirOwn() {
        Persona staff = Persona.staff().withStaffId(DemoCommunity.STAFF_ID);

        var refused = api.putMyPreferences(staff, Map.of("grids", List.of("G03"))).expect(400);
        api.putMyPreferences(staff, Map.of("kinds", Map.of("low_rating", Map.of("normal", "sms")))).expect(200);

        assertThat(refused.body().at("/errors/0/code").asText()).isEqualTo("grid_not_covered");
        assertThat(api.myPreferences(staff).text("/kinds/low_rating/normal")).isEqualTo("sms");
        assertThat(api.myPreferences(gridWorker).text("/kinds/low_rating/normal")).isEqualTo("email");
    }

    @Test
    void me_withoutAStaffId_orForAnInactiveMember_is403NotInDirectory_beforeTheBodyIsRead() {
        var member = api.store.get(DemoCommunity.ID, DemoCommunity.gridWorkerId(9)).orElseThrow();
        api.store.update(member, 1, new StaffChange(null, null, null, null, StaffStatus.INACTIVE));
        Persona inactive = Persona.gridWorker("G09").withStaffId(DemoCommunity.gridWorkerId(9));
        var before = api.items();

        var unlinked = api.putMyPreferences(Persona.gridWorker("G03"), "{not json").expect(403);
        api.myPreferences(inactive).expect(403);
        api.putMyPreferences(inactive, Map.of()).expect(403);
        api.myPreferences(Persona.resident().withStaffId(DemoCommunity.GRID_WORKER_ID)).expect(403);

        assertThat(unlinked.text("/detail")).isEqualTo("不是本社区在册的工作人员");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void roundTrips_readIsOneGetItem_changeIsAGetItemAndAPutItem_badInputOnlyTheGetItem() {
        var read = api.dynamoTrips.during(() -> api.myPreferences(gridWorker).expect(200));
        var change = api.dynamoTrips.during(() -> api.putMyPreferences(gridWorker, Map.of("grids", List.of("G03"))).expect(200));
        var refused = api.dynamoTrips.during(() -> api.putMyPreferences(gridWorker, Map.of("grids", List.of("G04"))).expect(400));

        assertThat(read).isEqualTo(Map.of("GetItem", 1));
        assertThat(change).isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
        assertThat(refused).isEqualTo(Map.of("GetItem", 1));
        assertThat(api.kmsTrips.total()).as("no phone is sealed or opened").isZero();
    }

    private List<String> refused(Object body) {
        return api.putMyPreferences(gridWorker, body).expect(400).errorFields();
    }
}
