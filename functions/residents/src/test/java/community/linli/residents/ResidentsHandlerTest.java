package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStatus;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The resident registry's routes on moto, as a grid worker, staff and an admin use them. */
@ExtendWith(MotoExtension.class)
class ResidentsHandlerTest {
    ResidentsApi api;
    Persona gridWorker = ResidentsApi.gridWorker();
    Persona staff = Persona.staff();
    Persona admin = Persona.admin();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new ResidentsApi(aws);
    }

    static Map<String, Object> resident(String householdId, String idNumber, String relation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", householdId);
        body.put("name", "刘芳");
        body.put("idNumber", idNumber);
        body.put("relation", relation);
        body.put("residenceType", "permanent");
        return body;
    }

    @Test
    void aHouseholdOfThree_withAnElderlyPersonLivingAloneAndConsent_isRegistered_andListedByTagInItsGrid() {
        String household = api.household("301");
        var head = api.register(gridWorker, with(resident(household, "630102196805120310", "head"), "phone", "13812345678")).expect(201);
        api.register(gridWorker, resident(household, "630102197002150326", "spouse")).expect(201);
        Map<String, Object> elderly = resident(household, "630102193912250328", "parent");
        elderly.put("tags", List.of("elderly_alone", "elderly_80"));
        elderly.put("consents", List.of(Map.of("tag", "elderly_alone", "date", "2026-11-29")));
        var registered = api.register(gridWorker, elderly).expect(201);

        assertThat(head.headers()).containsEntry("Location", "/residents/" + head.text("/id"));
        assertThat(head.text("/idNumber")).isEqualTo("6301**********0310");
        assertThat(head.text("/phone")).isEqualTo("138****5678");
        assertThat(head.text("/birthDate")).isEqualTo("1968-05-12");
        assertThat(head.text("/gender")).isEqualTo("male");
        assertThat(head.text("/gridId")).isEqualTo("G03");
        assertThat(registered.text("/gender")).isEqualTo("female");
        assertThat(registered.text("/consents/0/recordedBy")).isEqualTo(DemoCommunity.GRID_WORKER_ID);
        assertThat(registered.text("/consents/0/date")).isEqualTo("2026-11-29");
        var members = api.household(gridWorker, household).expect(200);
        assertThat(members.text("/headResidentId")).isEqualTo(head.text("/id"));
        assertThat(members.body().get("members")).hasSize(3);
        var alone = api.list(gridWorker, Map.of("grid", "G03", "tag", "elderly_alone")).expect(200);
        assertThat(ids(alone.body().get("items"))).containsExactlyInAnyOrder(DemoCommunity.ELDERLY_ID, registered.text("/id"));
    }

    @Test
    void register_theSameIdNumberTwice_is409NamingIdNumber_withTheHolderForWhoMaySeeIt_andWritesNothing() {
        String inG05 = api.householdInG05("101");
        int before = api.itemCount();

        var mine = api.register(gridWorker, resident(api.household("101"), DemoCommunity.ELDERLY_ID_NUMBER, "head")).expect(409);
        int afterFirst = api.itemCount();
        var notMine = api.register(Persona.gridWorker("G05"), resident(inG05, DemoCommunity.ELDERLY_ID_NUMBER, "head")).expect(409);

        assertThat(mine.errorFields()).containsExactly("idNumber");
        assertThat(mine.text("/residentId")).isEqualTo(DemoCommunity.ELDERLY_ID);
        assertThat(notMine.errorFields()).containsExactly("idNumber");
        assertThat(notMine.body().has("residentId")).as("the G05 grid worker may not see a G03 resident").isFalse();
        assertThat(afterFirst).as("only the new household").isEqualTo(before + 2);
        assertThat(api.itemCount()).isEqualTo(afterFirst);
    }

    @Test
    void register_aLowerCaseX_isTheSameNumber() {
        var reply = api.register(gridWorker, resident(api.household("102"), DemoCommunity.PHONE_RESIDENT_ID_NUMBER.toLowerCase(), "head")).expect(409);

        assertThat(reply.text("/residentId")).isEqualTo(DemoCommunity.PHONE_RESIDENT_ID);
    }

    @Test
    void register_aSecondHead_is409NamingRelation() {
        var reply = api.register(gridWorker, resident(DemoCommunity.HOUSEHOLD_ID, IdNumbers.fresh(), "head")).expect(409);

        assertThat(reply.errorFields()).containsExactly("relation");
    }

    @Test
    void list_byGridBuildingUnitAndRoom_narrowsToTheRoom_andPagesByCursor() {
        String household = api.household("201");
        for (int i = 0; i < 3; i++) api.register(gridWorker, resident(household, IdNumbers.fresh(), "child")).expect(201);

        assertThat(api.list(staff, Map.of("grid", "G03")).expect(200).body().get("items")).hasSize(7);
        assertThat(api.list(staff, Map.of("building", "B0301")).expect(200).body().get("items")).hasSize(6);
        assertThat(api.list(staff, Map.of("building", "B0301", "unit", "1")).expect(200).body().get("items")).hasSize(3);
        assertThat(ids(api.list(staff, Map.of("building", "B0301", "unit", "1", "room", "302")).expect(200).body().get("items")))
                .containsExactlyInAnyOrder(DemoCommunity.HEAD_ID, DemoCommunity.SPOUSE_ID, DemoCommunity.ELDERLY_ID);
        assertThat(api.list(staff, Map.of("building", "B0302")).expect(200).body().get("items")).hasSize(1);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("grid", "G03", "limit", "2"));
            if (cursor != null) query.put("cursor", cursor);
            var page = api.list(gridWorker, query).expect(200);
            paged.addAll(ids(page.body().get("items")));
            cursor = page.body().has("nextCursor") ? page.text("/nextCursor") : null;
        } while (cursor != null);
        assertThat(paged).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void list_aCursorOfAnotherGridOrRoom_is400NamingCursor() {
        String cursor = api.list(staff, Map.of("grid", "G03", "limit", "1")).expect(200).text("/nextCursor");

        assertThat(api.list(staff, Map.of("grid", "G05", "cursor", cursor)).expect(400).errorFields()).containsExactly("cursor");
        assertThat(api.list(staff, Map.of("building", "B0302", "cursor", cursor)).expect(400).errorFields()).containsExactly("cursor");
    }

    @Test
    void lookup_byIdNumberOrPhone_findsTheResident_inTheBody_andOnlyInTheCallersGrids() {
        var byId = api.lookup(gridWorker, Map.of("idNumber", DemoCommunity.HEAD_ID_NUMBER)).expect(200);
        var byPhone = api.lookup(staff, Map.of("phone", DemoCommunity.PHONE_RESIDENT_PHONE)).expect(200);
        var otherGrid = api.lookup(Persona.gridWorker("G05"), Map.of("phone", DemoCommunity.PHONE_RESIDENT_PHONE)).expect(200);
        var nobody = api.lookup(staff, Map.of("idNumber", IdNumbers.fresh())).expect(200);

        assertThat(ids(byId.body().get("items"))).containsExactly(DemoCommunity.HEAD_ID);
        assertThat(ids(byPhone.body().get("items"))).containsExactly(DemoCommunity.PHONE_RESIDENT_ID);
        assertThat(otherGrid.body().get("items")).isEmpty();
        assertThat(nobody.body().get("items")).isEmpty();
    }

    @Test
    void get_showsTheHistory_andAnotherGridsWorkerOrCommunityGets404() {
        var reply = api.get(gridWorker, DemoCommunity.ELDERLY_ID).expect(200);

        assertThat(reply.text("/moves/0/kind")).isEqualTo("move_in");
        assertThat(reply.text("/moves/0/toHouseholdId")).isEqualTo(DemoCommunity.HOUSEHOLD_ID);
        assertThat(reply.body().get("tags").toString()).contains("elderly_alone");
        api.get(Persona.gridWorker("G05"), DemoCommunity.ELDERLY_ID).expect(404);
        api.get(Persona.staff().inCommunity("other"), DemoCommunity.ELDERLY_ID).expect(404);
        api.get(staff, "nobody").expect(404);
    }

    @Test
    void patch_withTheVersion_changesIt_andAStaleOneIs409() {
        var changed = api.patch(gridWorker, DemoCommunity.SPOUSE_ID, Map.of("phone", "13912345678", "notes", "退休教师", "version", 1)).expect(200);

        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.text("/phone")).isEqualTo("139****5678");
        assertThat(changed.text("/notes")).isEqualTo("退休教师");
        var stale = api.patch(gridWorker, DemoCommunity.SPOUSE_ID, Map.of("name", "王秀英", "version", 1)).expect(409);
        assertThat(stale.text("/type")).endsWith("/version-conflict");
        assertThat(api.get(staff, DemoCommunity.SPOUSE_ID).text("/name")).isEqualTo("王秀兰");
    }

    @Test
    void patch_tags_keepsEarlierConsents_andDroppingATagLeavesTheTagList() {
        var reply = api.patch(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("tags", List.of("elderly_alone", "disability"),
                "consents", List.of(Map.of("tag", "disability", "date", "2026-11-29")), "version", 1)).expect(200);

        assertThat(reply.body().get("consents")).hasSize(2);
        assertThat(api.list(staff, Map.of("grid", "G03", "tag", "elderly_80")).expect(200).body().get("items")).isEmpty();
        assertThat(ids(api.list(staff, Map.of("grid", "G03", "tag", "disability")).expect(200).body().get("items")))
                .containsExactly(DemoCommunity.ELDERLY_ID);
    }

    @Test
    void patch_aCorrectedIdNumber_movesItsClaim() {
        String corrected = IdNumbers.born("19720514");

        var reply = api.patch(gridWorker, DemoCommunity.HEAD_ID, Map.of("idNumber", corrected, "version", 1)).expect(200);

        assertThat(reply.text("/idNumber")).endsWith(corrected.substring(14));
        assertThat(ids(api.lookup(staff, Map.of("idNumber", corrected)).expect(200).body().get("items"))).containsExactly(DemoCommunity.HEAD_ID);
        assertThat(api.lookup(staff, Map.of("idNumber", DemoCommunity.HEAD_ID_NUMBER)).expect(200).body().get("items")).isEmpty();
    }

    @Test
    void moves_outAndBackIn_keepTheHistory_andLeaveAndJoinTheIndexes() {
        String other = api.household("102");

        var out = api.move(gridWorker, DemoCommunity.HEAD_ID, Map.of("kind", "move_out", "date", "2026-11-28", "version", 1)).expect(200);
        assertThat(out.text("/status")).isEqualTo("moved_out");
        assertThat(api.household(staff, DemoCommunity.HOUSEHOLD_ID).expect(200).body().has("headResidentId")).isFalse();
        assertThat(ids(api.list(staff, Map.of("building", "B0301", "unit", "1", "room", "302")).body().get("items")))
                .doesNotContain(DemoCommunity.HEAD_ID);
        api.move(gridWorker, DemoCommunity.HEAD_ID, Map.of("kind", "move_out", "version", 2)).expect(409);

        var back = api.move(gridWorker, DemoCommunity.HEAD_ID, Map.of("kind", "move_in", "householdId", other, "relation", "head", "version", 2)).expect(200);

        assertThat(back.text("/status")).isEqualTo("active");
        assertThat(back.text("/roomId")).isEqualTo("102");
        assertThat(api.household(staff, other).expect(200).text("/headResidentId")).isEqualTo(DemoCommunity.HEAD_ID);
        var history = api.get(staff, DemoCommunity.HEAD_ID).expect(200).body().get("moves");
        assertThat(history).hasSize(3);
        assertThat(history.get(1).get("kind").asText()).isEqualTo("move_out");
        assertThat(history.get(2).get("toHouseholdId").asText()).isEqualTo(other);
    }

    @Test
    void transfer_toAnotherGrid_needsTheGridWorkerToCoverBoth_andMovesTheTagsWithThem() {
        String inG05 = api.householdInG05("102");

        api.move(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("kind", "transfer", "householdId", inG05, "relation", "head", "version", 1)).expect(400);
        api.move(staff, DemoCommunity.ELDERLY_ID, Map.of("kind", "transfer", "householdId", inG05, "relation", "head", "version", 1)).expect(200);

        assertThat(api.list(staff, Map.of("grid", "G03", "tag", "elderly_alone")).expect(200).body().get("items")).isEmpty();
        assertThat(ids(api.list(staff, Map.of("grid", "G05", "tag", "elderly_alone")).expect(200).body().get("items")))
                .containsExactly(DemoCommunity.ELDERLY_ID);
        api.get(gridWorker, DemoCommunity.ELDERLY_ID).expect(404);
    }

    @Test
    void deceased_leavesTheListsAndKeepsTheRecord() {
        api.move(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("kind", "deceased", "date", "2026-11-29", "version", 1)).expect(200);

        assertThat(api.get(gridWorker, DemoCommunity.ELDERLY_ID).expect(200).text("/status")).isEqualTo("deceased");
        assertThat(api.list(staff, Map.of("grid", "G03", "tag", "elderly_alone")).expect(200).body().get("items")).isEmpty();
        assertThat(api.household(staff, DemoCommunity.HOUSEHOLD_ID).expect(200).body().get("members")).hasSize(2);
    }

    @Test
    void reveal_byTheGridWorker_showsFullValues_andWritesAnAuditRecordAdminsRead() {
        var revealed = api.reveal(gridWorker, DemoCommunity.HEAD_ID, Map.of("reason", "上门核对户籍信息")).expect(200);

        assertThat(revealed.text("/idNumber")).isEqualTo(DemoCommunity.HEAD_ID_NUMBER);
        assertThat(revealed.text("/phone")).isEqualTo(DemoCommunity.HEAD_PHONE);
        var audit = api.audit(admin, Map.of("month", "2026-11")).expect(200);
        assertThat(audit.body().get("items")).hasSize(1);
        assertThat(audit.text("/items/0/id")).isEqualTo(revealed.text("/auditId"));
        assertThat(audit.text("/items/0/actor")).isEqualTo(DemoCommunity.GRID_WORKER_ID);
        assertThat(audit.text("/items/0/actorRole")).isEqualTo("grid_worker");
        assertThat(audit.text("/items/0/residentId")).isEqualTo(DemoCommunity.HEAD_ID);
        assertThat(audit.text("/items/0/reason")).isEqualTo("上门核对户籍信息");
        assertThat(audit.text("/items/0/at")).isEqualTo("2026-11-30T01:00:00.000Z");
        assertThat(api.audit(admin, Map.of()).expect(200).body().get("items")).as("this month, by the clock").hasSize(1);
        api.reveal(staff, DemoCommunity.HEAD_ID, Map.of("reason", "看看")).expect(403);
        api.reveal(Persona.gridWorker("G05"), DemoCommunity.HEAD_ID, Map.of("reason", "看看")).expect(404);
        assertThat(api.audit(admin, Map.of("month", "2026-11")).body().get("items")).as("refusals write no record").hasSize(1);
    }

    @Test
    void erasure_deletesThePersonalDataForGood_leavesATombstoneAndAnAuditRecord_andFreesTheIdNumber() {
        var tombstone = api.erase(admin, DemoCommunity.PHONE_RESIDENT_ID, Map.of("reason", "本人申请删除", "version", 1)).expect(200);

        assertThat(tombstone.text("/status")).isEqualTo("erased");
        assertThat(tombstone.body().has("name")).isFalse();
        String raw = api.items().toString();
        assertThat(raw).doesNotContain("张明").doesNotContain(api.store.idHash(DemoCommunity.PHONE_RESIDENT_ID_NUMBER))
                .doesNotContain(api.store.phoneHash(DemoCommunity.PHONE_RESIDENT_PHONE));
        Resident stored = api.store.get(DemoCommunity.ID, DemoCommunity.PHONE_RESIDENT_ID).orElseThrow();
        assertThat(stored.status()).isEqualTo(ResidentStatus.ERASED);
        assertThat(stored.sealedIdNumber()).isNull();
        assertThat(api.store.withHistory(DemoCommunity.ID, DemoCommunity.PHONE_RESIDENT_ID).orElseThrow().moves()).isEmpty();
        assertThat(api.lookup(staff, Map.of("phone", DemoCommunity.PHONE_RESIDENT_PHONE)).expect(200).body().get("items")).isEmpty();
        assertThat(api.audit(admin, Map.of()).expect(200).text("/items/0/action")).isEqualTo("erasure");
        api.get(gridWorker, DemoCommunity.PHONE_RESIDENT_ID).expect(404);
        assertThat(api.get(staff, DemoCommunity.PHONE_RESIDENT_ID).expect(200).text("/status")).isEqualTo("erased");
        api.erase(admin, DemoCommunity.PHONE_RESIDENT_ID, Map.of("reason", "再删一次", "version", 2)).expect(409);
        api.register(gridWorker, resident(DemoCommunity.SECOND_HOUSEHOLD_ID, DemoCommunity.PHONE_RESIDENT_ID_NUMBER, "head")).expect(201);
    }

    @Test
    void createHousehold_aTakenNumber_is409NamingIt_andAnotherGridsRoomIs403() {
        var taken = api.createHousehold(gridWorker, Map.of("buildingId", "B0301", "unitId", "2", "roomId", "101",
                "householdNumber", "0301-1-302")).expect(409);

        assertThat(taken.errorFields()).containsExactly("householdNumber");
        api.createHousehold(gridWorker, Map.of("buildingId", "B0501", "unitId", "1", "roomId", "101", "householdNumber", "x1")).expect(403);
    }

    static List<String> ids(com.fasterxml.jackson.databind.JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}
