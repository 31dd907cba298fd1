package community.linli.directory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.platform.Json;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import community.linli.tables.requests.TimelineEvent;
import community.linli.testkit.MutableClock;
import community.linli.testkit.RoundTrips;
import java.time.Instant;
import community.linli.testkit.ApiReply;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LocalAws;
import community.linli.testkit.OpenApiContract;
import community.linli.testkit.Persona;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DirectoryFunction on moto, the way API Gateway calls it: the demo community seeded, events built
 * from the fixtures in {@code events/}, and every response checked against openapi.yaml before a
 * test sees it.
 */
final class DirectoryApi {
    static final String BASE_URL = "https://linli.community/m/submit";
    static final OpenApiContract CONTRACT = OpenApiContract.load();

    static final Instant NOW = Instant.parse("2026-11-30T01:00:00.000Z");

    final LocalAws aws;
    final DirectoryStore store;
    final RequestStore requests;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips trips = new RoundTrips();
    final DirectoryHandler handler;

    /**
     * The demo directory seeded; the demo staff registry too when the test provisions the keys to
     * seal its phones ({@code @Provision({"DirectoryFunction", "StaffFunction"})}), as grid views
     * name grid workers from it.
     */
    DirectoryApi(LocalAws aws) {
        this.aws = aws;
        this.store = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
        DemoCommunity.seed(aws);
        if (aws.provisioned().has("FieldKey")) DemoCommunity.seedStaff(aws, clock);
        this.requests = new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), clock);
        this.handler = new DirectoryHandler(aws.countingDynamoDb(trips), aws.name("DirectoryTable"), aws.name("StaffTable"),
                aws.name("RequestsTable"), BASE_URL, clock);
    }

    /** Calls the handler through its stream entry point, as Lambda does, and fails unless openapi.yaml documents the response. */
    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return call(handler, event);
    }

    static APIGatewayV2HTTPResponse call(DirectoryHandler handler, APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = Invoke.http(handler, event);
        String[] route = event.getRouteKey().split(" ", 2);
        CONTRACT.assertResponse(route[0], route[1], response);
        return response;
    }

    APIGatewayV2HTTPResponse call(HttpEvents events) {
        return call(events.build());
    }

    /** The call as a client reads it (checked against openapi.yaml), as {@code who}. */
    ApiReply reply(HttpEvents events, Persona who) {
        return ApiReply.call(handler, events.as(who).build());
    }

    // ------------------------------------------------------------------ events, from the fixtures

    static HttpEvents listCategories() {
        return HttpEvents.from("directory-list-categories.json");
    }

    static HttpEvents putCategory(String code, Object body) {
        HttpEvents events = HttpEvents.from("directory-put-category.json").pathParameter("code", code);
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents getCalendar(String year) {
        return HttpEvents.from("directory-get-calendar.json").pathParameter("year", year);
    }

    static HttpEvents putCalendar(String year, Object body) {
        return HttpEvents.from("directory-put-calendar.json").pathParameter("year", year).json(body);
    }

    static HttpEvents getQuietHours() {
        return HttpEvents.from("directory-get-quiet-hours.json");
    }

    static HttpEvents putQuietHours(Object body) {
        HttpEvents events = HttpEvents.from("directory-put-quiet-hours.json");
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    /** The QR route for {@code who} ({@code null}: no verified claims) with exactly {@code query}. */
    static APIGatewayV2HTTPEvent qr(Persona who, String buildingId, Map<String, String> query) {
        HttpEvents events = HttpEvents.from("directory-qr.json").pathParameter("buildingId", buildingId);
        APIGatewayV2HTTPEvent event = (who == null ? events.anonymous() : events.as(who)).build();
        event.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        StringJoiner raw = new StringJoiner("&");
        query.forEach((name, value) -> raw.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        event.setRawQueryString(raw.toString());
        return event;
    }

    static HttpEvents listGrids() {
        return HttpEvents.from("directory-list-grids.json");
    }

    static HttpEvents putGrid(String gridId, Object body) {
        return withBody(HttpEvents.from("directory-put-grid.json").pathParameter("gridId", gridId), body);
    }

    static HttpEvents listBuildings() {
        return HttpEvents.from("directory-list-buildings.json").clearQuery();
    }

    static HttpEvents getBuilding(String buildingId) {
        return HttpEvents.from("directory-get-building.json").pathParameter("buildingId", buildingId);
    }

    static HttpEvents putBuilding(String buildingId, Object body) {
        return withBody(HttpEvents.from("directory-put-building.json").pathParameter("buildingId", buildingId), body);
    }

    static HttpEvents listUnits(String buildingId) {
        return HttpEvents.from("directory-list-units.json").pathParameter("buildingId", buildingId);
    }

    static HttpEvents putUnit(String buildingId, String unitId, Object body) {
        return withBody(HttpEvents.from("directory-put-unit.json").pathParameter("buildingId", buildingId)
                .pathParameter("unitId", unitId), body);
    }

    static HttpEvents listRooms(String buildingId) {
        return HttpEvents.from("directory-list-rooms.json").pathParameter("buildingId", buildingId).clearQuery();
    }

    static HttpEvents putRoom(String buildingId, String unitId, String roomId, Object body) {
        return withBody(HttpEvents.from("directory-put-room.json").pathParameter("buildingId", buildingId)
                .pathParameter("unitId", unitId).pathParameter("roomId", roomId), body);
    }

    /** The import route with {@code csv} as its body, in base64 (bytes that need not be UTF-8). */
    static HttpEvents importPlaces(byte[] csv) {
        return HttpEvents.from("directory-import-places.json").base64Body(csv);
    }

    /** The import route with {@code csv} as its text body, as API Gateway passes a UTF-8 {@code text/csv} upload. */
    static HttpEvents importPlaces(String csv) {
        return HttpEvents.from("directory-import-places.json").body(csv);
    }

    private static HttpEvents withBody(HttpEvents events, Object body) {
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    /** The body of a fixture as a mutable map, for tests that change one field of a valid body. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fixtureBody(String fixture) {
        return Json.parse(HttpEvents.fixture(fixture).getBody(), Map.class);
    }

    // ------------------------------------------------------------------ requests filed at a building

    private static final java.util.concurrent.atomic.AtomicInteger FILED = new java.util.concurrent.atomic.AtomicInteger();

    /** A request filed at {@code buildingId} in {@code gridId}, written as RequestsFunction's submit writes it, now at {@code status}; its id. */
    String filed(String buildingId, String gridId, Status status) {
        String id = String.format("261130-%04d", FILED.incrementAndGet());
        var request = new ResidentRequest(DemoCommunity.ID, id, "resident-0001", "elevator", "电梯停了",
                new Location(gridId, buildingId, "1", "101", null, null, null), Priority.NORMAL, Priority.NORMAL, null,
                List.of(), Map.of(), false, status, null, NOW, NOW, NOW.plusSeconds(86_400), null, null, 0, 1, false);
        requests.create(request, TimelineEvent.of(EventKind.SUBMITTED, "resident-0001", "resident", NOW, status), null);
        return id;
    }

    ResidentRequest request(String id) {
        return requests.find(DemoCommunity.ID, id).orElseThrow();
    }

    /** Every kind on the request's timeline, internal entries included, in order. */
    List<String> timelineKinds(String id) {
        return requests.findWithTimeline(DemoCommunity.ID, id, true).orElseThrow().timeline().stream()
                .map(e -> e.kind().wire()).toList();
    }

    // ------------------------------------------------------------------ reading responses and the table

    /** Every item of the DirectoryTable: what "nothing written" is checked against. */
    /** How many items the DirectoryTable holds: a COUNT scan, which moto answers without serializing the items. */
    int itemCount() {
        int count = 0;
        for (var page : aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("DirectoryTable")).consistentRead(true)
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT))) {
            count += page.count();
        }
        return count;
    }

    List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("DirectoryTable")).consistentRead(true)).items().forEach(items::add);
        return items;
    }

}
