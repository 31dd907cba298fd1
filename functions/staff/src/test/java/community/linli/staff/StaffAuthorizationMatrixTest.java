package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of StaffFunction × every kind of caller, with the status each must get. The member
 * under test is a fresh grid worker of G03 in the demo community, so the grid worker of that grid
 * is told apart from staff. "otherCommunity" is an admin of another community: what they register
 * lands in theirs (where G03 does not exist: 400), and this community's members are 404 to them.
 * Each caller's token carries a staff id ({@code staff_id}): the grid worker's is the member under
 * test, staff and admins those of the demo registry; the other community's admin carries the demo
 * admin's, which their community does not have, so {@code /me/alert-preferences} is 403 to them.
 */
@ExtendWith(MotoExtension.class)
class StaffAuthorizationMatrixTest {
    static final String[] CALLERS = {"resident", "gridWorkerOfGrid", "staff", "admin", "otherCommunity", "noGroup", "noToken"};

    /** Route → the status each caller gets, in the order of {@link #CALLERS}. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                     resident gwGrid staff admin otherComm noGroup noToken
        EXPECTED.put("POST /staff",        new int[] {403, 403, 403, 201, 400, 403, 401});
        EXPECTED.put("GET /staff",         new int[] {403, 403, 200, 200, 200, 403, 401});
        EXPECTED.put("GET /staff/{id}",    new int[] {403, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("PATCH /staff/{id}",  new int[] {403, 403, 403, 200, 404, 403, 401});
        EXPECTED.put("GET /duty",          new int[] {403, 403, 200, 200, 200, 403, 401});
        EXPECTED.put("PUT /duty",          new int[] {403, 403, 403, 200, 400, 403, 401});
        EXPECTED.put("PUT /duty/dates/{date}",    new int[] {403, 403, 403, 200, 400, 403, 401});
        EXPECTED.put("DELETE /duty/dates/{date}", new int[] {403, 403, 403, 204, 204, 403, 401});
        EXPECTED.put("GET /me/alert-preferences", new int[] {403, 200, 200, 200, 403, 403, 401});
        EXPECTED.put("PUT /me/alert-preferences", new int[] {403, 200, 200, 200, 403, 403, 401});
    }

    @Test
    void theMatrix_coversEveryRouteOfTheFunctionInTemplateYaml() {
        List<String> routes = Template.load().httpApiRoutes().stream()
                .filter(r -> r.functionLogicalId().equals("StaffFunction"))
                .map(Template.Route::routeKey).toList();

        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @TestFactory
    Stream<DynamicContainer> everyRoute_forEveryCaller_givesTheExpectedStatus(LocalAws aws) {
        StaffApi api = new StaffApi(aws);
        return EXPECTED.entrySet().stream().map(route -> DynamicContainer.dynamicContainer(route.getKey(),
                IntStream.range(0, CALLERS.length).mapToObj(i -> DynamicTest.dynamicTest(
                        CALLERS[i] + " gets " + route.getValue()[i],
                        () -> assertCell(api, route.getKey(), CALLERS[i], route.getValue()[i])))));
    }

    void assertCell(StaffApi api, String route, String callerName, int expected) {
        String id = api.registered("G03");
        Map<String, Persona> callers = Map.of(
                "resident", Persona.resident(),
                "gridWorkerOfGrid", Persona.gridWorker("G03").withStaffId(id),
                "staff", Persona.staff().withStaffId(DemoCommunity.STAFF_ID),
                "admin", Persona.admin().withStaffId(DemoCommunity.ADMIN_ID),
                "otherCommunity", Persona.admin().inCommunity("other-community").withStaffId(DemoCommunity.ADMIN_ID),
                "noGroup", Persona.ungrouped());
        int itemsBefore = api.items().size();

        HttpEvents events = request(route).apply(id);
        if (callerName.equals("noToken")) events.anonymous();
        else events.as(callers.get(callerName));
        var reply = api.call(events.build());

        assertThat(reply.status()).as("%s by %s: %s", route, callerName, reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(api.items()).as("a refused call writes nothing").hasSize(itemsBefore);
            assertThat(reply.body().toString()).doesNotContain("网格员").doesNotContain(DemoCommunity.STAFF_PHONE);
        }
    }

    /** A valid call of {@code route} on member {@code id}, so that only the caller decides the status. */
    static Function<String, HttpEvents> request(String route) {
        return switch (route) {
            case "POST /staff" -> id -> StaffApi.registerEvent(Map.of("name", "新网格员", "phone", StaffApi.freshPhone(),
                    "role", "grid_worker", "gridIds", List.of("G03")));
            case "GET /staff" -> id -> StaffApi.listEvent();
            case "GET /staff/{id}" -> StaffApi::getEvent;
            case "PATCH /staff/{id}" -> id -> StaffApi.patchEvent(id, Map.of("gridIds", List.of("G03", "G04"), "version", 1));
            case "GET /duty" -> id -> StaffApi.getDutyEvent();
            case "PUT /duty" -> id -> StaffApi.putDutyEvent(HttpEvents.fixture("staff-put-duty.json").getBody());
            case "PUT /duty/dates/{date}" -> id -> StaffApi.putDutyDateEvent("2027-01-01", HttpEvents.fixture("staff-put-duty-date.json").getBody());
            case "DELETE /duty/dates/{date}" -> id -> StaffApi.deleteDutyDateEvent("2027-01-01");
            case "GET /me/alert-preferences" -> id -> StaffApi.myPreferencesEvent();
            case "PUT /me/alert-preferences" -> id -> StaffApi.putMyPreferencesEvent(Map.of("kinds",
                    Map.of("new_request", Map.of("normal", "off"))));
            default -> throw new IllegalArgumentException(route);
        };
    }
}
