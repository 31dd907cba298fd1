package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of NoticesFunction × every kind of caller, with the status each must get. The
 * notice under test is addressed to G03 of the demo community: a draft for publication, else
 * published and live (an activity for the sign-up and attendance routes, which the resident of
 * G03 has signed up for before cancelling, checking in, or being checked in by hand). Residents and grid workers of G03 are told apart from those of G05 (the
 * other grid); "otherCommunity" is staff of another community, to whom this community's notices
 * are 404 and whose own directory lacks G03 (a draft for it is 400). Whoever may not see the
 * notice finds neither its id nor its title in any answer.
 */
@ExtendWith(MotoExtension.class)
class NoticesAuthorizationMatrixTest {
    static final String[] CALLERS = {"residentOwnGrid", "residentOtherGrid", "gridWorkerOwnGrid", "gridWorkerOtherGrid",
            "staff", "admin", "otherCommunity", "noGroup", "noToken"};
    static final Set<String> MAY_NOT_SEE = Set.of("residentOtherGrid", "gridWorkerOtherGrid", "otherCommunity", "noGroup", "noToken");
    static final String TITLE = "矩阵测试通知";

    /** Route → the status each caller gets, in the order of {@link #CALLERS}. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                resOwn resOther gwOwn gwOther staff admin otherComm noGroup noToken
        EXPECTED.put("POST /notices",                   new int[] {403, 403, 403, 403, 201, 201, 400, 403, 401});
        EXPECTED.put("GET /notices",                    new int[] {200, 200, 200, 200, 200, 200, 200, 403, 401});
        EXPECTED.put("GET /notices/{id}",               new int[] {200, 404, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("PATCH /notices/{id}",             new int[] {403, 403, 403, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /notices/{id}/publication",  new int[] {403, 403, 403, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /notices/{id}/withdrawal",   new int[] {403, 403, 403, 403, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /notices/{id}/signup",       new int[] {201, 404, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("DELETE /notices/{id}/signup",     new int[] {204, 404, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("GET /notices/{id}/check-in-qr",   new int[] {403, 403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /notices/{id}/check-in",     new int[] {200, 404, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("POST /notices/{id}/signups/{accountId}/check-in", new int[] {403, 403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("GET /notices/{id}/signups",       new int[] {403, 403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("GET /notices/{id}/signups/export", new int[] {403, 403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("POST /notices/{id}/acknowledgement", new int[] {201, 404, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("PUT /notices/{id}/answer",        new int[] {200, 404, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("GET /notices/{id}/answer",        new int[] {200, 404, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("GET /notices/{id}/households",    new int[] {403, 403, 200, 404, 200, 200, 404, 403, 401});
        EXPECTED.put("GET /notices/{id}/answers",       new int[] {403, 403, 200, 404, 200, 200, 404, 403, 401});
    }

    @Test
    void theMatrix_coversEveryRouteOfTheFunctionInTemplateYaml() {
        List<String> routes = Template.load().httpApiRoutes().stream()
                .filter(r -> r.functionLogicalId().equals("NoticesFunction"))
                .map(Template.Route::routeKey).toList();

        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @TestFactory
    Stream<DynamicContainer> everyRoute_forEveryCaller_givesTheExpectedStatus(LocalAws aws) {
        NoticesApi api = new NoticesApi(aws);
        return EXPECTED.entrySet().stream().map(route -> DynamicContainer.dynamicContainer(route.getKey(),
                IntStream.range(0, CALLERS.length).mapToObj(i -> DynamicTest.dynamicTest(
                        CALLERS[i] + " gets " + route.getValue()[i],
                        () -> assertCell(api, route.getKey(), CALLERS[i], route.getValue()[i])))));
    }

    void assertCell(NoticesApi api, String route, String callerName, int expected) {
        boolean activity = route.endsWith("/signup") || route.contains("check-in") || route.contains("/signups");
        boolean emergency = route.matches(".*/(acknowledgement|answer|answers|households)$");
        String id = route.endsWith("/publication")
                ? api.draft(Persona.staff(), NoticesApi.draft(TITLE, "G03")).expect(201).text("/id")
                : api.published(activity ? NoticesApi.activity(TITLE, 10, "G03")
                        : emergency ? NoticesApi.emergency(TITLE, "G03") : NoticesApi.draft(TITLE, "G03"));
        api.alerts();
        Map<String, Persona> callers = Map.of(
                "residentOwnGrid", NoticesApi.residentOf("G03"),
                "residentOtherGrid", NoticesApi.residentOf("G05"),
                "gridWorkerOwnGrid", Persona.gridWorker("G03"),
                "gridWorkerOtherGrid", Persona.gridWorker("G05"),
                "staff", Persona.staff(),
                "admin", Persona.admin(),
                "otherCommunity", Persona.staff().inCommunity("other-community"),
                "noGroup", Persona.ungrouped());
        if (route.startsWith("DELETE") && callerName.equals("residentOwnGrid")) api.signUp(callers.get(callerName), id, 0).expect(201);
        Persona attendee = callers.get("residentOwnGrid");
        String code = null;
        if (route.contains("check-in") || route.contains("/signups")) {
            api.signUp(attendee, id, 0).expect(201);
            code = api.checkInCode(id);
        }
        // Residents' tokens carry the household onboarding linked them to; the own grid's has answered the form.
        Map<String, NoticesApi.Member> members = Map.of(
                "residentOwnGrid", new NoticesApi.Member(callers.get("residentOwnGrid"), "r-matrix-own", "hh-matrix-own"),
                "residentOtherGrid", new NoticesApi.Member(callers.get("residentOtherGrid"), "r-matrix-other", "hh-matrix-other"));
        if (route.equals("GET /notices/{id}/answer") && callerName.equals("residentOwnGrid")) {
            api.answer(members.get(callerName), id, Map.of("answers", Map.of("returned", "否"))).expect(200);
        }
        int itemsBefore = api.itemCount();

        HttpEvents events = route.contains("check-in") || route.contains("/signups")
                ? attendance(route, id, attendee.sub(), code) : request(route).apply(id);
        if (callerName.equals("noToken")) events.anonymous();
        var event = members.containsKey(callerName) ? members.get(callerName).on(events)
                : callerName.equals("noToken") ? events.build() : events.as(callers.get(callerName)).build();
        int status;
        String body;
        if (route.equals("GET /notices/{id}/answers")) {
            var response = community.linli.testkit.Invoke.http(api.handler, event);
            community.linli.testkit.OpenApiContract.load().assertResponse("GET", "/notices/{id}/answers", response);
            status = response.getStatusCode();
            body = status == 200 ? NoticesApi.csv(response) : response.getBody();
        } else {
            var reply = api.call(event);
            status = reply.status();
            body = reply.body() == null ? null : reply.body().toString();
        }

        assertThat(status).as("%s by %s: %s", route, callerName, body).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(api.itemCount()).as("a refused call writes nothing").isEqualTo(itemsBefore);
            assertThat(api.alerts()).as("a refused call announces nothing").isEmpty();
        }
        if (MAY_NOT_SEE.contains(callerName) && body != null) {
            assertThat(body).doesNotContain(id).doesNotContain(TITLE);
        }
    }

    /** A valid call of an attendance route on activity {@code id}, whose check-in code is {@code code} and where {@code attendee} signed up. */
    static HttpEvents attendance(String route, String id, String attendee, String code) {
        return switch (route) {
            case "GET /notices/{id}/check-in-qr" -> NoticesApi.checkInQrEvent(id);
            case "POST /notices/{id}/check-in" -> NoticesApi.checkInEvent(id, Map.of("code", code));
            case "POST /notices/{id}/signups/{accountId}/check-in" -> NoticesApi.checkInByHandEvent(id, attendee);
            case "GET /notices/{id}/signups" -> NoticesApi.listSignUpsEvent(id);
            case "GET /notices/{id}/signups/export" -> NoticesApi.exportSignUpsEvent(id);
            default -> throw new IllegalArgumentException(route);
        };
    }

    /** A valid call of {@code route} on notice {@code id}, so that only the caller decides the status. */
    static Function<String, HttpEvents> request(String route) {
        return switch (route) {
            case "POST /notices" -> id -> NoticesApi.draftEvent(NoticesApi.draft("新通知", "G03"));
            case "GET /notices" -> id -> NoticesApi.listEvent();
            case "GET /notices/{id}" -> NoticesApi::getEvent;
            case "PATCH /notices/{id}" -> id -> NoticesApi.patchEvent(id, Map.of("title", "修改后的标题", "version", 2));
            case "POST /notices/{id}/publication" -> id -> NoticesApi.publishEvent(id, Map.of("version", 1));
            case "POST /notices/{id}/withdrawal" -> id -> NoticesApi.withdrawEvent(id, Map.of("version", 2));
            case "POST /notices/{id}/signup" -> id -> NoticesApi.signUpEvent(id, Map.of("companions", 1));
            case "DELETE /notices/{id}/signup" -> NoticesApi::cancelSignUpEvent;
            case "POST /notices/{id}/acknowledgement" -> NoticesApi::acknowledgeEvent;
            case "PUT /notices/{id}/answer" -> id -> NoticesApi.answerEvent(id, Map.of("answers", Map.of("returned", "是")));
            case "GET /notices/{id}/answer" -> NoticesApi::getAnswerEvent;
            case "GET /notices/{id}/households" -> NoticesApi::householdsEvent;
            case "GET /notices/{id}/answers" -> NoticesApi::answersEvent;
            default -> throw new IllegalArgumentException(route);
        };
    }
}
