package community.linli.residents;

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
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of ResidentsFunction × every kind of caller, with the status each must get. The
 * resident under test is a fresh one of the demo household in G03, so the grid worker of that grid
 * (own grid) is told apart from the grid worker of G05 (other grid) and from staff.
 * "otherCommunity" is an admin of another community: what they create lands in theirs (where the
 * room and household do not exist: 400), and this community's residents are 404 to them.
 */
@ExtendWith(MotoExtension.class)
class ResidentsAuthorizationMatrixTest {
    static final String[] CALLERS = {"resident", "gridWorkerOwnGrid", "gridWorkerOtherGrid", "staff", "admin", "otherCommunity",
            "noGroup", "noToken"};

    /** Route → the status each caller gets, in the order of {@link #CALLERS}. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                resident own  other staff admin otherComm noGroup noToken
        EXPECTED.put("POST /households",               new int[] {403, 201, 403, 201, 201, 400, 403, 401});
        EXPECTED.put("GET /households/{id}",           new int[] {403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /residents",                new int[] {403, 201, 400, 201, 201, 400, 403, 401});
        EXPECTED.put("GET /residents",                 new int[] {403, 200, 403, 200, 200, 200, 403, 401});
        EXPECTED.put("GET /residents/{id}",            new int[] {403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("PATCH /residents/{id}",          new int[] {403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /residents/{id}/moves",     new int[] {403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /residents/lookup",         new int[] {403, 200, 200, 200, 200, 200, 403, 401});
        EXPECTED.put("POST /residents/{id}/reveal",    new int[] {403, 200, 404, 403, 200, 404, 403, 401});
        EXPECTED.put("POST /residents/{id}/erasure",   new int[] {403, 403, 403, 403, 200, 404, 403, 401});
        EXPECTED.put("GET /audit",                     new int[] {403, 403, 403, 403, 200, 200, 403, 401});
        EXPECTED.put("POST /residents/{id}/visits",    new int[] {403, 201, 404, 201, 201, 404, 403, 401});
        EXPECTED.put("GET /care-visits/due",           new int[] {403, 200, 403, 200, 200, 200, 403, 401});
        EXPECTED.put("GET /statistics/residents",      new int[] {403, 200, 403, 200, 200, 200, 403, 401});
    }

    @Test
    void theMatrix_coversEveryRouteOfTheFunctionInTemplateYaml() {
        List<String> routes = Template.load().httpApiRoutes().stream()
                .filter(r -> r.functionLogicalId().equals("ResidentsFunction"))
                .map(Template.Route::routeKey).toList();

        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @TestFactory
    Stream<DynamicContainer> everyRoute_forEveryCaller_givesTheExpectedStatus(LocalAws aws) {
        ResidentsApi api = new ResidentsApi(aws);
        return EXPECTED.entrySet().stream().map(route -> DynamicContainer.dynamicContainer(route.getKey(),
                IntStream.range(0, CALLERS.length).mapToObj(i -> DynamicTest.dynamicTest(
                        CALLERS[i] + " gets " + route.getValue()[i],
                        () -> assertCell(api, route.getKey(), CALLERS[i], route.getValue()[i])))));
    }

    void assertCell(ResidentsApi api, String route, String callerName, int expected) {
        String id = api.register(Persona.staff(), Map.of("householdId", DemoCommunity.HOUSEHOLD_ID, "name", "李小军",
                "idNumber", IdNumbers.fresh(), "phone", "13655556666", "relation", "grandchild", "residenceType", "permanent"))
                .expect(201).text("/id");
        Map<String, Persona> callers = Map.of(
                "resident", Persona.resident(),
                "gridWorkerOwnGrid", Persona.gridWorker("G03"),
                "gridWorkerOtherGrid", Persona.gridWorker("G05"),
                "staff", Persona.staff(),
                "admin", Persona.admin(),
                "otherCommunity", Persona.admin().inCommunity("other-community"),
                "noGroup", Persona.ungrouped());
        int itemsBefore = expected >= 400 ? api.items().size() : -1;

        HttpEvents events = request(route).apply(id);
        if (callerName.equals("noToken")) events.anonymous();
        else events.as(callers.get(callerName));
        var reply = api.call(events.build());

        assertThat(reply.status()).as("%s by %s: %s", route, callerName, reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(api.items()).as("a refused call writes nothing").hasSize(itemsBefore);
            assertThat(reply.body().toString()).doesNotContain("李小军").doesNotContain("1365555").doesNotContain(id);
        }
    }

    /** A valid call of {@code route} on resident {@code id}, so that only the caller decides the status. */
    static Function<String, HttpEvents> request(String route) {
        return switch (route) {
            case "POST /households" -> id -> ResidentsApi.createHouseholdEvent(Map.of("buildingId", "B0301", "unitId", "2",
                    "roomId", "101", "householdNumber", UUID.randomUUID().toString().substring(0, 8)));
            case "GET /households/{id}" -> id -> ResidentsApi.householdEvent(DemoCommunity.HOUSEHOLD_ID);
            case "POST /residents" -> id -> ResidentsApi.registerEvent(Map.of("householdId", DemoCommunity.HOUSEHOLD_ID,
                    "name", "李小兵", "idNumber", IdNumbers.fresh(), "relation", "grandchild", "residenceType", "lodging"));
            case "GET /residents" -> id -> ResidentsApi.listEvent(Map.of("grid", "G03"));
            case "GET /residents/{id}" -> ResidentsApi::getEvent;
            case "PATCH /residents/{id}" -> id -> ResidentsApi.patchEvent(id, Map.of("notes", "已核实", "version", 1));
            case "POST /residents/{id}/moves" -> id -> ResidentsApi.moveEvent(id, Map.of("kind", "move_out", "version", 1));
            case "POST /residents/lookup" -> id -> ResidentsApi.lookupEvent(Map.of("phone", DemoCommunity.HEAD_PHONE));
            case "POST /residents/{id}/reveal" -> id -> ResidentsApi.revealEvent(id, Map.of("reason", "核对"));
            case "POST /residents/{id}/erasure" -> id -> ResidentsApi.erasureEvent(id, Map.of("reason", "本人申请", "version", 1));
            case "GET /audit" -> id -> ResidentsApi.auditEvent(Map.of());
            case "POST /residents/{id}/visits" -> id -> ResidentsApi.visitEvent(id, Map.of("date", "2026-11-29", "note", "上门看望"));
            case "GET /care-visits/due" -> id -> ResidentsApi.careDueEvent(Map.of("grid", "G03"));
            case "GET /statistics/residents" -> id -> ResidentsApi.statisticsEvent(Map.of("grid", "G03"));
            default -> throw new IllegalArgumentException(route);
        };
    }
}
