package community.linli.requests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.tables.directory.DirectoryStore;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import community.linli.platform.store.Cursors;
import community.linli.platform.http.Http;
import community.linli.platform.http.HttpApiHandler;
import community.linli.platform.http.Problem;
import community.linli.tables.requests.Lifecycle;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.Status;
import community.linli.tables.staff.StaffStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * RequestsFunction: the request loop (诉求) from the QR code to a rated resolution.
 *
 * <p>Residents: {@code POST /requests} (with an optional {@code Idempotency-Key}), {@code GET
 * /me/requests}, {@code GET /requests/{id}}, {@code POST /requests/{id}/transitions} (confirm,
 * reopen), {@code POST /requests/{id}/rating}, {@code POST /uploads} (a presigned photo PUT). Staff
 * and admins: the whole community's inbox {@code GET /requests}, triage {@code PATCH
 * /requests/{id}}, every transition (an assignment to a member of the staff registry, checked
 * there), whom a request may be assigned to {@code GET /requests/{id}/assignees}, replies and
 * internal notes {@code POST /requests/{id}/notes};
 * grid workers the same within their grids and assignments, without triage; staff also the
 * unplaced queue ({@code ?unplaced=true}). Writes the RequestsTable (request, timeline, counter,
 * idempotency and upload records), reads the DirectoryTable, the StaffTable's members (never their
 * phones) and the FilesBucket. Answers 200/201, 400 naming each bad field, 401,
 * 403 for a role that may not act, 404 for what the caller may not see, 409 for a stale version
 * or a move the state does not allow, 413, 415, 422 for an emergency or a reused idempotency key.
 *
 * <p>Each route authorizes once, before it reads a body: the collection routes by the caller's
 * groups, the routes on one request through {@link Requests#authorize} (groups, then visibility:
 * 404, then who may act: 403).
 */
public final class RequestsHandler implements HttpApiHandler {
    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 20;

    /** A submit from the priming community, which has no directory: refused for its category and building. */
    private static final Map<String, Object> PRIMING_SUBMIT = Map.of("category", "priming", "description", "priming",
            "location", Map.of("buildingId", "B0"), "answers", Map.of("_priming", "priming"));

    private final Requests requests;
    private final FileStore files;

    public RequestsHandler() {
        this(Aws.Settings.fromEnv(), Env.require("REQUESTS_TABLE"), Env.require("DIRECTORY_TABLE"), Env.require("STAFF_TABLE"),
                Env.require("FILES_BUCKET"), Clock.systemUTC());
    }

    private RequestsHandler(Aws.Settings aws, String requestsTable, String directoryTable, String staffTable, String bucket, Clock clock) {
        this(Aws.dynamoDb(aws), requestsTable, directoryTable, staffTable,
                new FileStore(() -> Aws.s3(aws), () -> Aws.s3Presigner(aws), bucket, clock),
                FieldCrypto.fromEnv(() -> Aws.kms(aws)), clock);
        Priming.beforeSnapshot(this::prime);
    }

    RequestsHandler(DynamoDbClient dynamo, String requestsTable, String directoryTable, String staffTable, FileStore files,
                    FieldCrypto crypto, Clock clock) {
        this.requests = new Requests(new RequestStore(dynamo, requestsTable, clock),
                new DirectoryStore(dynamo, directoryTable), StaffStore.reader(dynamo, staffTable), files, crypto, clock);
        this.files = files;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, () -> switch (event.getRouteKey()) {
            case "POST /requests" -> submit(event);
            case "GET /requests" -> {
                Caller caller = Caller.of(event).require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
                yield Http.ok(requests.inbox(caller, inboxFilter(event)));
            }
            case "GET /me/requests" -> {
                Caller caller = Caller.of(event).requireMember();
                Cursors.ListQuery page = Cursors.listQuery(event, MAX_PAGE, DEFAULT_PAGE);
                yield Http.ok(requests.listMine(caller, page.limit(), page.cursor()));
            }
            case "GET /requests/{id}" -> Http.ok(requests.get(target(event, List.of())));
            case "PATCH /requests/{id}" -> {
                var target = target(event, List.of(Lifecycle.Action.EDIT));
                yield Http.ok(requests.patch(target, Json.read(event, PatchRequestBody.class)));
            }
            case "POST /requests/{id}/transitions" -> {
                var target = target(event, Lifecycle.Action.TRANSITIONS);
                yield Http.ok(requests.transition(target, Json.read(event, TransitionBody.class)));
            }
            case "GET /requests/{id}/assignees" -> Http.ok(requests.assignees(target(event, List.of(Lifecycle.Action.ASSIGN))));
            case "POST /requests/{id}/notes" -> {
                var target = target(event, List.of(Lifecycle.Action.NOTE));
                yield Http.created(requests.note(target, Json.read(event, NoteBody.class)), "/requests/" + target.request().id());
            }
            case "POST /requests/{id}/rating" -> {
                var target = target(event, List.of(Lifecycle.Action.RATE));
                yield Http.ok(requests.rate(target, Json.read(event, RatingBody.class)));
            }
            case "POST /uploads" -> {
                Caller caller = Caller.of(event).requireMember();
                yield Http.created(requests.upload(caller, Json.read(event, UploadBody.class)), null);
            }
            default -> throw Problem.notFound();
        });
    }

    /** The request a route names, once the caller may take one of {@code actions} on it: see {@link Requests#authorize}. */
    private Requests.Target target(APIGatewayV2HTTPEvent event, Collection<Lifecycle.Action> actions) {
        return requests.authorize(Caller.of(event), Http.pathParam(event, "id"), actions);
    }

    private Http.Response submit(APIGatewayV2HTTPEvent event) {
        Caller caller = Caller.of(event).requireMember();
        Optional<String> key = Http.header(event, "Idempotency-Key");
        if (key.isPresent() && !Requests.IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw Problem.invalid("Idempotency-Key", "idempotency_key");
        }
        var submitted = requests.submit(caller, Json.read(event, SubmitRequestBody.class), key);
        var response = Http.created(submitted.view(), "/requests/" + submitted.view().id());
        return submitted.replayed() ? Http.withHeader(response, "Idempotent-Replayed", "true") : response;
    }

    static Requests.InboxFilter inboxFilter(APIGatewayV2HTTPEvent event) {
        Check check = Check.of();
        var params = Http.query(event, check, Set.of("grid", "unplaced", "assignee", "status", "category", "overdue", "limit", "cursor"));
        int limit = Http.intParam(check, params, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        Cursors.check(check, params.get("cursor"));
        check.matches("grid", params.get("grid"), LocationBody.ID)
                .oneOf("unplaced", params.get("unplaced"), List.of("true", "false"))
                .matches("assignee", params.get("assignee"), Assignees.STAFF_ID)
                .matches("category", params.get("category"), SubmitRequestBody.CODE)
                .oneOf("overdue", params.get("overdue"), List.of("true", "false"));
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        String rawStatus = params.get("status");
        if (rawStatus != null) {
            List<String> known = Arrays.stream(Status.values()).map(Status::wire).toList();
            for (String s : rawStatus.split(",")) {
                check.oneOf("status", s.trim(), known);
                if (known.contains(s.trim())) statuses.add(Status.ofWire(s.trim()));
            }
        }
        boolean overdue = "true".equals(params.get("overdue"));
        boolean unplaced = "true".equals(params.get("unplaced"));
        if (unplaced && (params.get("grid") != null || params.get("assignee") != null)) check.add("unplaced", "unplaced_alone");
        boolean anyOpen = statuses.stream().anyMatch(Status::open);
        boolean anyDone = statuses.stream().anyMatch(s -> !s.open());
        if ((anyOpen && anyDone) || (overdue && anyDone)) check.add("status", "mixed_phases");
        check.done();
        return new Requests.InboxFilter(params.get("grid"), unplaced, params.get("assignee"), statuses, params.get("category"),
                overdue, limit, params.get("cursor"));
    }

    /**
     * Loads the code paths a first submit takes, without writing anything, so that under SnapStart
     * they are in the snapshot: the S3 clients; a submit to a community that does not exist, sent
     * through the stream entry point as Lambda sends it, which is read, hashed and looked up in the
     * directory (BatchGetItem) before it is refused as an unknown category and rendered as a problem; the request view's serializers; and a read of a
     * request that does not exist (the timeline Query). What stays for the first real submit is the
     * day's counter (UpdateItem) and the transaction that writes the request.
     */
    private void prime() {
        files.prime();
        var refused = Priming.invoke(this, Priming.httpEvent("POST /requests", Role.RESIDENT, PRIMING_SUBMIT));
        Json.MAPPER.writerFor(Views.RequestView.class);
        var caller = new Caller("priming", Priming.COMMUNITY, Set.of(Role.STAFF), Set.of());
        try {
            requests.authorize(caller, "000000-0000", List.of());
        } catch (Problem expected) {
            Log.info("snapstart.primed_request_path", "submitStatus", refused.path("statusCode").asInt());
        }
        Json.write(Map.of("primed", true));
    }
}
