package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.Building;
import community.linli.tables.directory.Unit;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every place route of DirectoryFunction, and its quiet hours, × every kind of caller, with the status each must get.
 * Each cell works on a fresh building of grid G03 (with unit 1), so the grid worker of G03 is told
 * apart from one of G07. "otherCommunity" is an admin of another community: this community's
 * buildings are 404 to them, and what they write lands in theirs (where grid G03 does not exist).
 */
@ExtendWith(MotoExtension.class)
class DirectoryPlacesAuthorizationMatrixTest {
    static final String[] CALLERS = {"resident", "gridWorkerOfGrid", "gridWorkerOtherGrid", "staff", "admin",
        "otherCommunity", "noGroup", "noToken"};
    /** The routes DirectoryFunction had before places; their own tests cover their callers. */
    static final List<String> OLDER_ROUTES = List.of("GET /categories", "PUT /categories/{code}", "GET /calendar/{year}",
            "PUT /calendar/{year}", "GET /qr/buildings/{buildingId}");
    private static final AtomicInteger BUILDINGS = new AtomicInteger();

    /** Route → the status each caller gets, in the order of {@link #CALLERS}. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                                    resident gwGrid gwOther staff admin otherComm noGroup noToken
        EXPECTED.put("GET /grids",                                      new int[] {403, 200, 200, 200, 200, 200, 403, 401});
        EXPECTED.put("PUT /grids/{gridId}",                             new int[] {403, 403, 403, 200, 200, 201, 403, 401});
        EXPECTED.put("GET /buildings",                                  new int[] {403, 200, 403, 200, 200, 200, 403, 401});
        EXPECTED.put("GET /buildings/{buildingId}",                     new int[] {403, 200, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("PUT /buildings/{buildingId}",                     new int[] {403, 403, 403, 200, 200, 400, 403, 401});
        EXPECTED.put("GET /buildings/{buildingId}/units",               new int[] {403, 200, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("PUT /buildings/{buildingId}/units/{unitId}",      new int[] {403, 403, 403, 201, 201, 404, 403, 401});
        EXPECTED.put("GET /buildings/{buildingId}/rooms",               new int[] {403, 200, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("PUT /buildings/{buildingId}/units/{unitId}/rooms/{roomId}", new int[] {403, 403, 403, 201, 201, 404, 403, 401});
        EXPECTED.put("POST /places/import",                             new int[] {403, 403, 403, 200, 200, 200, 403, 401});
        EXPECTED.put("GET /quiet-hours",                                new int[] {403, 200, 200, 200, 200, 200, 403, 401});
        EXPECTED.put("PUT /quiet-hours",                                new int[] {403, 403, 403, 403, 200, 200, 403, 401});
    }

    @Test
    void theMatrix_coversEveryPlaceRouteOfTheFunctionInTemplateYaml() {
        List<String> routes = Template.load().httpApiRoutes().stream()
                .filter(r -> r.functionLogicalId().equals("DirectoryFunction"))
                .map(Template.Route::routeKey)
                .filter(route -> !OLDER_ROUTES.contains(route))
                .toList();

        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @TestFactory
    Stream<DynamicContainer> everyRoute_forEveryCaller_givesTheExpectedStatus(LocalAws aws) {
        DirectoryApi api = new DirectoryApi(aws);
        return EXPECTED.entrySet().stream().map(route -> DynamicContainer.dynamicContainer(route.getKey(),
                IntStream.range(0, CALLERS.length).mapToObj(i -> DynamicTest.dynamicTest(
                        CALLERS[i] + " gets " + route.getValue()[i],
                        () -> assertCell(api, route.getKey(), CALLERS[i], route.getValue()[i])))));
    }

    void assertCell(DirectoryApi api, String route, String callerName, int expected) {
        String building = "BM" + BUILDINGS.incrementAndGet();
        api.store.putBuilding("demo", new Building(building, "G03", "新楼", null, null));
        api.store.saveUnit("demo", new Unit(building, "1", null));
        Map<String, Persona> callers = Map.of(
                "resident", Persona.resident(),
                "gridWorkerOfGrid", Persona.gridWorker("G03"),
                "gridWorkerOtherGrid", Persona.gridWorker("G07"),
                "staff", Persona.staff(),
                "admin", Persona.admin(),
                "otherCommunity", Persona.admin().inCommunity("other-community"),
                "noGroup", Persona.ungrouped());
        int itemsBefore = api.itemCount();

        HttpEvents events = request(route).apply(building);
        if (callerName.equals("noToken")) events.anonymous();
        else events.as(callers.get(callerName));
        var response = api.call(events.build());

        assertThat(response.getStatusCode()).as("%s by %s: %s", route, callerName, response.getBody()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(api.itemCount()).as("a refused call writes nothing").isEqualTo(itemsBefore);
            assertThat(response.getBody()).doesNotContain("新楼");
        }
    }

    /** A valid call of {@code route} on {@code building}, so that only the caller decides the status. */
    static Function<String, HttpEvents> request(String route) {
        return switch (route) {
            case "GET /grids" -> b -> DirectoryApi.listGrids();
            // G07, not G03: the other community's admin creates it in theirs, where a building of G03 must stay a 400.
            case "PUT /grids/{gridId}" -> b -> DirectoryApi.putGrid("G07", Map.of("name", "第7网格"));
            case "GET /buildings" -> b -> DirectoryApi.listBuildings().query("gridId", "G03");
            case "GET /buildings/{buildingId}" -> DirectoryApi::getBuilding;
            case "PUT /buildings/{buildingId}" -> b -> DirectoryApi.putBuilding(b, Map.of("name", "新楼（改）", "gridId", "G03", "version", 1));
            case "GET /buildings/{buildingId}/units" -> DirectoryApi::listUnits;
            case "PUT /buildings/{buildingId}/units/{unitId}" -> b -> DirectoryApi.putUnit(b, "2", Map.of("name", "2单元"));
            case "GET /buildings/{buildingId}/rooms" -> DirectoryApi::listRooms;
            case "PUT /buildings/{buildingId}/units/{unitId}/rooms/{roomId}" -> b -> DirectoryApi.putRoom(b, "1", "101", Map.of());
            case "POST /places/import" -> b -> DirectoryApi.importPlaces("网格,楼栋,单元,房号\nG03," + b + ",1,101\n");
            case "GET /quiet-hours" -> b -> DirectoryApi.getQuietHours();
            case "PUT /quiet-hours" -> b -> DirectoryApi.putQuietHours(Map.of("start", "22:30", "end", "06:30"));
            default -> throw new IllegalArgumentException(route);
        };
    }
}
