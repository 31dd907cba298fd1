package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.staff.StaffMember;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.Persona;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The staff registry's routes on moto, as an admin and staff use them. */
class StaffHandlerTest extends StaffApi.Fixture {
    private static Map<String, Object> gridWorker(String phone, String... grids) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "王芳");
        body.put("phone", phone);
        body.put("role", "grid_worker");
        body.put("gridIds", List.of(grids));
        return body;
    }

    @Test
    void register_asAdmin_returns201WithThePhoneInFull_andStoresItOnlySealed() {
        var reply = api.register(admin, gridWorker("13712340001", "G03", "G04")).expect(201);

        String id = reply.text("/id");
        assertThat(reply.headers()).containsEntry("Location", "/staff/" + id);
        assertThat(reply.text("/phone")).isEqualTo("13712340001");
        assertThat(reply.body().get("phoneMasked").asBoolean()).isFalse();
        assertThat(reply.text("/role")).isEqualTo("grid_worker");
        assertThat(reply.body().get("gridIds").toString()).isEqualTo("[\"G03\",\"G04\"]");
        assertThat(reply.body().get("version").asLong()).isEqualTo(1);
        assertThat(api.items().toString()).doesNotContain("13712340001").contains("137****0001");
        StaffMember stored = api.store.get(DemoCommunity.ID, id).orElseThrow();
        assertThat(api.store.phone(stored)).isEqualTo("13712340001");
    }

    @Test
    void register_aStaffMemberOrAdmin_needsNoGrids() {
        var body = Map.<String, Object>of("name", "李娜", "phone", "13712340002", "role", "admin");

        var reply = api.register(admin, body).expect(201);

        assertThat(reply.text("/role")).isEqualTo("admin");
        assertThat(reply.body().get("gridIds").size()).isZero();
    }

    @Test
    void register_aPhoneAlreadyRegistered_returns409NamingPhoneAndItsHolder_andWritesNothing() {
        int before = api.items().size();

        var reply = api.register(admin, gridWorker(DemoCommunity.STAFF_PHONE, "G05")).expect(409);

        assertThat(reply.errorFields()).containsExactly("phone");
        assertThat(reply.text("/staffId")).isEqualTo(DemoCommunity.STAFF_ID);
        assertThat(api.items()).hasSize(before);
    }

    @Test
    void register_inAnotherCommunity_mayUseAPhoneThisOneHas() {
        var otherAdmin = Persona.admin().inCommunity("other");

        var reply = api.register(otherAdmin, Map.of("name", "陈静", "phone", DemoCommunity.STAFF_PHONE, "role", "staff")).expect(201);

        assertThat(api.store.get("other", reply.text("/id"))).isPresent();
        assertThat(api.store.findByPhoneHash(api.store.phoneHash(DemoCommunity.STAFF_PHONE)))
                .extracting(StaffMember::communityId).containsExactly("demo", "other");
    }

    @Test
    void list_asStaff_masksEveryPhone() {
        var reply = api.list(staff, Map.of("limit", "100")).expect(200);

        assertThat(reply.body().get("items")).hasSize(DemoCommunity.staff().size());
        for (var item : reply.body().get("items")) {
            assertThat(item.get("phone").asText()).matches("1[3-9]\\d\\*{4}\\d{4}");
            assertThat(item.get("phoneMasked").asBoolean()).isTrue();
        }
        assertThat(reply.body().toString()).doesNotContain(DemoCommunity.ADMIN_PHONE).contains("139****0001");
    }

    @Test
    void list_asAdmin_showsPhonesInFull() {
        var reply = api.list(admin, Map.of("limit", "100")).expect(200);

        Map<String, String> phones = new HashMap<>();
        reply.body().get("items").forEach(item -> phones.put(item.get("id").asText(), item.get("phone").asText()));
        assertThat(phones).containsEntry(DemoCommunity.ADMIN_ID, DemoCommunity.ADMIN_PHONE)
                .containsEntry(DemoCommunity.GRID_WORKER_ID, DemoCommunity.gridWorkerPhone(3));
    }

    @Test
    void list_pagesByCursor_throughTheWholeRegistry() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "4"));
            if (cursor != null) query.put("cursor", cursor);
            var page = api.list(staff, query).expect(200);
            page.body().get("items").forEach(item -> ids.add(item.get("id").asText()));
            cursor = page.body().has("nextCursor") ? page.text("/nextCursor") : null;
        } while (cursor != null);

        assertThat(ids).hasSize(DemoCommunity.staff().size()).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void list_withABadLimitCursorOrParameter_returns400NamingIt() {
        assertThat(api.list(staff, Map.of("limit", "0")).expect(400).errorFields()).containsExactly("limit");
        assertThat(api.list(staff, Map.of("cursor", "bm90IGEgY3Vyc29y")).expect(400).errorFields()).containsExactly("cursor");
        assertThat(api.list(staff, Map.of("grid", "G03")).expect(400).errorFields()).containsExactly("grid");
    }

    @Test
    void list_inAnotherCommunity_seesNoneOfThisOne() {
        var reply = api.list(Persona.staff().inCommunity("other"), Map.of()).expect(200);

        assertThat(reply.body().get("items")).isEmpty();
    }

    @Test
    void get_asStaffIsMasked_asAdminInFull_andUnknownOrForeignIs404() {
        assertThat(api.get(staff, DemoCommunity.GRID_WORKER_ID).expect(200).text("/phone")).isEqualTo("137****0003");
        assertThat(api.get(admin, DemoCommunity.GRID_WORKER_ID).expect(200).text("/phone")).isEqualTo("13700000003");
        api.get(admin, "nobody").expect(404);
        api.get(admin, "not an id!").expect(404);
        api.get(Persona.admin().inCommunity("other"), DemoCommunity.GRID_WORKER_ID).expect(404);
    }

    @Test
    void patch_changesGridsWithTheVersion_andAStaleVersionIs409() {
        var changed = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("gridIds", List.of("G03", "G04"), "version", 1)).expect(200);

        assertThat(changed.body().get("version").asLong()).isEqualTo(2);
        assertThat(changed.body().get("gridIds").toString()).isEqualTo("[\"G03\",\"G04\"]");
        var stale = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("name", "王芳芳", "version", 1)).expect(409);
        assertThat(stale.text("/type")).endsWith("/version-conflict");
        assertThat(api.get(admin, DemoCommunity.GRID_WORKER_ID).text("/name")).isEqualTo("王芳");
    }

    @Test
    void patch_deactivatesWithoutDeleting_andSignInNoLongerMatchesThePhone() {
        String hash = api.store.phoneHash(DemoCommunity.gridWorkerPhone(3));

        var reply = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("status", "inactive", "version", 1)).expect(200);

        assertThat(reply.text("/status")).isEqualTo("inactive");
        assertThat(api.get(staff, DemoCommunity.GRID_WORKER_ID).expect(200).text("/status")).isEqualTo("inactive");
        assertThat(api.store.findByPhoneHash(hash)).isEmpty();
        api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("status", "active", "version", 2)).expect(200);
        assertThat(api.store.findByPhoneHash(hash)).extracting(StaffMember::staffId).containsExactly(DemoCommunity.GRID_WORKER_ID);
    }

    @Test
    void patch_toAPhoneSomeoneHas_is409NamingPhone_andToAFreeOneMovesIt() {
        var taken = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("phone", DemoCommunity.ADMIN_PHONE, "version", 1)).expect(409);
        assertThat(taken.errorFields()).containsExactly("phone");
        assertThat(taken.text("/staffId")).isEqualTo(DemoCommunity.ADMIN_ID);

        var moved = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("phone", "13712340009", "version", 1)).expect(200);

        assertThat(moved.text("/phone")).isEqualTo("13712340009");
        assertThat(api.get(staff, DemoCommunity.GRID_WORKER_ID).text("/phone")).isEqualTo("137****0009");
        assertThat(api.store.findByPhoneHash(api.store.phoneHash(DemoCommunity.gridWorkerPhone(3)))).isEmpty();
    }

    @Test
    void patch_aGridWorkerToStaff_needsTheGridsCleared() {
        var kept = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("role", "staff", "version", 1)).expect(400);
        assertThat(kept.errorFields()).containsExactly("gridIds");

        var moved = api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("role", "staff", "gridIds", List.of(), "version", 1)).expect(200);

        assertThat(moved.text("/role")).isEqualTo("staff");
        assertThat(moved.body().get("gridIds")).isEmpty();
    }
}
