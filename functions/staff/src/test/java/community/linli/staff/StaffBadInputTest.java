package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input to the staff routes: a 4xx problem naming every bad field, and nothing written. */
@ExtendWith(MotoExtension.class)
class StaffBadInputTest {
    StaffApi api;
    Persona admin = Persona.admin();
    int itemsBefore;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new StaffApi(aws);
        itemsBefore = api.items().size();
    }

    private static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "王芳");
        body.put("phone", "13712345678");
        body.put("role", "grid_worker");
        body.put("gridIds", List.of("G03"));
        return body;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = valid();
        if (value == null) body.remove(field); else body.put(field, value);
        return body;
    }

    private List<String> refused(Object body) {
        var reply = api.register(admin, body).expect(400);
        assertThat(api.items()).as("nothing written").hasSize(itemsBefore);
        return reply.errorFields();
    }

    @Test
    void register_withoutNamePhoneOrRole_names400EachOfThem() {
        assertThat(refused(Map.of())).containsExactlyInAnyOrder("name", "phone", "role");
    }

    @Test
    void register_withAPhoneOfTheWrongShape_returns400NamingPhone() {
        for (String phone : List.of("12812345678", "1381234567", "+8613812345678", "138-1234-5678", "１３８１２３４５６７８")) {
            assertThat(refused(with("phone", phone))).as(phone).containsExactly("phone");
        }
    }

    @Test
    void register_withAnUnknownRole_returns400NamingRole() {
        assertThat(refused(with("role", "grid-workers"))).containsExactly("role");
    }

    @Test
    void register_withAnOverlongOrBlankName_returns400NamingName() {
        assertThat(refused(with("name", "王".repeat(33)))).containsExactly("name");
        assertThat(refused(with("name", "  "))).containsExactly("name");
    }

    @Test
    void register_aGridWorkerWithoutGrids_returns400NamingGridIds() {
        assertThat(refused(with("gridIds", null))).containsExactly("gridIds");
        assertThat(refused(with("gridIds", List.of()))).containsExactly("gridIds");
    }

    @Test
    void register_staffWithGrids_returns400NamingGridIds() {
        Map<String, Object> body = with("role", "staff");

        assertThat(refused(body)).containsExactly("gridIds");
    }

    @Test
    void register_withGridsTheCommunityDoesNotHave_returns400NamingEach() {
        var reply = api.register(admin, with("gridIds", List.of("G03", "G99", "X1"))).expect(400);

        assertThat(reply.errorFields()).containsExactly("gridIds[1]", "gridIds[2]");
        assertThat(reply.body().at("/errors/0/code").asText()).isEqualTo("unknown_grid");
        assertThat(api.items()).hasSize(itemsBefore);
    }

    @Test
    void register_withRepeatedOrMalformedGridIds_returns400NamingThem() {
        assertThat(refused(with("gridIds", List.of("G03", "G03")))).containsExactly("gridIds[1]");
        assertThat(refused(with("gridIds", List.of("G 03")))).containsExactly("gridIds[0]");
    }

    @Test
    void register_withAnUnknownFieldOrMalformedJson_returns400() {
        assertThat(refused(with("email", "a@b.cn"))).containsExactly("email");
        assertThat(refused("{\"name\":")).containsExactly("body");
        assertThat(refused(with("gridIds", "G03"))).containsExactly("gridIds");
    }

    @Test
    void register_withAnotherContentType_returns415() {
        var reply = api.call(StaffApi.registerEvent(valid()).as(admin).header("content-type", "text/plain").build()).expect(415);

        assertThat(reply.errorFields()).containsExactly("Content-Type");
        assertThat(api.items()).hasSize(itemsBefore);
    }

    @Test
    void patch_withNothingToChange_returns400NamingBody() {
        var reply = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("version", 1)).expect(400);

        assertThat(reply.errorFields()).containsExactly("body");
        assertThat(api.items()).hasSize(itemsBefore);
    }

    @Test
    void patch_withBadFields_returns400NamingEach_andChangesNothing() {
        var reply = api.patch(admin, DemoCommunity.GRID_WORKER_ID,
                Map.of("status", "deleted", "phone", "123", "role", "boss", "name", "")).expect(400);

        assertThat(reply.errorFields()).containsExactlyInAnyOrder("status", "phone", "role", "name", "version");
        assertThat(api.get(admin, DemoCommunity.GRID_WORKER_ID).expect(200).body().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void patch_withAGridTheCommunityDoesNotHave_returns400NamingIt() {
        var reply = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("gridIds", List.of("G99"), "version", 1)).expect(400);

        assertThat(reply.errorFields()).containsExactly("gridIds[0]");
        assertThat(api.get(admin, DemoCommunity.GRID_WORKER_ID).body().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void patch_makingAStaffMemberAGridWorkerWithoutGrids_isRefusedAsGridRequired_andChangesNothing() {
        var reply = api.patch(admin, DemoCommunity.STAFF_ID, Map.of("role", "grid_worker", "version", 1)).expect(400);

        assertThat(reply.body().at("/errors/0/field").asText()).isEqualTo("gridIds");
        assertThat(reply.body().at("/errors/0/code").asText()).isEqualTo("grid_required");
        assertThat(api.get(admin, DemoCommunity.STAFF_ID).expect(200).body().get("role").asText()).isEqualTo("staff");
    }
}
