package community.linli.directory;

import static community.linli.directory.DirectoryApi.getBuilding;
import static community.linli.directory.DirectoryApi.listBuildings;
import static community.linli.directory.DirectoryApi.listGrids;
import static community.linli.directory.DirectoryApi.listRooms;
import static community.linli.directory.DirectoryApi.listUnits;
import static community.linli.directory.DirectoryApi.putBuilding;
import static community.linli.directory.DirectoryApi.putGrid;
import static community.linli.directory.DirectoryApi.putRoom;
import static community.linli.directory.DirectoryApi.putUnit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.tables.directory.Building;
import community.linli.tables.requests.Status;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import community.linli.testkit.QrImages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grids, buildings, units and rooms through DirectoryFunction, and what a building's move does to its open requests. */
@ExtendWith(MotoExtension.class)
@Provision({"DirectoryFunction", "StaffFunction"})
class DirectoryPlacesTest {
    DirectoryApi api;
    Persona staff = Persona.staff();
    Persona admin = Persona.admin();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
    }

    static Map<String, Object> building(String name, String grid, long version) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("gridId", grid);
        body.put("version", version);
        return body;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.path(field).asText()));
        return out;
    }

    // ------------------------------------------------------------------ grids

    @Test
    void listGrids_namesEachGridsWorkersFromTheStaffRegistry() {
        var reply = api.reply(listGrids(), staff).expect(200);

        assertThat(reply.body().get("items")).hasSize(DemoCommunity.GRIDS);
        JsonNode g03 = reply.body().get("items").get(2);
        assertThat(g03.get("id").asText()).isEqualTo("G03");
        assertThat(texts(g03.get("gridWorkers"), "staffId")).containsExactly(DemoCommunity.GRID_WORKER_ID);
        assertThat(texts(g03.get("gridWorkers"), "name")).containsExactly("王芳");
    }

    @Test
    void listGrids_asGridWorker_returnsOnlyTheirGrids() {
        var reply = api.reply(listGrids(), Persona.gridWorker("G03", "G05")).expect(200);

        assertThat(texts(reply.body().get("items"), "id")).containsExactly("G03", "G05");
    }

    @Test
    void putGrid_createsThenRenames_andTheRegistryStillNamesItsWorker() {
        var created = api.reply(putGrid("G16", Map.of("name", "第16网格")), admin).expect(201);
        var renamed = api.reply(putGrid("G03", Map.of("name", "三网格（东区）")), staff).expect(200);

        assertThat(created.headers()).containsEntry("Location", "/grids/G16");
        assertThat(created.body().get("gridWorkers")).isEmpty();
        assertThat(renamed.text("/name")).isEqualTo("三网格（东区）");
        assertThat(texts(renamed.body().get("gridWorkers"), "staffId")).containsExactly(DemoCommunity.GRID_WORKER_ID);
        assertThat(api.store.grid("demo", "G03").orElseThrow().name()).isEqualTo("三网格（东区）");
    }

    // ------------------------------------------------------------------ buildings

    @Test
    void putBuilding_createsAtVersion1_thenAStaleVersionIs409NamingTheStoredOne() {
        Map<String, Object> body = building("61号楼", "G03", 0);
        body.put("latitude", 31.23);
        body.put("longitude", 121.45);

        var created = api.reply(putBuilding("B1601", body), staff).expect(201);
        var again = api.reply(putBuilding("B1601", building("61号楼", "G03", 0)), staff).expect(409);

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.headers()).containsEntry("Location", "/buildings/B1601");
        assertThat(again.text("/detail")).contains("1");
        assertThat(api.store.building("demo", "B1601").orElseThrow())
                .isEqualTo(new Building("B1601", "G03", "61号楼", 31.23, 121.45));
    }

    @Test
    void putBuilding_atACoordinateNearerZeroThanDynamoDbHolds_isStoredAtZero() {
        Map<String, Object> body = building("62号楼", "G03", 0);
        body.put("latitude", 31.23);
        body.put("longitude", -8.296445786370833e-143);

        api.reply(putBuilding("B1602", body), staff).expect(201);

        assertThat(api.store.building("demo", "B1602").orElseThrow().longitude()).isZero();
    }

    @Test
    void putBuilding_withAStaleVersion_returns409AndWritesNothing() {
        api.reply(putBuilding("B0301", building("1号楼（东）", "G03", 1)), staff).expect(200);
        int before = api.itemCount();

        var stale = api.reply(putBuilding("B0301", building("一号楼", "G03", 1)), admin).expect(409);

        assertThat(stale.text("/detail")).contains("2");
        assertThat(api.store.building("demo", "B0301").orElseThrow().name()).isEqualTo("1号楼（东）");
        assertThat(api.itemCount()).isEqualTo(before);
    }

    @Test
    void renamingABuilding_keepsItsQrCodeValid_becauseTheCodeCarriesIdsNotNames() {
        var before = QrImages.text(QrImages.png(api.call(DirectoryApi.qr(staff, "B0301", Map.of("unitId", "2")))));

        api.reply(putBuilding("B0301", building("阳光花园1号楼", "G03", 1)), staff).expect(200);
        var after = QrImages.text(QrImages.png(api.call(DirectoryApi.qr(staff, "B0301", Map.of("unitId", "2")))));

        assertThat(after).isEqualTo(before).contains("b=B0301").contains("u=2");
        var lookup = api.store.lookup("demo", "elevator", "B0301", List.of());
        assertThat(lookup.building().orElseThrow().name()).as("what a submit from the old code finds").isEqualTo("阳光花园1号楼");
        assertThat(lookup.building().orElseThrow().gridId()).isEqualTo("G03");
    }

    @Test
    void getAndListBuildings_asGridWorker_seeTheirGridOnly() {
        Persona worker = Persona.gridWorker("G03");

        var own = api.reply(getBuilding("B0301"), worker).expect(200);
        var other = api.reply(getBuilding("B0401"), worker).expect(403);
        var listed = api.reply(listBuildings(), worker).expect(200);
        var otherGrid = api.reply(listBuildings().query("gridId", "G04"), worker).expect(403);

        assertThat(own.text("/gridId")).isEqualTo("G03");
        assertThat(other.text("/detail")).isEqualTo("不是您负责的网格");
        assertThat(texts(listed.body().get("items"), "id")).containsExactly("B0301", "B0302", "B0303", "B0304");
        assertThat(otherGrid.status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ moving a building

    @Test
    void movingABuilding_movesItsOpenRequestsToTheNewGridsInbox_andLeavesTheRestWhereTheyAre() {
        String open = api.filed("B0301", "G03", Status.ACCEPTED);
        String assigned = api.filed("B0301", "G03", Status.IN_PROGRESS);
        String closed = api.filed("B0301", "G03", Status.CLOSED);
        String neighbour = api.filed("B0302", "G03", Status.ACCEPTED);

        var moved = api.reply(putBuilding("B0301", building("1号楼", "G04", 1)), staff).expect(200);

        assertThat(moved.text("/gridId")).isEqualTo("G04");
        assertThat(moved.version()).isEqualTo(2);
        assertThat(api.request(open).gridId()).isEqualTo("G04");
        assertThat(api.request(open).version()).as("a change based on the version before gets 409").isEqualTo(2);
        assertThat(api.request(assigned).gridId()).isEqualTo("G04");
        assertThat(api.timelineKinds(open)).containsExactly("submitted", "grid_changed");
        assertThat(api.request(closed).gridId()).as("only open requests move").isEqualTo("G03");
        assertThat(api.request(neighbour).gridId()).isEqualTo("G03");
        assertThat(inbox("G04")).containsExactlyInAnyOrder(open, assigned);
        assertThat(inbox("G03")).containsExactly(neighbour);
        assertThat(api.store.building("demo", "B0301").orElseThrow().previousGridId()).as("the move is finished").isNull();
    }

    @Test
    void movingABuildingThatStoppedHalfway_theSamePutAgain_finishesTheMoveAndAnswersAsTheFirst() {
        String open = api.filed("B0301", "G03", Status.ACCEPTED);
        // What a move leaves when it stops right after writing the building: the new grid, the old one marked.
        Building halfway = new Building("B0301", "G04", "1号楼", null, null).withPreviousGrid("G03");
        api.store.saveBuilding("demo", halfway, 1);

        var retried = api.reply(putBuilding("B0301", building("1号楼", "G04", 1)), staff).expect(200);
        var again = api.reply(putBuilding("B0301", building("1号楼", "G04", 1)), staff).expect(200);

        assertThat(retried.version()).isEqualTo(2);
        assertThat(api.request(open).gridId()).isEqualTo("G04");
        assertThat(api.timelineKinds(open)).as("moved once, however often retried").containsExactly("submitted", "grid_changed");
        assertThat(again.version()).isEqualTo(2);
        assertThat(api.store.building("demo", "B0301").orElseThrow().previousGridId()).isNull();
    }

    @Test
    void aLaterChangeOfAHalfMovedBuilding_finishesThePendingMoveFirst() {
        String open = api.filed("B0301", "G03", Status.ACCEPTED);
        api.store.saveBuilding("demo", new Building("B0301", "G04", "1号楼", null, null).withPreviousGrid("G03"), 1);

        api.reply(putBuilding("B0301", building("一号楼", "G04", 2)), admin).expect(200);

        assertThat(api.request(open).gridId()).isEqualTo("G04");
        assertThat(api.store.building("demo", "B0301").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void aStalePutOfAHalfMovedBuilding_is409AndMovesNothing() {
        String open = api.filed("B0301", "G03", Status.ACCEPTED);
        api.store.saveBuilding("demo", new Building("B0301", "G04", "1号楼", null, null).withPreviousGrid("G03"), 1);
        int before = api.itemCount();

        api.reply(putBuilding("B0301", building("一号楼", "G05", 1)), admin).expect(409);

        assertThat(api.request(open).gridId()).isEqualTo("G03");
        assertThat(api.itemCount()).isEqualTo(before);
    }

    @Test
    void aRequestChangedWhileItsBuildingMoves_isReadFromTheFailedWriteAndMovedAtItsNewVersion() {
        String id = api.filed("B0301", "G03", Status.ACCEPTED);
        var read = api.request(id);
        var changed = read.change(DirectoryApi.NOW.plusSeconds(5)).status(Status.ASSIGNED).build();
        api.requests.update(changed, 1, community.linli.tables.requests.TimelineEvent.of(
                community.linli.tables.requests.EventKind.ASSIGNED, "demo-staff", "staff", DirectoryApi.NOW, Status.ASSIGNED));

        var outcome = api.requests.moveToGrid(read, "G04", community.linli.tables.requests.TimelineEvent.of(
                community.linli.tables.requests.EventKind.GRID_CHANGED, "demo-staff", "staff", DirectoryApi.NOW, Status.ACCEPTED).asInternal());

        assertThat(outcome).isInstanceOf(community.linli.tables.requests.RequestStore.Move.Changed.class);
        var current = ((community.linli.tables.requests.RequestStore.Move.Changed) outcome).current();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.status()).isEqualTo(Status.ASSIGNED);
        assertThat(api.request(id).gridId()).as("nothing written by the failed move").isEqualTo("G03");
    }

    /** The open requests of grid {@code grid} filed at the two buildings these tests file at. */
    private List<String> inbox(String grid) {
        List<String> ids = new ArrayList<>();
        for (String building : List.of("B0301", "B0302")) {
            api.requests.openInGridAtBuilding("demo", grid, building).forEach(r -> ids.add(r.id()));
        }
        return ids;
    }

    // ------------------------------------------------------------------ units and rooms

    @Test
    void unitsAndRooms_areCreatedThenRenamed_andListedForTheGridWorkerOfTheGrid() {
        var unit = api.reply(putUnit("B0301", "3", Map.of("name", "3单元")), staff).expect(201);
        api.reply(putUnit("B0301", "3", Map.of()), staff).expect(200);
        var room = api.reply(putRoom("B0301", "3", "101", Map.of("name", "3单元101室")), staff).expect(201);
        api.reply(putRoom("B0301", "3", "101", Map.of("name", "101室")), admin).expect(200);
        var worker = Persona.gridWorker("G03");

        var units = api.reply(listUnits("B0301"), worker).expect(200);
        var rooms = api.reply(listRooms("B0301").query("unitId", "3"), worker).expect(200);

        assertThat(unit.headers()).containsEntry("Location", "/buildings/B0301/units/3");
        assertThat(room.headers()).containsEntry("Location", "/buildings/B0301/units/3/rooms/101");
        assertThat(texts(units.body().get("items"), "id")).contains("3");
        assertThat(units.body().get("items").findValues("name").stream().map(JsonNode::asText)).doesNotContain("3单元");
        assertThat(texts(rooms.body().get("items"), "name")).containsExactly("101室");
        assertThat(api.store.room("demo", "B0301", "3", "101").orElseThrow().name()).isEqualTo("101室");
    }

    @Test
    void aRoomOfAUnitThatDoesNotExist_is404AndWritesNothing() {
        int before = api.itemCount();

        api.reply(putRoom("B0301", "9", "101", Map.of()), staff).expect(404);
        api.reply(putUnit("B9999", "1", Map.of()), staff).expect(404);

        assertThat(api.itemCount()).isEqualTo(before);
    }
}
