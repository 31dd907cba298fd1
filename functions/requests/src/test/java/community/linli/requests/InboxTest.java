package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import community.linli.tables.staff.StaffRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The staff and grid worker inboxes, and a resident's own list: one Query each, sorted, paged. */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "StaffFunction"})
class InboxTest {
    Api api;
    Persona resident = Persona.resident();
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws).withDemoStaff();
    }

    /** Files a request of {@code category} in building {@code building} (its grid follows from the directory). */
    String file(String category, String building) {
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("category", category);
        body.put("location", Map.of("buildingId", building));
        if (category.equals("elderly_help")) body.put("answers", Map.of("needs", List.of("就医")));
        else if (!category.equals("elevator")) body.remove("answers");
        return api.submit(resident, body).expect(201).text("/id");
    }

    static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(i -> i.get("id").asText()).toList();
    }

    @Test
    void staffInbox_isSortedByDueTime_soTheMostPressingComesFirst() {
        String noise = file("noise", "B0301");          // 48 h
        String elderly = file("elderly_help", "B0501"); // 4 h
        String elevator = file("elevator", "B0302");    // 24 h

        var page = api.inbox(staff, Map.of()).expect(200);

        assertThat(ids(page.body())).containsExactly(elderly, elevator, noise);
    }

    @Test
    void staffInbox_byGrid_showsOnlyThatGrid() {
        String inG03 = file("noise", "B0301");
        file("noise", "B0501");

        var page = api.inbox(staff, Map.of("grid", "G03")).expect(200);

        assertThat(ids(page.body())).containsExactly(inG03);
    }

    @Test
    void staffInbox_byCategoryAndStatus_narrowsThePage() {
        String noise = file("noise", "B0301");
        String elevator = file("elevator", "B0301");
        api.move(staff, elevator, "assign", Map.of("assignee", DemoCommunity.GRID_WORKER_ID)).expect(200);

        assertThat(ids(api.inbox(staff, Map.of("category", "noise")).expect(200).body())).containsExactly(noise);
        assertThat(ids(api.inbox(staff, Map.of("status", "assigned")).expect(200).body())).containsExactly(elevator);
        assertThat(ids(api.inbox(staff, Map.of("status", "accepted,assigned")).expect(200).body())).containsExactlyInAnyOrder(noise, elevator);
    }

    @Test
    void overdue_showsOnlyRequestsPastTheirTimeLimit_andFlagsThem() {
        String elderly = file("elderly_help", "B0301"); // 4 h
        file("noise", "B0301");                          // 48 h
        api.clock.advance(Duration.ofHours(5));

        var page = api.inbox(staff, Map.of("overdue", "true")).expect(200);

        assertThat(ids(page.body())).containsExactly(elderly);
        assertThat(page.body().at("/items/0/overdue").asBoolean()).isTrue();
    }

    @Test
    void finishedRequests_leaveTheOpenInbox_andShowUnderTheirStatus() {
        String id = file("noise", "B0301");
        api.move(staff, id, "reject", Map.of("reason", "重复诉求")).expect(200);

        assertThat(ids(api.inbox(staff, Map.of()).expect(200).body())).isEmpty();
        assertThat(ids(api.inbox(staff, Map.of("status", "rejected")).expect(200).body())).containsExactly(id);
    }

    @Test
    void mixingOpenAndFinishedStatuses_returns400NamingStatus() {
        assertThat(api.inbox(staff, Map.of("status", "accepted,closed")).expect(400).errorFields()).containsExactly("status");
    }

    @Test
    void anUnknownQueryParameter_returns400NamingIt() {
        assertThat(api.inbox(staff, Map.of("sort", "name")).expect(400).errorFields()).containsExactly("sort");
    }

    @Test
    void severalBadParameters_returnOne400NamingEveryOne() {
        var response = api.inbox(staff, Map.of("limit", "0", "cursor", "zzz", "status", "bogus", "sort", "name"));

        assertThat(response.expect(400).errorFields()).containsExactlyInAnyOrder("limit", "cursor", "status", "sort");
    }

    @Test
    void myRequests_withABadLimitAndCursor_namesBoth() {
        assertThat(api.mine(Persona.resident(), Map.of("limit", "1000", "cursor", "!!")).expect(400).errorFields())
                .containsExactlyInAnyOrder("limit", "cursor");
    }

    @Test
    void anUnknownStatus_returns400NamingStatus() {
        assertThat(api.inbox(staff, Map.of("status", "lost")).expect(400).errorFields()).containsExactly("status");
    }

    @Test
    void gridWorkerInbox_defaultsToTheirOnlyGrid() {
        String inG03 = file("noise", "B0301");
        file("noise", "B0501");

        var page = api.inbox(Persona.gridWorker("G03"), Map.of()).expect(200);

        assertThat(ids(page.body())).containsExactly(inG03);
    }

    @Test
    void gridWorkerInbox_ofAGridTheyDoNotCover_isForbidden() {
        api.inbox(Persona.gridWorker("G03"), Map.of("grid", "G05")).expect(403);
    }

    @Test
    void gridWorkerWithSeveralGrids_mustChooseOne() {
        assertThat(api.inbox(Persona.gridWorker("G03", "G04"), Map.of()).expect(400).errorFields()).containsExactly("grid");
    }

    @Test
    void assignedToMe_listsWhatWasHandedToTheCaller_acrossGrids() {
        Persona worker = api.registered("gw-g03-g09", "李强", StaffRole.GRID_WORKER, "G03", "G09");
        String mine = file("noise", "B0901");
        file("noise", "B0301");
        api.move(staff, mine, "assign", Map.of("assignee", worker.staffId())).expect(200);

        var page = api.inbox(worker, Map.of("assignee", "me")).expect(200);

        assertThat(ids(page.body())).containsExactly(mine);
    }

    @Test
    void aGridWorker_mayNotListSomeoneElsesAssignments() {
        api.inbox(Persona.gridWorker("G03"), Map.of("assignee", "someone-else")).expect(403);
    }

    @Test
    void residents_haveNoInbox() {
        api.inbox(resident, Map.of()).expect(403);
    }

    @Test
    void pages_followTheCursorToTheEnd_withoutRepeats() {
        List<String> filed = new ArrayList<>();
        for (int i = 0; i < 5; i++) filed.add(file("noise", "B0301"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (cursor != null) query.put("cursor", cursor);
            JsonNode page = api.inbox(staff, query).expect(200).body();
            seen.addAll(ids(page));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(filed);
    }

    @Test
    void aCursorFromAnotherList_returns400NamingCursor() {
        for (int i = 0; i < 3; i++) file("noise", "B0301");
        String cursor = api.inbox(staff, Map.of("limit", "1")).expect(200).text("/nextCursor");

        var response = api.inbox(staff, Map.of("grid", "G03", "cursor", cursor));

        assertThat(response.expect(400).errorFields()).containsExactly("cursor");
    }

    @Test
    void aForgedCursor_returns400NamingCursor() {
        assertThat(api.inbox(staff, Map.of("cursor", "eyJwayI6IkMjb3RoZXIjUkVRIzEifQ")).expect(400).errorFields()).containsExactly("cursor");
        assertThat(api.inbox(staff, Map.of("cursor", "not base64 !")).expect(400).errorFields()).containsExactly("cursor");
    }

    @Test
    void aLimitOutOfRange_returns400NamingLimit() {
        assertThat(api.inbox(staff, Map.of("limit", "500")).expect(400).errorFields()).containsExactly("limit");
        assertThat(api.inbox(staff, Map.of("limit", "two")).expect(400).errorFields()).containsExactly("limit");
    }

    @Test
    void myRequests_areNewestFirst_andOnlyMine() {
        String first = file("noise", "B0301");
        api.clock.advance(Duration.ofMinutes(5));
        String second = file("elevator", "B0301");
        api.submitted(Persona.resident());

        var page = api.mine(resident, Map.of()).expect(200);

        assertThat(ids(page.body())).containsExactly(second, first);
    }

    @Test
    void otherCommunities_neverAppear() {
        file("noise", "B0301");

        assertThat(ids(api.inbox(Persona.staff().inCommunity("other"), Map.of()).expect(200).body())).isEmpty();
        assertThat(ids(api.mine(resident.inCommunity("other"), Map.of()).expect(200).body())).isEmpty();
    }
}
