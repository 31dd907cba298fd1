package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.overduesweep.Escalation;
import community.linli.overduesweep.OverdueSweepHandler;
import community.linli.platform.Aws;
import community.linli.platform.Json;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.RequestStore;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.files.FileStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.OpenApiContract;
import community.linli.testkit.Persona;
import community.linli.testkit.ProblemBodies;
import community.linli.testkit.RoundTrips;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RequestsFunction as a client sees it, for tests: events built from the fixtures in events/,
 * each call through the stream entry point Lambda calls and checked against openapi.yaml, plus the
 * DynamoDB round trips each call made.
 */
final class Api {
    static final Instant NOW = Instant.parse("2026-11-28T08:15:30.123Z");
    /** The phones of the members {@link #registered} adds: each test call's own. */
    private static final AtomicInteger PHONES = new AtomicInteger(1000);

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips trips = new RoundTrips();
    final RequestsHandler handler;

    Api(LocalAws aws) {
        this.aws = aws;
        DemoCommunity.seed(aws);
        var files = new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("FilesBucket"), clock);
        handler = new RequestsHandler(aws.countingDynamoDb(trips), aws.name("RequestsTable"), aws.name("DirectoryTable"),
                aws.name("StaffTable"), files, crypto(aws), clock);
    }

    /**
     * The demo community's staff registry (its admin, staff member and a grid worker per grid), as
     * an admin registers them; needs the StaffFunction's keys: {@code @Provision({"RequestsFunction", "StaffFunction"})}.
     */
    Api withDemoStaff() {
        DemoCommunity.seedStaff(registry());
        return this;
    }

    /** Registers someone in the demo community's staff registry, and returns them as a caller whose token carries their staff id. */
    Persona registered(String staffId, String name, StaffRole role, String... grids) {
        registry().register(DemoCommunity.ID, staffId, new NewStaff(name, String.format("1390%07d", PHONES.incrementAndGet()), role,
                List.of(grids)));
        Persona persona = switch (role) {
            case GRID_WORKER -> Persona.gridWorker(grids);
            case STAFF -> Persona.staff();
            case ADMIN -> Persona.admin();
        };
        return persona.withStaffId(staffId);
    }

    /** The staff registry as the StaffFunction writes it (phones sealed and hashed). */
    StaffStore registry() {
        return new StaffStore(aws.dynamoDb(), aws.name("StaffTable"),
                new FieldCrypto(aws::kms, aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), clock);
    }

    /**
     * The OverdueSweepFunction over the same tables and clock, as its tests run it: its DynamoDB
     * calls counted in {@code trips}, escalating after {@code waits}.
     */
    OverdueSweepHandler sweep(RoundTrips trips, Escalation.Waits waits) {
        return new OverdueSweepHandler(new RequestStore(aws.countingDynamoDb(trips), aws.name("RequestsTable"), clock),
                new DirectoryStore(aws.countingDynamoDb(trips), aws.name("DirectoryTable")), clock, waits);
    }

    /** The grid worker of G03 in the demo registry (王芳), with their staff id on the token. */
    static Persona demoGridWorker() {
        return Persona.gridWorker("G03").withStaffId(DemoCommunity.GRID_WORKER_ID);
    }

    /** As the function builds it: FIELD_KEY_ID only, the KMS client on first use. */
    static FieldCrypto crypto(LocalAws aws) {
        return new FieldCrypto(aws::kms, aws.provisioned().ref("FieldKey"), null);
    }

    /** The same community and tables, called through {@code handler} (one built by its no-arg constructor, as Lambda builds it). */
    private Api(LocalAws aws, RequestsHandler handler) {
        this.aws = aws;
        this.handler = handler;
    }

    Api through(RequestsHandler other) {
        return new Api(aws, other);
    }

    /** A response as the client receives it. */
    record Reply(int status, Map<String, String> headers, JsonNode body) {
        String text(String pointer) {
            return body.at(pointer).asText();
        }

        List<String> errorFields() {
            return ProblemBodies.fields(body);
        }

        Reply expect(int expected) {
            assertThat(status).as("status of %s", body).isEqualTo(expected);
            return this;
        }

        long version() {
            return body.get("version").asLong();
        }
    }

    Reply call(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = Invoke.http(handler, event);
        String[] route = event.getRouteKey().split(" ", 2);
        OpenApiContract.load().assertResponse(route[0], route[1], response);
        JsonNode body = response.getBody() == null || response.getBody().isEmpty() ? null : Json.parse(response.getBody(), JsonNode.class);
        return new Reply(response.getStatusCode(), response.getHeaders(), body);
    }

    // ---------------------------------------------------------------- routes

    Reply submit(Persona who, Map<String, Object> body) {
        return call(HttpEvents.from("requests-submit.json").as(who).json(body).build());
    }

    Reply submit(Persona who) {
        return call(HttpEvents.from("requests-submit.json").as(who).build());
    }

    String submitted(Persona who) {
        return submit(who).expect(201).text("/id");
    }

    Reply get(Persona who, String id) {
        return call(HttpEvents.from("requests-get.json").as(who).pathParameter("id", id).build());
    }

    Reply move(Persona who, String id, Map<String, Object> body) {
        return call(HttpEvents.from("requests-transition.json").as(who).pathParameter("id", id).json(body).build());
    }

    /** Takes {@code action} based on the request's current version. */
    Reply move(Persona who, String id, String action, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("action", action);
        body.put("version", currentVersion(id));
        return move(who, id, body);
    }

    Reply patch(Persona who, String id, Map<String, Object> body) {
        return call(HttpEvents.from("requests-patch.json").as(who).pathParameter("id", id).json(body).build());
    }

    Reply assignees(Persona who, String id) {
        return call(HttpEvents.from("requests-assignees.json").as(who).pathParameter("id", id).build());
    }

    Reply note(Persona who, String id, String text, String visibility) {
        return call(HttpEvents.from("requests-note.json").as(who).pathParameter("id", id)
                .json(Map.of("text", text, "visibility", visibility)).build());
    }

    Reply rate(Persona who, String id, Map<String, Object> body) {
        return call(HttpEvents.from("requests-rating.json").as(who).pathParameter("id", id).json(body).build());
    }

    Reply inbox(Persona who, Map<String, String> query) {
        HttpEvents events = HttpEvents.from("requests-inbox.json").as(who).clearQuery();
        query.forEach(events::query);
        return call(events.build());
    }

    Reply mine(Persona who, Map<String, String> query) {
        HttpEvents events = HttpEvents.from("requests-mine.json").as(who).clearQuery();
        query.forEach(events::query);
        return call(events.build());
    }

    Reply upload(Persona who, Map<String, Object> body) {
        return call(HttpEvents.from("uploads-photo.json").as(who).json(body).build());
    }

    /** Uploads {@code bytes} the way the mini-program does: presigned URL first, then a PUT straight to S3. */
    String uploadPhoto(Persona who, byte[] bytes, String contentType) {
        Reply presigned = upload(who, Map.of("contentType", contentType, "size", bytes.length)).expect(201);
        try (HttpClient http = HttpClient.newHttpClient()) {
            var put = HttpRequest.newBuilder(URI.create(presigned.text("/url")))
                    .header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            int status = http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status).as("PUT to the presigned URL").isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return presigned.text("/key");
    }

    long currentVersion(String id) {
        return get(Persona.staff(), id).expect(200).version();
    }

    static Map<String, Object> submitBody() {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(Json.parse(HttpEvents.fixture("requests-submit.json").getBody(), Map.class));
        return body;
    }
}
