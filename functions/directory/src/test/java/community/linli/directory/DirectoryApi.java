package community.linli.directory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.platform.Json;
import community.linli.tables.directory.DirectoryStore;
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

    final LocalAws aws;
    final DirectoryStore store;
    final DirectoryHandler handler;

    DirectoryApi(LocalAws aws) {
        this.aws = aws;
        this.store = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
        DemoCommunity.seed(store);
        this.handler = new DirectoryHandler(aws.dynamoDb(), aws.name("DirectoryTable"), BASE_URL);
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

    /** The body of a fixture as a mutable map, for tests that change one field of a valid body. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fixtureBody(String fixture) {
        return Json.parse(HttpEvents.fixture(fixture).getBody(), Map.class);
    }

    // ------------------------------------------------------------------ reading responses and the table

    /** Every item of the DirectoryTable: what "nothing written" is checked against. */
    List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("DirectoryTable")).consistentRead(true)).items().forEach(items::add);
        return items;
    }

}
