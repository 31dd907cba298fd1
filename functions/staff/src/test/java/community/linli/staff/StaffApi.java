package community.linli.staff;


import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.ApiReply;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.MutableClock;
import community.linli.testkit.Persona;
import community.linli.testkit.RoundTrips;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * StaffFunction as a client sees it, for tests: the demo community's directory and staff seeded,
 * events built from the fixtures in events/, each response read back as the runtime serializes it
 * and checked against openapi.yaml, and the DynamoDB and KMS round trips each call made. The
 * handler's FieldCrypto is its own, like a fresh container's.
 */
final class StaffApi {
    static final Instant NOW = Instant.parse("2026-11-30T01:00:00.000Z");
    private static final AtomicInteger PHONES = new AtomicInteger();

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips dynamoTrips = new RoundTrips();
    final RoundTrips kmsTrips = new RoundTrips();
    final StaffStore store;
    final StaffHandler handler;

    StaffApi(LocalAws aws) {
        this.aws = aws;
        DemoCommunity.seed(aws);
        this.store = new StaffStore(aws.dynamoDb(), aws.name("StaffTable"), crypto(aws, aws.kms()), clock);
        DemoCommunity.seedStaff(aws, clock);
        this.handler = new StaffHandler(aws.countingDynamoDb(dynamoTrips), aws.name("StaffTable"), aws.name("DirectoryTable"),
                crypto(aws, aws.countingKms(kmsTrips)), clock);
    }

    /**
     * What the staff route tests start from: a fresh StaffApi on moto before each test, and the
     * demo admin and a staff member to call it as. A subclass's own {@code @BeforeEach} runs after.
     */
    @ExtendWith(MotoExtension.class)
    abstract static class Fixture {
        StaffApi api;
        final Persona admin = Persona.admin();
        final Persona staff = Persona.staff();

        @BeforeEach
        void startApi(LocalAws aws) {
            api = new StaffApi(aws);
        }
    }

    static FieldCrypto crypto(LocalAws aws, software.amazon.awssdk.services.kms.KmsClient kms) {
        return new FieldCrypto(kms, aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
    }

    /** A mainland mobile no other test call has used. */
    static String freshPhone() {
        return String.format("1360%07d", PHONES.incrementAndGet());
    }

    ApiReply call(APIGatewayV2HTTPEvent event) {
        return ApiReply.call(handler, event);
    }

    // ---------------------------------------------------------------- routes, from the fixtures

    static HttpEvents registerEvent(Object body) {
        HttpEvents events = HttpEvents.from("staff-register.json");
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents listEvent() {
        return HttpEvents.from("staff-list.json").clearQuery();
    }

    static HttpEvents getEvent(String id) {
        return HttpEvents.from("staff-get.json").pathParameter("id", id);
    }

    static HttpEvents patchEvent(String id, Object body) {
        HttpEvents events = HttpEvents.from("staff-patch.json").pathParameter("id", id);
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents getDutyEvent() {
        return HttpEvents.from("staff-get-duty.json");
    }

    static HttpEvents putDutyEvent(Object body) {
        HttpEvents events = HttpEvents.from("staff-put-duty.json");
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents putDutyDateEvent(String date, Object body) {
        HttpEvents events = HttpEvents.from("staff-put-duty-date.json").pathParameter("date", date);
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents deleteDutyDateEvent(String date) {
        return HttpEvents.from("staff-delete-duty-date.json").pathParameter("date", date);
    }

    ApiReply putDutyDate(Persona who, String date, Object body) {
        return call(putDutyDateEvent(date, body).as(who).build());
    }

    ApiReply deleteDutyDate(Persona who, String date) {
        return call(deleteDutyDateEvent(date).as(who).build());
    }

    ApiReply getDuty(Persona who) {
        return call(getDutyEvent().as(who).build());
    }

    ApiReply putDuty(Persona who, Object body) {
        return call(putDutyEvent(body).as(who).build());
    }

    static HttpEvents myPreferencesEvent() {
        return HttpEvents.from("staff-get-alert-preferences.json");
    }

    static HttpEvents putMyPreferencesEvent(Object body) {
        HttpEvents events = HttpEvents.from("staff-put-alert-preferences.json");
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    ApiReply myPreferences(Persona who) {
        return call(myPreferencesEvent().as(who).build());
    }

    ApiReply putMyPreferences(Persona who, Object body) {
        return call(putMyPreferencesEvent(body).as(who).build());
    }

    ApiReply register(Persona who, Object body) {
        return call(registerEvent(body).as(who).build());
    }

    /** A grid worker of {@code grids} with a fresh phone, registered by an admin; returns the staff id. */
    String registered(String... grids) {
        return register(Persona.admin(), Map.of("name", "网格员", "phone", freshPhone(), "role", "grid_worker",
                "gridIds", List.of(grids))).expect(201).text("/id");
    }

    ApiReply list(Persona who, Map<String, String> query) {
        HttpEvents events = listEvent().as(who);
        query.forEach(events::query);
        return call(events.build());
    }

    ApiReply get(Persona who, String id) {
        return call(getEvent(id).as(who).build());
    }

    ApiReply patch(Persona who, String id, Object body) {
        return call(patchEvent(id, body).as(who).build());
    }

    /** Every item of the StaffTable: what "nothing written" is checked against. */
    List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("StaffTable")).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
