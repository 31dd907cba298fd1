package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.tables.staff.StaffChange;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStatus;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An assignment names a member of the community's staff registry by staff id, and is checked
 * against it: an active grid worker of the request's grid, a staff member or an admin. Anyone else
 * is 400 naming {@code assignee}, with nothing written. {@code GET /requests/{id}/assignees} lists
 * exactly whom the check accepts.
 */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "StaffFunction"})
class AssignmentTest {
    Api api;
    Persona resident = Persona.resident();
    Persona staff = Persona.staff().withStaffId(DemoCommunity.STAFF_ID);

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws).withDemoStaff();
    }

    /** The request of the fixture, filed at B0301 in grid G03. */
    String filedInG03() {
        return api.submitted(resident);
    }

    @Test
    void assign_toTheGridWorkerOfItsGrid_recordsTheirStaffIdRoleAndNameFromTheRegistry() {
        String id = filedInG03();

        var assigned = api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.GRID_WORKER_ID)).expect(200);

        assertThat(assigned.text("/assignee/staffId")).isEqualTo(DemoCommunity.GRID_WORKER_ID);
        assertThat(assigned.text("/assignee/role")).isEqualTo("grid_worker");
        assertThat(assigned.text("/assignee/name")).isEqualTo("王芳");
        JsonNode event = assigned.body().at("/timeline/1");
        assertThat(event.at("/kind").asText()).isEqualTo("assigned");
        assertThat(event.at("/assignee/staffId").asText()).isEqualTo(DemoCommunity.GRID_WORKER_ID);
        assertThat(api.get(resident, id).expect(200).body().at("/assignee").has("staffId")).isFalse();
    }

    @Test
    void assign_toAStaffMemberOrAnAdmin_isAccepted_whateverItsGrid() {
        String id = filedInG03();

        api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.STAFF_ID)).expect(200);
        var transferred = api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.ADMIN_ID, "reason", "转交主任")).expect(200);

        assertThat(transferred.text("/assignee/role")).isEqualTo("admin");
        assertThat(transferred.text("/assignee/name")).isEqualTo("赵敏");
    }

    @Test
    void assign_toSomeoneNotInTheDirectory_returns400NamingAssignee_andWritesNothing() {
        String id = filedInG03();

        var refused = api.move(staff, id, "assign", Map.of("assignee", "nobody-we-know")).expect(400);

        assertThat(refused.errorFields()).containsExactly("assignee");
        assertThat(refused.body().at("/errors/0/code").asText()).isEqualTo("not_in_directory");
        assertUnchanged(id);
    }

    @Test
    void assign_toAGridWorkerOfAnotherGrid_returns400OutsideGrid_andWritesNothing() {
        String id = filedInG03();

        var refused = api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.gridWorkerId(9))).expect(400);

        assertThat(refused.errorFields()).containsExactly("assignee");
        assertThat(refused.body().at("/errors/0/code").asText()).isEqualTo("outside_grid");
        assertUnchanged(id);
    }

    @Test
    void assign_toADeactivatedMember_returns400NotInDirectory() {
        String id = filedInG03();
        var registry = api.registry();
        var member = registry.get(DemoCommunity.ID, DemoCommunity.GRID_WORKER_ID).orElseThrow();
        registry.update(member, member.version(), new StaffChange(null, null, null, null, StaffStatus.INACTIVE));

        var refused = api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.GRID_WORKER_ID)).expect(400);

        assertThat(refused.body().at("/errors/0/code").asText()).isEqualTo("not_in_directory");
        assertUnchanged(id);
    }

    @Test
    void assign_toAMemberOfAnotherCommunity_returns400NotInDirectory() {
        String id = filedInG03();
        DemoCommunity.seedStaff(api.registry(), "other-community");
        api.registry().register("other-community", "gw-only-there",
                new community.linli.tables.staff.NewStaff("外人", "13955550000", StaffRole.GRID_WORKER, List.of("G03")));

        var refused = api.move(staff, id, "assign", Map.of("assignee", "gw-only-there")).expect(400);

        assertThat(refused.body().at("/errors/0/code").asText()).isEqualTo("not_in_directory");
        assertUnchanged(id);
    }

    @Test
    void assign_ofARequestOfNoGrid_toAnyGridWorker_isRefused_andToStaffAccepted() {
        String id = api.submit(resident, MapPointTest.filedAt("B0301", -500, 0)).expect(201).text("/id");

        api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.GRID_WORKER_ID)).expect(400);
        api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.STAFF_ID)).expect(200);

        assertThat(names(api.assignees(staff, id).expect(200))).containsExactly("陈静", "赵敏");
    }

    @Test
    void assign_withAStaffIdOfTheWrongShape_returns400Pattern_withoutReadingTheRegistry() {
        String id = filedInG03();

        var trips = api.trips.during(() -> {
            var refused = api.move(staff, id, Map.of("action", "assign", "version", 1, "assignee", "王芳"));
            refused.expect(400);
            assertThat(refused.errorFields()).containsExactly("assignee");
            var object = api.move(staff, id, Map.of("action", "assign", "version", 1,
                    "assignee", Map.of("sub", "x", "role", "grid_worker")));
            object.expect(400);
            assertThat(object.errorFields()).containsExactly("assignee");
        });

        assertThat(trips).isEqualTo(Map.of("Query", 2));
        assertUnchanged(id);
    }

    @Test
    void assign_takesOneGetItemOfTheMemberMoreThanAnyMove_andARefusalWritesNothing() {
        String id = filedInG03();

        var refused = api.trips.during(() -> api.move(staff, id, "assign", Map.of("assignee", "nobody")).expect(400));
        var assigned = api.trips.during(() -> api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.GRID_WORKER_ID)).expect(200));

        assertThat(refused).isEqualTo(Map.of("Query", 2, "GetItem", 1));
        assertThat(assigned).isEqualTo(Map.of("Query", 2, "GetItem", 1, "TransactWriteItems", 1));
    }

    @Test
    void theAssignee_actsOnIt_andListsIt_byTheStaffIdTheirTokenCarries() {
        String id = filedInG03();
        Persona worker = Api.demoGridWorker();
        api.move(staff, id, "assign", Map.of("assignee", worker.staffId())).expect(200);
        Persona sameAccountUnlinked = Persona.gridWorker("G09").withSub(worker.sub());

        assertThat(ids(api.inbox(worker, Map.of("assignee", "me")).expect(200))).containsExactly(id);
        api.move(worker, id, "start", Map.of()).expect(200);
        api.get(sameAccountUnlinked, id).expect(404);
        api.inbox(sameAccountUnlinked, Map.of("assignee", "me")).expect(403);
        assertThat(ids(api.inbox(staff, Map.of("assignee", DemoCommunity.GRID_WORKER_ID)).expect(200))).containsExactly(id);
    }

    @Test
    void assignees_ofAG03Request_areItsGridWorkersThenStaffThenAdmins_byName_withoutPhones() {
        String id = filedInG03();
        api.registered("gw-li-qiang", "李强", StaffRole.GRID_WORKER, "G03", "G04");
        api.registered("gw-elsewhere", "钱多", StaffRole.GRID_WORKER, "G04");
        api.registered("st-gone", "孙离", StaffRole.STAFF);
        var registry = api.registry();
        var gone = registry.get(DemoCommunity.ID, "st-gone").orElseThrow();
        registry.update(gone, gone.version(), new StaffChange(null, null, null, null, StaffStatus.INACTIVE));

        var trips = api.trips.during(() -> {
            var list = api.assignees(staff, id).expect(200);
            assertThat(names(list)).containsExactly("李强", "王芳", "陈静", "赵敏");
            assertThat(StreamSupport.stream(list.body().get("items").spliterator(), false).map(i -> i.get("role").asText()).toList())
                    .containsExactly("grid_worker", "grid_worker", "staff", "admin");
            assertThat(list.body().toString()).doesNotContain("139").doesNotContain("137").doesNotContain("phone");
        });

        assertThat(trips).isEqualTo(Map.of("Query", 2));
        for (var option : api.assignees(staff, id).body().get("items")) {
            api.move(staff, id, "assign", Map.of("assignee", option.get("staffId").asText(), "reason", "试派")).expect(200);
        }
    }

    @Test
    void assignees_areForWhoeverMayAssign_otherRolesGet403_andStaffElsewhere404() {
        String id = filedInG03();
        api.move(staff, id, "assign", Map.of("assignee", DemoCommunity.GRID_WORKER_ID)).expect(200);

        api.assignees(Persona.admin(), id).expect(200);
        api.assignees(resident, id).expect(403);
        api.assignees(Api.demoGridWorker(), id).expect(403);
        api.assignees(Persona.gridWorker("G07"), id).expect(403);
        api.assignees(Persona.staff().inCommunity("other-community"), id).expect(404);
        api.assignees(staff, "261128-9999").expect(404);
    }

    private void assertUnchanged(String id) {
        var seen = api.get(staff, id).expect(200);
        assertThat(seen.version()).isEqualTo(1);
        assertThat(seen.text("/status")).isEqualTo("accepted");
        assertThat(seen.body().get("timeline")).hasSize(1);
    }

    private static List<String> names(Api.Reply list) {
        return StreamSupport.stream(list.body().get("items").spliterator(), false).map(i -> i.get("name").asText()).toList();
    }

    private static List<String> ids(Api.Reply page) {
        return StreamSupport.stream(page.body().get("items").spliterator(), false).map(i -> i.get("id").asText()).toList();
    }
}
