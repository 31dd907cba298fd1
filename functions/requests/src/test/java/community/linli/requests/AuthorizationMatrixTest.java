package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.staff.StaffChange;
import community.linli.tables.staff.StaffRole;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import community.linli.testkit.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of RequestsFunction × every kind of caller, with the status each must get. The
 * request under test is filed by {@code author} in grid G03 and assigned to {@code assignee}, a
 * grid worker of G03 in the staff registry who has since moved to another grid (G09; their token
 * carries G09 and their staff id), so that covering the grid and being the assignee are told
 * apart. A fresh request is made for every cell, so no cell depends on another.
 */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "StaffFunction"})
class AuthorizationMatrixTest {
    static final String[] CALLERS = {
            "author", "otherResident", "gridWorkerOfGrid", "gridWorkerElsewhere", "assignee",
            "staff", "admin", "staffOfOtherCommunity", "noGroup", "noToken"};

    /** Route → the status each caller gets, in the order of {@link #CALLERS}. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                  author other gwGrid gwElse assignee staff admin otherComm noGroup noToken
        EXPECTED.put("POST /requests",                   new int[] {201, 201, 201, 201, 201, 201, 201, 400, 403, 401});
        EXPECTED.put("GET /requests/{id}",               new int[] {200, 404, 200, 404, 200, 200, 200, 404, 403, 401});
        EXPECTED.put("GET /requests",                    new int[] {403, 403, 200, 200, 200, 200, 200, 200, 403, 401});
        EXPECTED.put("GET /me/requests",                 new int[] {200, 200, 200, 200, 200, 200, 200, 200, 403, 401});
        EXPECTED.put("PATCH /requests/{id}",             new int[] {403, 403, 403, 403, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /requests/{id}/transitions",  new int[] {403, 404, 403, 404, 200, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /requests/{id}/notes",        new int[] {403, 403, 201, 404, 201, 201, 201, 404, 403, 401});
        EXPECTED.put("GET /requests/{id}/assignees",     new int[] {403, 403, 403, 403, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /requests/{id}/rating",       new int[] {200, 404, 403, 404, 403, 403, 403, 404, 403, 401});
        EXPECTED.put("POST /uploads",                    new int[] {201, 201, 201, 201, 201, 201, 201, 201, 403, 401});
    }

    /**
     * The routes on one request that read a body, when the body is malformed JSON. Authorization
     * runs first, so whoever may not see the request still gets 404 and whoever may see it but may
     * take none of the route's moves still gets 403; only those who may act learn that the body is
     * wrong (400). On transitions a resident who filed the request may confirm or reopen it, so
     * their body is read: 400 here, and 403 (above) only once a valid body names a move not theirs.
     */
    static final Map<String, int[]> MALFORMED_BODY = new LinkedHashMap<>();

    static {
        //                                                  author other gwGrid gwElse assignee staff admin otherComm noGroup noToken
        MALFORMED_BODY.put("PATCH /requests/{id}",            new int[] {403, 403, 403, 403, 403, 400, 400, 404, 403, 401});
        MALFORMED_BODY.put("POST /requests/{id}/transitions", new int[] {400, 404, 403, 404, 400, 400, 400, 404, 403, 401});
        MALFORMED_BODY.put("POST /requests/{id}/notes",       new int[] {403, 403, 400, 404, 400, 400, 400, 404, 403, 401});
        MALFORMED_BODY.put("POST /requests/{id}/rating",      new int[] {400, 404, 403, 404, 403, 403, 403, 404, 403, 401});
    }

    @Test
    void aMalformedBody_isRefusedWith404Or401_wheneverAValidOneIs() {
        MALFORMED_BODY.forEach((route, statuses) -> {
            for (int i = 0; i < CALLERS.length; i++) {
                int valid = EXPECTED.get(route)[i];
                if (valid == 404 || valid == 401) assertThat(statuses[i]).as("%s by %s", route, CALLERS[i]).isEqualTo(valid);
            }
        });
    }

    /** A refused call writes nothing, so the cells of one route share one request here. */
    @TestFactory
    Stream<DynamicContainer> everyRouteOnOneRequest_withAMalformedBody_refusesWhomAValidOneRefuses(LocalAws aws) {
        Api api = new Api(aws).withDemoStaff();
        Map<String, Scene> scenes = new java.util.HashMap<>();
        return MALFORMED_BODY.entrySet().stream().map(route -> DynamicContainer.dynamicContainer(route.getKey(),
                java.util.stream.IntStream.range(0, CALLERS.length).mapToObj(i -> DynamicTest.dynamicTest(
                        CALLERS[i] + " gets " + route.getValue()[i],
                        () -> assertCell(api, scenes.computeIfAbsent(route.getKey(), r -> Scene.of(api, r)),
                                route.getKey(), CALLERS[i], route.getValue()[i], "{\"version\": 1,")))));
    }

    @Test
    void theMatrix_coversEveryRouteOfTheFunctionInTemplateYaml() {
        List<String> routes = Template.load().httpApiRoutes().stream()
                .filter(r -> r.functionLogicalId().equals("RequestsFunction"))
                .map(Template.Route::routeKey).toList();

        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @TestFactory
    Stream<DynamicContainer> everyRoute_forEveryCaller_givesTheExpectedStatus(LocalAws aws) {
        Api api = new Api(aws).withDemoStaff();
        return EXPECTED.entrySet().stream().map(route -> DynamicContainer.dynamicContainer(route.getKey(),
                java.util.stream.IntStream.range(0, CALLERS.length).mapToObj(i -> DynamicTest.dynamicTest(
                        CALLERS[i] + " gets " + route.getValue()[i],
                        () -> assertCell(api, Scene.of(api, route.getKey()), route.getKey(), CALLERS[i], route.getValue()[i], null)))));
    }

    /** The request a cell calls on, filed by {@code author} and assigned to {@code assignee}, at {@code version}. */
    record Scene(String id, Persona author, Persona assignee, long version) {
        static Scene of(Api api, String route) {
            Persona author = Persona.resident();
            String staffId = "gw-moved-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            api.registered(staffId, "赵敏", StaffRole.GRID_WORKER, "G03");
            String id = api.submitted(author);
            api.move(Persona.staff(), id, "assign", Map.of("assignee", staffId)).expect(200);
            var registry = api.registry();
            var member = registry.get(DemoCommunity.ID, staffId).orElseThrow();
            registry.update(member, member.version(), new StaffChange(null, null, null, List.of("G09"), null));
            Persona assignee = Persona.gridWorker("G09").withStaffId(staffId);
            if (route.endsWith("/rating")) api.move(assignee, id, "resolve", Map.of("text", "已处理")).expect(200);
            return new Scene(id, author, assignee, api.currentVersion(id));
        }
    }

    /** One cell: {@code route} called by {@code callerName}, with a valid body or else {@code body}. */
    void assertCell(Api api, Scene scene, String route, String callerName, int expected, String body) {
        Persona author = scene.author();
        Persona assignee = scene.assignee();
        String id = scene.id();
        long version = scene.version();

        Map<String, Persona> callers = new LinkedHashMap<>();
        callers.put("author", author);
        callers.put("otherResident", Persona.resident());
        callers.put("gridWorkerOfGrid", Persona.gridWorker("G03"));
        callers.put("gridWorkerElsewhere", Persona.gridWorker("G07"));
        callers.put("assignee", assignee);
        callers.put("staff", Persona.staff());
        callers.put("admin", Persona.admin());
        callers.put("staffOfOtherCommunity", Persona.staff().inCommunity("other-community"));
        callers.put("noGroup", Persona.ungrouped());

        HttpEvents events = request(route, id, version);
        if (body != null) events.body(body);
        if (callerName.equals("noToken")) events.anonymous();
        else events.as(callers.get(callerName));

        var reply = api.call(events.build());

        assertThat(reply.status()).as("%s by %s: %s", route, callerName, reply.body()).isEqualTo(expected);
        if (body != null && expected == 400) assertThat(reply.errorFields()).as("%s by %s", route, callerName).containsExactly("body");
        if (expected == 404 || expected == 403 || expected == 401) {
            assertThat(String.valueOf(reply.body())).doesNotContain("电梯停了").doesNotContain(author.sub());
        }
    }

    /** A valid call of {@code route} on request {@code id}, so that only the caller decides the status. */
    static HttpEvents request(String route, String id, long version) {
        Map<String, BiFunction<String, Long, HttpEvents>> builders = new LinkedHashMap<>();
        builders.put("POST /requests", (i, v) -> HttpEvents.from("requests-submit.json"));
        builders.put("GET /requests/{id}", (i, v) -> HttpEvents.from("requests-get.json").pathParameter("id", i));
        builders.put("GET /requests", (i, v) -> HttpEvents.from("requests-inbox.json").clearQuery());
        builders.put("GET /me/requests", (i, v) -> HttpEvents.from("requests-mine.json"));
        builders.put("PATCH /requests/{id}", (i, v) -> HttpEvents.from("requests-patch.json").pathParameter("id", i)
                .json(Map.of("priority", "urgent", "version", v)));
        builders.put("POST /requests/{id}/transitions", (i, v) -> HttpEvents.from("requests-transition.json").pathParameter("id", i)
                .json(Map.of("action", "start", "version", v)));
        builders.put("POST /requests/{id}/notes", (i, v) -> HttpEvents.from("requests-note.json").pathParameter("id", i));
        builders.put("GET /requests/{id}/assignees", (i, v) -> HttpEvents.from("requests-assignees.json").pathParameter("id", i));
        builders.put("POST /requests/{id}/rating", (i, v) -> HttpEvents.from("requests-rating.json").pathParameter("id", i)
                .json(Map.of("score", 4, "version", v)));
        builders.put("POST /uploads", (i, v) -> HttpEvents.from("uploads-photo.json"));
        return builders.get(route).apply(id, version);
    }
}
