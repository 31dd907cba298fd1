package community.linli.residents;

import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.ApiReply;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.Persona;
import community.linli.testkit.RoundTrips;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ResidentsFunction as a client sees it, for tests: the demo community's directory (with the rooms
 * of B0301, B0302 in G03 and B0501 in G05) and its demo households and residents seeded, events
 * built from the fixtures in events/, each response checked against openapi.yaml, and the DynamoDB
 * and KMS round trips each call made. The handler's FieldCrypto is its own, like a fresh container's.
 */
final class ResidentsApi {
    static final Instant NOW = Instant.parse("2026-11-30T01:00:00.000Z");
    static final Set<String> BUILDINGS_WITH_ROOMS = Set.of("B0301", "B0302", "B0501");

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips dynamoTrips = new RoundTrips();
    final RoundTrips kmsTrips = new RoundTrips();
    final ResidentStore store;
    final ResidentsHandler handler;

    ResidentsApi(LocalAws aws) {
        this.aws = aws;
        DirectoryStore directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
        DemoCommunity.seed(directory);
        directory.putRooms(DemoCommunity.ID, DemoCommunity.rooms().stream().filter(r -> BUILDINGS_WITH_ROOMS.contains(r.buildingId())).toList());
        this.store = new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), crypto(aws, aws.kms()), clock);
        DemoCommunity.seedResidents(store);
        this.handler = new ResidentsHandler(aws.countingDynamoDb(dynamoTrips), aws.name("ResidentsTable"), aws.name("DirectoryTable"),
                crypto(aws, aws.countingKms(kmsTrips)), clock);
    }

    static FieldCrypto crypto(LocalAws aws, software.amazon.awssdk.services.kms.KmsClient kms) {
        return new FieldCrypto(kms, aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
    }

    static Persona gridWorker() {
        return Persona.gridWorker("G03").withSub(DemoCommunity.GRID_WORKER_ID);
    }

    ApiReply call(APIGatewayV2HTTPEvent event) {
        return ApiReply.call(handler, event);
    }

    // ---------------------------------------------------------------- routes, from the fixtures

    static HttpEvents withBody(HttpEvents events, Object body) {
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents createHouseholdEvent(Object body) {
        return withBody(HttpEvents.from("residents-create-household.json"), body);
    }

    static HttpEvents householdEvent(String id) {
        return HttpEvents.from("residents-get-household.json").pathParameter("id", id);
    }

    static HttpEvents registerEvent(Object body) {
        return withBody(HttpEvents.from("residents-register.json"), body);
    }

    static HttpEvents listEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-list.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    static HttpEvents getEvent(String id) {
        return HttpEvents.from("residents-get.json").pathParameter("id", id);
    }

    static HttpEvents patchEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-patch.json").pathParameter("id", id), body);
    }

    static HttpEvents moveEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-move.json").pathParameter("id", id), body);
    }

    static HttpEvents lookupEvent(Object body) {
        return withBody(HttpEvents.from("residents-lookup.json"), body);
    }

    static HttpEvents revealEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-reveal.json").pathParameter("id", id), body);
    }

    static HttpEvents erasureEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-erasure.json").pathParameter("id", id), body);
    }

    static HttpEvents auditEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-audit.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    static HttpEvents visitEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-visit.json").pathParameter("id", id), body);
    }

    static HttpEvents careDueEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-care-due.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    static HttpEvents statisticsEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-statistics.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    ApiReply statistics(Persona who, Map<String, String> query) {
        return call(statisticsEvent(query).as(who).build());
    }

    ApiReply visit(Persona who, String id, Object body) {
        return call(visitEvent(id, body).as(who).build());
    }

    ApiReply careDue(Persona who, Map<String, String> query) {
        return call(careDueEvent(query).as(who).build());
    }

    ApiReply createHousehold(Persona who, Object body) {
        return call(createHouseholdEvent(body).as(who).build());
    }

    ApiReply household(Persona who, String id) {
        return call(householdEvent(id).as(who).build());
    }

    ApiReply register(Persona who, Object body) {
        return call(registerEvent(body).as(who).build());
    }

    ApiReply list(Persona who, Map<String, String> query) {
        return call(listEvent(query).as(who).build());
    }

    ApiReply get(Persona who, String id) {
        return call(getEvent(id).as(who).build());
    }

    ApiReply patch(Persona who, String id, Object body) {
        return call(patchEvent(id, body).as(who).build());
    }

    ApiReply move(Persona who, String id, Object body) {
        return call(moveEvent(id, body).as(who).build());
    }

    ApiReply lookup(Persona who, Object body) {
        return call(lookupEvent(body).as(who).build());
    }

    ApiReply reveal(Persona who, String id, Object body) {
        return call(revealEvent(id, body).as(who).build());
    }

    ApiReply erase(Persona who, String id, Object body) {
        return call(erasureEvent(id, body).as(who).build());
    }

    ApiReply audit(Persona who, Map<String, String> query) {
        return call(auditEvent(query).as(who).build());
    }

    /** A new household in G03's B0301 unit 2 room {@code room} (101 ... 302), by the grid worker of G03; returns its id. */
    String household(String room) {
        return createHousehold(gridWorker(), Map.of("buildingId", "B0301", "unitId", "2", "roomId", room,
                "householdNumber", "0301-2-" + room)).expect(201).text("/id");
    }

    /** A new household in G05's B0501 unit 1 room {@code room}, by staff; returns its id. */
    String householdInG05(String room) {
        return createHousehold(Persona.staff(), Map.of("buildingId", "B0501", "unitId", "1", "roomId", room,
                "householdNumber", "0501-1-" + room)).expect(201).text("/id");
    }

    /** Every item of the ResidentsTable: what "nothing written" and "no plaintext" are checked against. */
    List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("ResidentsTable")).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
