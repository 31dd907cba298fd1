package community.linli.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import community.linli.platform.Json;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.notices.NoticesHandler;
import community.linli.platform.Priming;
import community.linli.staff.StaffHandler;
import community.linli.tables.staff.StaffStore;
import java.time.Clock;
import community.linli.tables.directory.DirectoryStore;
import community.linli.requests.RequestsHandler;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DynamoDB (and KMS) round trips per RequestsFunction and StaffFunction operation, against moto,
 * through the handlers built by their public constructors. Prints Markdown tables for the README.
 * The counts are deterministic; RoundTripsTest and StaffRoundTripsTest assert the same ones.
 *
 * <pre>mvn -B -q verify -DskipTests -Pround-trips</pre>
 */
public final class RoundTrips {
    private RoundTrips() {}

    public static void main(String[] args) {
        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(), "bench-");
            DemoCommunity.seed(aws);
            var crypto = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
            DemoCommunity.seedStaff(new StaffStore(aws.dynamoDb(), aws.name("StaffTable"), crypto, Clock.systemUTC()));
            RequestsHandler handler = aws.construct("RequestsFunction", RequestsHandler::new);
            Persona resident = Persona.resident();
            Persona staff = Persona.staff();

            Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
            rows.put("photo upload (presigned PUT and its owner record)", CountingInterceptor.during(() ->
                    call(handler, HttpEvents.from("uploads-photo.json").as(resident).build(), 201)));
            String[] id = new String[1];
            rows.put("submit", CountingInterceptor.during(() ->
                    id[0] = field(call(handler, HttpEvents.from("requests-submit.json").as(resident).build(), 201), "id")));
            var atPoint = HttpEvents.from("requests-submit.json").as(resident)
                    .json(Map.of("category", "water_leak", "description", "小区南门外路面积水",
                            "location", Map.of("latitude", DemoCommunity.ORIGIN_LATITUDE, "longitude", DemoCommunity.ORIGIN_LONGITUDE,
                                    "address", "1号楼北侧"))).build();
            rows.put("submit at a map point (no building)", CountingInterceptor.during(() -> call(handler, atPoint, 201)));
            var withKey = HttpEvents.from("requests-submit.json").as(resident).header("Idempotency-Key", "bench-1").build();
            rows.put("submit with Idempotency-Key", CountingInterceptor.during(() -> call(handler, withKey, 201)));
            rows.put("retried submit (same key and body)", CountingInterceptor.during(() -> call(handler, withKey, 201)));
            rows.put("get one request with its timeline", CountingInterceptor.during(() ->
                    call(handler, HttpEvents.from("requests-get.json").as(resident).pathParameter("id", id[0]).build(), 200)));
            rows.put("list my requests (a page)", CountingInterceptor.during(() ->
                    call(handler, HttpEvents.from("requests-mine.json").as(resident).build(), 200)));
            rows.put("inbox (a page, grid + status filters)", CountingInterceptor.during(() ->
                    call(handler, HttpEvents.from("requests-inbox.json").as(staff).build(), 200)));
            rows.put("whom it may be assigned to", CountingInterceptor.during(() ->
                    call(handler, HttpEvents.from("requests-assignees.json").as(staff).pathParameter("id", id[0]).build(), 200)));
            rows.put("a transition (assign, to a member of the staff registry)", CountingInterceptor.during(() ->
                    call(handler, HttpEvents.from("requests-transition.json").as(staff).pathParameter("id", id[0]).build(), 200)));

            print("DynamoDB round trips per RequestsFunction operation (moto, handler from its public constructor):", rows);
            System.out.println();
            print("DynamoDB and KMS round trips per StaffFunction operation (moto, handler from its public constructor, "
                    + "a fresh container; the demo staff sealed by another):", staffRows(aws));
            System.out.println();
            print("DynamoDB round trips per NoticesFunction operation (moto, handler from its public constructor; "
                    + "a resident of G03 not linked to a registry record):", noticesRows(aws));
        }
    }

    private static Map<String, Map<String, Integer>> staffRows(LocalAws aws) {
        StaffHandler handler = aws.construct("StaffFunction", StaffHandler::new);
        Persona admin = Persona.admin();
        Persona staff = Persona.staff();
        Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
        rows.put("register a grid worker, the container's first", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-register.json").as(admin).build(), 201)));
        rows.put("register a grid worker, later", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-register.json").as(admin).json(Map.of("name", "张伟", "phone", "13712345679",
                        "role", "grid_worker", "gridIds", java.util.List.of("G04"))).build(), 201)));
        rows.put("register a phone already registered", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-register.json").as(admin).build(), 409)));
        rows.put("list (a page), staff: phones masked", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-list.json").as(staff).build(), 200)));
        rows.put("list (a page), admin: phones opened, first time", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-list.json").as(admin).build(), 200)));
        rows.put("list (a page), admin, later", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-list.json").as(admin).build(), 200)));
        rows.put("get one", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-get.json").as(admin).build(), 200)));
        rows.put("change grids", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-patch.json").as(admin).build(), 200)));
        rows.put("change the phone", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("staff-patch.json").as(admin).json(Map.of("phone", "13712345670", "version", 2)).build(), 200)));
        return rows;
    }

    private static Map<String, Map<String, Integer>> noticesRows(LocalAws aws) {
        NoticesHandler handler = aws.construct("NoticesFunction", NoticesHandler::new);
        Persona staff = Persona.staff();
        Persona resident = new Persona("bench-resident", DemoCommunity.ID, java.util.List.of("residents"), java.util.List.of("G03"));
        Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
        String[] id = new String[1];
        rows.put("draft to two grids", CountingInterceptor.during(() ->
                id[0] = field(call(handler, HttpEvents.from("notices-draft.json").as(staff).build(), 201), "id")));
        rows.put("change a draft", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-patch.json").as(staff).pathParameter("id", id[0]).build(), 200)));
        rows.put("publish now (and its one SNS message)", CountingInterceptor.during(() -> call(handler,
                HttpEvents.from("notices-publish.json").as(staff).pathParameter("id", id[0]).json(Map.of("version", 2)).build(), 200)));
        rows.put("list, staff (a page)", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-list.json").as(staff).build(), 200)));
        rows.put("list, a resident of G03 (a page)", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-list.json").as(resident).build(), 200)));
        rows.put("open, a resident's first time (read receipt)", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-get.json").as(resident).pathParameter("id", id[0]).build(), 200)));
        rows.put("open again", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-get.json").as(resident).pathParameter("id", id[0]).build(), 200)));
        rows.put("withdraw a published notice", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-withdraw.json").as(staff).pathParameter("id", id[0]).json(Map.of("version", 3)).build(), 200)));
        rows.put("the schedule, nothing due", CountingInterceptor.during(() ->
                Priming.invoke(handler, HttpEvents.fixtureJson("notices-schedule.json"))));
        String emergency = field(call(handler, HttpEvents.from("notices-draft.json").as(staff).json(Map.of("title", "燃气泄漏紧急通知",
                "body", "请关闭燃气阀门。", "kind", "emergency", "audience", Map.of("kind", "grids", "gridIds", java.util.List.of("G03")),
                "expiresAt", "2100-01-01T00:00:00.000Z", "form", java.util.List.of(Map.of("id", "returned", "label", "家中是否有外地返回人员",
                        "type", "single_choice", "options", java.util.List.of("是", "否"))))).build(), 201), "id");
        call(handler, HttpEvents.from("notices-publish.json").as(staff).pathParameter("id", emergency).json(Map.of("version", 1)).build(), 200);
        rows.put("acknowledge an emergency notice (the household from the token)", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-acknowledge.json").pathParameter("id", emergency).build(), 201)));
        rows.put("answer its form, or correct the answer", CountingInterceptor.during(() -> call(handler,
                HttpEvents.from("notices-answer.json").pathParameter("id", emergency).json(Map.of("answers", Map.of("returned", "否"))).build(), 200)));
        rows.put("its dashboard, one grid", CountingInterceptor.during(() ->
                call(handler, HttpEvents.from("notices-households.json").pathParameter("id", emergency).build(), 200)));
        return rows;
    }

    private static void print(String title, Map<String, Map<String, Integer>> rows) {
        System.out.println(title);
        System.out.println();
        System.out.println("| Operation | Round trips | By operation |");
        System.out.println("|---|---:|---|");
        rows.forEach((name, counts) -> System.out.println("| " + name + " | "
                + counts.values().stream().mapToInt(Integer::intValue).sum() + " | "
                + counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : ""))
                        .collect(Collectors.joining(", ")) + " |"));
    }

    private static APIGatewayV2HTTPResponse call(RequestStreamHandler handler, APIGatewayV2HTTPEvent event, int expected) {
        APIGatewayV2HTTPResponse response = Invoke.http(handler, event);
        if (response.getStatusCode() != expected) {
            throw new IllegalStateException(event.getRouteKey() + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response;
    }

    private static String field(APIGatewayV2HTTPResponse response, String name) {
        return Json.parse(response.getBody(), com.fasterxml.jackson.databind.JsonNode.class).get(name).asText();
    }
}
