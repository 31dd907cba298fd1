package community.linli.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.platform.Json;
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
 * DynamoDB round trips per RequestsFunction operation, against moto, through the handler built by
 * its public constructor. Prints a Markdown table for the README. The counts are deterministic;
 * RoundTripsTest asserts the same ones.
 *
 * <pre>mvn -B -q verify -DskipTests -Pround-trips</pre>
 */
public final class RoundTrips {
    private RoundTrips() {}

    public static void main(String[] args) {
        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(), "bench-");
            DemoCommunity.seed(new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable")));
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
            rows.put("a transition (assign)", CountingInterceptor.during(() ->
                    call(handler, HttpEvents.from("requests-transition.json").as(staff).pathParameter("id", id[0]).build(), 200)));

            System.out.println("DynamoDB round trips per RequestsFunction operation (moto, handler from its public constructor):");
            System.out.println();
            System.out.println("| Operation | Round trips | By operation |");
            System.out.println("|---|---:|---|");
            rows.forEach((name, counts) -> System.out.println("| " + name + " | "
                    + counts.values().stream().mapToInt(Integer::intValue).sum() + " | "
                    + counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : ""))
                            .collect(Collectors.joining(", ")) + " |"));
        }
    }

    private static APIGatewayV2HTTPResponse call(RequestsHandler handler, APIGatewayV2HTTPEvent event, int expected) {
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
