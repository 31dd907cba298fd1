package community.linli.residents;

import static community.linli.residents.ResidentsHandlerTest.resident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Care visits (关爱走访) on moto: who is due, what a visit moves, and how tags, moves and erasure keep the list. */
@ExtendWith(MotoExtension.class)
class CareVisitsTest {
    ResidentsApi api;
    Persona gridWorker = ResidentsApi.gridWorker();
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new ResidentsApi(aws);
    }

    /** Issue 8's done-when: a household of three with an elderly person living alone, with consent; the care list shows them. */
    @Test
    void aHouseholdOfThree_withAnElderlyPersonLivingAloneAndConsent_putsThatPersonOnTheCareVisitList() {
        String household = api.household("301");
        api.register(gridWorker, resident(household, "630102196805120310", "head")).expect(201);
        api.register(gridWorker, resident(household, "630102197002150326", "spouse")).expect(201);
        Map<String, Object> elderly = resident(household, "630102193912250328", "parent");
        elderly.put("tags", List.of("elderly_alone", "elderly_80"));
        elderly.put("consents", List.of(Map.of("tag", "elderly_alone", "date", "2026-11-29")));
        String elderlyId = api.register(gridWorker, elderly).expect(201).text("/id");

        JsonNode list = api.careDue(gridWorker, Map.of("grid", "G03")).expect(200).body();

        assertThat(ids(list)).containsExactlyInAnyOrder(elderlyId, DemoCommunity.ELDERLY_ID);
        JsonNode entry = entry(list, elderlyId);
        assertThat(entry.get("cadenceDays").asInt()).as("the shortest cadence: elderly_alone weekly, not elderly_80 monthly").isEqualTo(7);
        assertThat(entry.get("dueOn").asText()).as("never visited: due the day they were tagged").isEqualTo("2026-11-30");
        assertThat(entry.get("overdue").asBoolean()).isFalse();
        assertThat(entry.get("buildingId").asText()).isEqualTo("B0301");
        assertThat(ids(api.careDue(gridWorker, Map.of("grid", "G03")).expect(200).body()))
                .as("the household's other members have no care tag").hasSize(2);
    }

    @Test
    void aVisit_movesTheDueDateByTheCadence_fromTheDayOfTheVisit() {
        var visit = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "精神很好", "concern", true))
                .expect(201);

        assertThat(visit.text("/nextDueOn")).isEqualTo("2026-12-06");
        assertThat(visit.body().get("concern").asBoolean()).isTrue();
        assertThat(visit.headers().get("Location")).startsWith("/residents/" + DemoCommunity.ELDERLY_ID + "/visits/v-");
        assertThat(ids(api.careDue(gridWorker, Map.of("grid", "G03", "within", "3")).expect(200).body())).isEmpty();
        JsonNode due = entry(api.careDue(gridWorker, Map.of("grid", "G03", "within", "7")).expect(200).body(), DemoCommunity.ELDERLY_ID);
        assertThat(due.get("lastVisitOn").asText()).isEqualTo("2026-11-29");
        assertThat(due.get("dueOn").asText()).isEqualTo("2026-12-06");
    }

    @Test
    void anOlderVisit_loggedLate_doesNotMoveTheDueDateBack() {
        api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "上门看望")).expect(201);

        var late = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-20", "note", "补记上周的走访")).expect(201);

        assertThat(late.text("/nextDueOn")).isEqualTo("2026-12-06");
    }

    @Test
    void anUnvisitedResident_isOverdue_afterTheDueDate_earliestFirst() {
        api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-30", "note", "上门看望")).expect(201);
        String household = api.household("302");
        Map<String, Object> alone = resident(household, IdNumbers.fresh(), "head");
        alone.put("tags", List.of("elderly_alone"));
        alone.put("consents", List.of(Map.of("tag", "elderly_alone", "date", "2026-11-29")));
        String aloneId = api.register(gridWorker, alone).expect(201).text("/id");
        api.clock.advance(Duration.ofDays(10));

        JsonNode list = api.careDue(staff, Map.of("grid", "G03", "within", "0")).expect(200).body();

        assertThat(ids(list)).containsExactly(aloneId, DemoCommunity.ELDERLY_ID);
        assertThat(entry(list, aloneId).get("daysOverdue").asInt()).isEqualTo(10);
        assertThat(entry(list, DemoCommunity.ELDERLY_ID).get("daysOverdue").asInt()).isEqualTo(3);
        assertThat(list.get("today").asText()).isEqualTo("2026-12-10");
    }

    @Test
    void droppingTheCareTag_takesTheResidentOffTheList_andAddingItBack_putsThemOn() {
        api.patch(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("tags", List.of("elderly_80"), "version", 1)).expect(200);
        assertThat(entry(api.careDue(gridWorker, Map.of("grid", "G03")).expect(200).body(), DemoCommunity.ELDERLY_ID)
                .get("cadenceDays").asInt()).as("elderly_80 alone: monthly").isEqualTo(30);

        api.patch(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("tags", List.of(), "version", 2)).expect(200);
        assertThat(ids(api.careDue(gridWorker, Map.of("grid", "G03")).expect(200).body())).isEmpty();

        api.patch(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("tags", List.of("elderly_alone"), "version", 3,
                "consents", List.of(Map.of("tag", "elderly_alone", "date", "2026-11-29")))).expect(200);
        assertThat(ids(api.careDue(gridWorker, Map.of("grid", "G03")).expect(200).body())).containsExactly(DemoCommunity.ELDERLY_ID);
    }

    @Test
    void aTransfer_movesTheResidentToTheListOfTheirNewGrid_keepingTheLastVisit() {
        api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "上门看望")).expect(201);
        String inG05 = api.householdInG05("101");

        api.move(staff, DemoCommunity.ELDERLY_ID, Map.of("kind", "transfer", "householdId", inG05, "relation", "head", "version", 1))
                .expect(200);

        assertThat(ids(api.careDue(staff, Map.of("grid", "G03", "within", "31")).expect(200).body())).isEmpty();
        JsonNode entry = entry(api.careDue(Persona.gridWorker("G05"), Map.of("grid", "G05", "within", "31")).expect(200).body(),
                DemoCommunity.ELDERLY_ID);
        assertThat(entry.get("dueOn").asText()).isEqualTo("2026-12-06");
    }

    @Test
    void movingOut_orErasure_takesTheResidentOffTheList_andErasureDeletesTheVisits() {
        api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "上门看望")).expect(201);
        api.move(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("kind", "move_out", "version", 1)).expect(200);
        assertThat(ids(api.careDue(staff, Map.of("grid", "G03", "within", "31")).expect(200).body())).isEmpty();

        api.erase(Persona.admin(), DemoCommunity.ELDERLY_ID, Map.of("reason", "本人申请", "version", 2)).expect(200);

        assertThat(api.items()).noneMatch(item -> item.get("pk").s().endsWith("#RES#" + DemoCommunity.ELDERLY_ID)
                && !item.get("sk").s().equals("R"));
    }

    @Test
    void aVisitToAMovedOutResident_is409_andWritesNothing() {
        api.move(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("kind", "move_out", "version", 1)).expect(200);
        int before = api.itemCount();

        api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "上门看望")).expect(409);

        assertThat(api.itemCount()).isEqualTo(before);
    }

    @Test
    void aVisitToAResidentWithoutACareTag_isLogged_withoutADueDate() {
        var visit = api.visit(gridWorker, DemoCommunity.SPOUSE_ID, Map.of("date", "2026-11-29", "note", "顺路看望")).expect(201);

        assertThat(visit.body().has("nextDueOn")).isFalse();
        assertThat(ids(api.careDue(gridWorker, Map.of("grid", "G03", "within", "31")).expect(200).body()))
                .containsExactly(DemoCommunity.ELDERLY_ID);
    }

    @Test
    void theList_pagesByCursor() {
        String household = api.household("201");
        for (int i = 0; i < 2; i++) {
            Map<String, Object> body = resident(household, IdNumbers.fresh(), i == 0 ? "head" : "spouse");
            body.put("tags", List.of("elderly_80"));
            api.register(gridWorker, body).expect(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var query = new java.util.HashMap<>(Map.of("grid", "G03", "limit", "2"));
            if (cursor != null) query.put("cursor", cursor);
            JsonNode page = api.careDue(gridWorker, query).expect(200).body();
            seen.addAll(ids(page));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(seen).hasSize(3).doesNotHaveDuplicates();
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("residentId").asText()));
        return ids;
    }

    static JsonNode entry(JsonNode list, String residentId) {
        for (JsonNode item : list.get("items")) if (item.get("residentId").asText().equals(residentId)) return item;
        throw new AssertionError(residentId + " is not on the list: " + list);
    }
}
