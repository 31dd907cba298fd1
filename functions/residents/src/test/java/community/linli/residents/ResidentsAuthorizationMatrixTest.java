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
import java.util.function.BiFunction;
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
            "noGroup", "newcomer", "noToken"};

    /** Route → the status each caller gets, in the order of {@link #CALLERS}. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                resident own  other staff admin otherComm noGroup newcomer noToken
        EXPECTED.put("POST /households",               new int[] {403, 201, 403, 201, 201, 400, 403, 403, 401});
        EXPECTED.put("GET /households/{id}",           new int[] {403, 200, 404, 200, 200, 404, 403, 403, 401});
        EXPECTED.put("POST /residents",                new int[] {403, 201, 400, 201, 201, 400, 403, 403, 401});
        EXPECTED.put("GET /residents",                 new int[] {403, 200, 403, 200, 200, 200, 403, 403, 401});
        EXPECTED.put("GET /residents/{id}",            new int[] {403, 200, 404, 200, 200, 404, 403, 403, 401});
        EXPECTED.put("PATCH /residents/{id}",          new int[] {403, 200, 404, 200, 200, 404, 403, 403, 401});
        EXPECTED.put("POST /residents/{id}/moves",     new int[] {403, 200, 404, 200, 200, 404, 403, 403, 401});
        EXPECTED.put("POST /residents/lookup",         new int[] {403, 200, 200, 200, 200, 200, 403, 403, 401});
        EXPECTED.put("POST /residents/{id}/reveal",    new int[] {403, 200, 404, 403, 200, 404, 403, 403, 401});
        EXPECTED.put("POST /residents/{id}/erasure",   new int[] {403, 403, 403, 403, 200, 404, 403, 403, 401});
        EXPECTED.put("GET /audit",                     new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        // Onboarding. Every caller's account item says what their token says: only the newcomer is in no
        // community, so only they may apply (the others get 409 account_in_community). The application
        // under test is a pending one for the room of the resident under test, in G03.
        EXPECTED.put("POST /applications",             new int[] {409, 409, 409, 409, 409, 409, 409, 201, 401});
        EXPECTED.put("GET /applications/mine",         new int[] {200, 200, 200, 200, 200, 200, 200, 200, 401});
        EXPECTED.put("GET /applications",              new int[] {403, 200, 403, 200, 200, 200, 403, 403, 401});
        EXPECTED.put("POST /applications/{id}/approval", new int[] {403, 200, 404, 200, 200, 404, 403, 403, 401});
        EXPECTED.put("POST /applications/{id}/refusal",  new int[] {403, 200, 404, 200, 200, 404, 403, 403, 401});
        // Care visits and statistics.
        EXPECTED.put("POST /residents/{id}/visits",    new int[] {403, 201, 404, 201, 201, 404, 403, 403, 401});
        EXPECTED.put("GET /care-visits/due",           new int[] {403, 200, 403, 200, 200, 200, 403, 403, 401});
        EXPECTED.put("GET /statistics/residents",      new int[] {403, 200, 403, 200, 200, 200, 403, 403, 401});
        // Bulk imports: staff and admins of the community, no grid worker; another community's admin starts one in theirs.
        EXPECTED.put("POST /residents/imports",        new int[] {403, 403, 403, 201, 201, 201, 403, 403, 401});
        EXPECTED.put("GET /residents/imports/{id}",    new int[] {403, 403, 403, 200, 200, 404, 403, 403, 401});
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
                "noGroup", Persona.ungrouped(),
                "newcomer", ResidentsApi.newcomer(api.newAccount(null)));
        String applicationId = api.apply(ResidentsApi.newcomer(api.newAccount(null)), Map.of("communityId", DemoCommunity.ID,
                "buildingId", "B0301", "unitId", "1", "roomId", "302", "name", "李小军", "relation", "grandchild")).expect(201).text("/id");
        Persona caller = callers.get(callerName);
        if (caller != null && caller.communityId() != null) api.accountLike(caller);
        int itemsBefore = expected >= 400 ? api.itemCount() : -1;

        HttpEvents events = request(route).apply(id, applicationId);
        if (callerName.equals("noToken")) events.anonymous();
        else events.as(caller);
        var reply = api.call(events.build());

        assertThat(reply.status()).as("%s by %s: %s", route, callerName, reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(api.itemCount()).as("a refused call writes nothing").isEqualTo(itemsBefore);
            assertThat(reply.body().toString()).doesNotContain("李小军").doesNotContain("1365555").doesNotContain(id);
        }
    }

    /** A valid call of {@code route} on resident {@code id}, so that only the caller decides the status. */
    static BiFunction<String, String, HttpEvents> request(String route) {
        return switch (route) {
            case "POST /households" -> (id, app) -> ResidentsApi.createHouseholdEvent(Map.of("buildingId", "B0301", "unitId", "2",
                    "roomId", "101", "householdNumber", UUID.randomUUID().toString().substring(0, 8)));
            case "GET /households/{id}" -> (id, app) -> ResidentsApi.householdEvent(DemoCommunity.HOUSEHOLD_ID);
            case "POST /residents" -> (id, app) -> ResidentsApi.registerEvent(Map.of("householdId", DemoCommunity.HOUSEHOLD_ID,
                    "name", "李小兵", "idNumber", IdNumbers.fresh(), "relation", "grandchild", "residenceType", "lodging"));
            case "GET /residents" -> (id, app) -> ResidentsApi.listEvent(Map.of("grid", "G03"));
            case "GET /residents/{id}" -> (id, app) -> ResidentsApi.getEvent(id);
            case "PATCH /residents/{id}" -> (id, app) -> ResidentsApi.patchEvent(id, Map.of("notes", "已核实", "version", 1));
            case "POST /residents/{id}/moves" -> (id, app) -> ResidentsApi.moveEvent(id, Map.of("kind", "move_out", "version", 1));
            case "POST /residents/lookup" -> (id, app) -> ResidentsApi.lookupEvent(Map.of("phone", DemoCommunity.HEAD_PHONE));
            case "POST /residents/{id}/reveal" -> (id, app) -> ResidentsApi.revealEvent(id, Map.of("reason", "核对"));
            case "POST /residents/{id}/erasure" -> (id, app) -> ResidentsApi.erasureEvent(id, Map.of("reason", "本人申请", "version", 1));
            case "GET /audit" -> (id, app) -> ResidentsApi.auditEvent(Map.of());
            case "POST /applications" -> (id, app) -> ResidentsApi.applyEvent(Map.of("communityId", DemoCommunity.ID,
                    "buildingId", "B0301", "unitId", "1", "roomId", "302", "name", "李小明", "relation", "grandchild"));
            case "GET /applications/mine" -> (id, app) -> ResidentsApi.myApplicationsEvent();
            case "GET /applications" -> (id, app) -> ResidentsApi.applicationsEvent(Map.of("grid", "G03"));
            case "POST /applications/{id}/approval" -> (id, app) -> ResidentsApi.approveEvent(app, Map.of("residentId", id));
            case "POST /applications/{id}/refusal" -> (id, app) -> ResidentsApi.refuseEvent(app, Map.of("reason", "经核实，此户无此人"));
            case "POST /residents/{id}/visits" -> (id, app) -> ResidentsApi.visitEvent(id, Map.of("date", "2026-11-29", "note", "上门看望"));
            case "GET /care-visits/due" -> (id, app) -> ResidentsApi.careDueEvent(Map.of("grid", "G03"));
            case "GET /statistics/residents" -> (id, app) -> ResidentsApi.statisticsEvent(Map.of("grid", "G03"));
            case "POST /residents/imports" -> (id, app) -> ResidentsApi.startImportEvent(Map.of("reason", "年度入户登记"));
            case "GET /residents/imports/{id}" -> (id, app) -> ResidentsApi.getImportEvent(ResidentsApi.IMPORT_ID);
            default -> throw new IllegalArgumentException(route);
        };
    }
}
