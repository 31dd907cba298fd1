package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.tables.directory.Building;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request filed at a point on the map, not from a building's QR code, reaches the grid of the
 * nearest building within 300 m; anything farther waits in the staff's unplaced queue.
 */
@ExtendWith(MotoExtension.class)
class MapPointTest {
    Api api;
    Persona resident = Persona.resident();
    Persona staff = Persona.staff();
    Persona gridWorker = Persona.gridWorker("G03");

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws);
    }

    /** A submit at {@code north} and {@code east} meters from {@code buildingId}. */
    static Map<String, Object> filedAt(String buildingId, double north, double east) {
        Building building = DemoCommunity.building(buildingId);
        double[] point = DemoCommunity.offset(building.latitude(), building.longitude(), north, east);
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("location", Map.of("latitude", point[0], "longitude", point[1], "address", "小区南门外的路灯"));
        return body;
    }

    static List<String> ids(Api.Reply page) {
        return StreamSupport.stream(page.body().get("items").spliterator(), false).map(i -> i.get("id").asText()).toList();
    }

    @Test
    void submit_atAPointNearABuilding_getsThatBuildingsGrid_andItsGridWorkerSeesIt() {
        String id = api.submit(resident, filedAt("B0301", -40, 0)).expect(201).text("/id");

        assertThat(api.get(staff, id).expect(200).text("/location/gridId")).isEqualTo("G03");
        assertThat(ids(api.inbox(gridWorker, Map.of()).expect(200))).containsExactly(id);
        assertThat(api.get(gridWorker, id).expect(200).text("/id")).isEqualTo(id);
        assertThat(ids(api.inbox(staff, Map.of("unplaced", "true")).expect(200))).isEmpty();
    }

    @Test
    void submit_atAPointFarFromEveryBuilding_waitsInTheUnplacedQueue_andNoGridWorkerSeesIt() {
        String id = api.submit(resident, filedAt("B0301", -500, 0)).expect(201).text("/id");

        JsonNode location = api.get(staff, id).expect(200).body().get("location");
        assertThat(location.has("gridId")).isFalse();
        assertThat(ids(api.inbox(staff, Map.of("unplaced", "true")).expect(200))).containsExactly(id);
        assertThat(ids(api.inbox(staff, Map.of("grid", "G03")).expect(200))).isEmpty();
        assertThat(ids(api.inbox(gridWorker, Map.of()).expect(200))).isEmpty();
        api.get(gridWorker, id).expect(404);
        api.get(Persona.gridWorker("G01"), id).expect(404);
    }

    @Test
    void theUnplacedQueue_isForStaffOnly_andStandsAlone() {
        assertThat(api.inbox(gridWorker, Map.of("unplaced", "true")).expect(403).text("/detail")).isNotBlank();
        assertThat(api.inbox(staff, Map.of("unplaced", "true", "grid", "G03")).expect(400).errorFields()).containsExactly("unplaced");
        assertThat(api.inbox(staff, Map.of("unplaced", "yes")).expect(400).errorFields()).containsExactly("unplaced");
    }

    @Test
    void placingAMapPoint_costsOneQueryOfTheBuildings_andTheUnplacedQueueOneQuery() {
        var nearby = api.trips.during(() -> api.submit(resident, filedAt("B0301", 10, 10)).expect(201));
        var fromQr = api.trips.during(() -> api.submit(resident).expect(201));
        var queue = api.trips.during(() -> api.inbox(staff, Map.of("unplaced", "true")).expect(200));

        assertThat(nearby).isEqualTo(Map.of("BatchGetItem", 1, "Query", 1, "UpdateItem", 1, "TransactWriteItems", 1));
        assertThat(fromQr).isEqualTo(Map.of("BatchGetItem", 1, "UpdateItem", 1, "TransactWriteItems", 1));
        assertThat(queue).isEqualTo(Map.of("Query", 1));
    }
}
