package community.linli.residents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import community.linli.platform.http.Http;
import community.linli.platform.http.HttpApiHandler;
import community.linli.platform.http.Problem;
import community.linli.platform.store.Cursors;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.residents.ResidentStore;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * ResidentsFunction: the resident registry (居民档案), households and the people who live in them.
 *
 * <p>Grid workers (in their grids), staff and admins: {@code POST /households} creates a household
 * in a room of the directory, 201; {@code GET /households/{id}} reads it with its members;
 * {@code POST /residents} registers a resident into a household, 201, and an ID-card number the
 * community has already is 409 naming {@code idNumber} (with the holder's id only if the caller may
 * see them); {@code GET /residents} lists the residents of a grid, building, unit or room, or with
 * a tag in a grid, by cursor; {@code GET /residents/{id}} reads one with its history;
 * {@code PATCH /residents/{id}} changes one based on {@code version} (409 when stale);
 * {@code POST /residents/{id}/moves} moves one in, out, to another household or records a death;
 * {@code POST /residents/lookup} finds residents by ID number or phone (in the body, never the URL).
 * Grid workers of the resident's grid and admins: {@code POST /residents/{id}/reveal} shows the full
 * ID number and phone for a reason, and audits it. Admins: {@code GET /audit} reads the audit log;
 * {@code POST /residents/{id}/erasure} erases a resident's personal data, leaving a tombstone.
 * Onboarding ({@link Onboarding}): any signed-in account in no community, {@code POST /applications}
 * applies to join a room (201, linked at once when its verified phone is that room's resident's, else
 * pending; 409 for a second one) and {@code GET /applications/mine} shows its applications; grid
 * workers (their grids), staff and admins: {@code GET /applications?grid=} lists pending ones,
 * {@code POST /applications/{id}/approval} links the applicant to a registered resident or registers
 * one, {@code POST /applications/{id}/refusal} refuses with a reason. Linking, moving out, a death and
 * erasure write the account's community, group and grid on the AccountsTable (the link attributes only).
 * Care visits: {@code GET /care-visits/due?grid=} lists a grid's residents overdue or due within
 * {@code within} days; {@code POST /residents/{id}/visits} logs a visit, 201, and moves the due date;
 * a visit's photo comes from {@code POST /uploads} (RequestsFunction), and a concern may file a
 * request in the request loop in the same step ({@link CareVisits}).
 * {@code GET /statistics/residents} counts residents, households, tags and residence types per grid
 * and in total, for the grids the caller covers (or one {@code grid}).
 * Bulk imports ({@link Imports}), staff and admins: {@code POST /residents/imports} starts one for a
 * reason (audited), 201 with a presigned PUT for the CSV in the ImportsBucket, which
 * ResidentsImportFunction then runs; {@code GET /residents/imports/{id}} shows its status, counts,
 * and once done a link to its per-row error report.
 * Responses mask ID numbers and phones. Writes the ResidentsTable (ID numbers and phones sealed with
 * FieldKey, hashed with LookupKey), reads rooms, buildings, tags, categories and calendars from the
 * DirectoryTable, writes a concern's request (counter, request, first timeline item) on the
 * RequestsTable and checks a photo's upload record there, reads photos in the FilesBucket. 400
 * names each bad field, 401 without verified claims, 403 for another role or grid, 404 for what the
 * caller may not see.
 */
public final class ResidentsHandler implements HttpApiHandler {
    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 50;
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    static final int MAX_WITHIN = 31;
    static final int DEFAULT_WITHIN = 7;
    private final Residents residents;
    private final Onboarding onboarding;
    private final CareVisits care;
    private final Imports imports;

    public ResidentsHandler() {
        this(Aws.Settings.fromEnv(), Env.require("RESIDENTS_TABLE"), Env.require("DIRECTORY_TABLE"), Env.require("ACCOUNTS_TABLE"),
                Env.require("REQUESTS_TABLE"), Env.require("FILES_BUCKET"), Env.require("IMPORTS_BUCKET"));
    }

    private ResidentsHandler(Aws.Settings aws, String residentsTable, String directoryTable, String accountsTable, String requestsTable,
                             String filesBucket, String importsBucket) {
        this(Aws.dynamoDb(aws), residentsTable, directoryTable, accountsTable, requestsTable, FieldCrypto.fromEnv(Aws.kms(aws)),
                new FileStore(() -> Aws.s3(aws), () -> Aws.s3Presigner(aws), filesBucket, Clock.systemUTC()),
                new FileStore(() -> Aws.s3(aws), () -> Aws.s3Presigner(aws), importsBucket, Clock.systemUTC()), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    ResidentsHandler(DynamoDbClient dynamo, String residentsTable, String directoryTable, String accountsTable, String requestsTable,
                     FieldCrypto crypto, FileStore photos, FileStore imports, Clock clock) {
        ResidentStore store = new ResidentStore(dynamo, residentsTable, crypto, clock);
        DirectoryStore directory = new DirectoryStore(dynamo, directoryTable);
        AccountStore accounts = new AccountStore(dynamo, accountsTable);
        this.residents = new Residents(store, directory, accounts, clock);
        this.onboarding = new Onboarding(store, directory, accounts, clock);
        this.care = new CareVisits(store, residents, directory, new RequestStore(dynamo, requestsTable, clock), photos, clock);
        this.imports = new Imports(store, imports, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, () -> switch (event.getRouteKey()) {
            case "POST /households" -> {
                HouseholdView created = residents.createHousehold(Caller.of(event), () -> Json.read(event, CreateHouseholdBody.class));
                yield Http.created(created, "/households/" + created.id());
            }
            case "GET /households/{id}" -> Http.ok(residents.household(Caller.of(event), Http.pathParam(event, "id")));
            case "POST /residents" -> {
                ResidentView created = residents.register(Caller.of(event), () -> Json.read(event, RegisterResidentBody.class));
                yield Http.created(created, "/residents/" + created.id());
            }
            case "GET /residents" -> {
                Caller caller = Caller.of(event);
                caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN); // a resident's bad query is 403 too, not 400
                yield Http.ok(residents.list(caller, listQuery(event)));
            }
            case "GET /residents/{id}" -> Http.ok(residents.get(Caller.of(event), Http.pathParam(event, "id")));
            case "PATCH /residents/{id}" -> Http.ok(residents.patch(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, PatchResidentBody.class)));
            case "POST /residents/{id}/moves" -> Http.ok(residents.move(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, MoveBody.class)));
            case "POST /residents/imports" -> {
                ImportView created = imports.start(Caller.of(event), () -> Json.read(event, ImportBody.class));
                yield Http.created(created, "/residents/imports/" + created.id());
            }
            case "GET /residents/imports/{id}" -> Http.ok(imports.get(Caller.of(event), Http.pathParam(event, "id")));
            case "POST /residents/lookup" -> Http.ok(residents.lookup(Caller.of(event), () -> Json.read(event, LookupBody.class)));
            case "POST /residents/{id}/reveal" -> Http.ok(residents.reveal(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, ReasonBody.class)));
            case "POST /residents/{id}/erasure" -> Http.ok(residents.erase(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, ReasonBody.class)));
            case "POST /applications" -> {
                ApplicationView applied = onboarding.apply(Caller.subject(event), () -> Json.read(event, ApplyBody.class));
                yield Http.created(applied, "/applications/mine");
            }
            case "GET /applications/mine" -> Http.ok(onboarding.mine(Caller.subject(event)));
            case "GET /applications" -> {
                Caller caller = Caller.of(event);
                caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
                Check check = Check.of();
                var params = Http.query(event, check, Set.of("grid", "limit", "cursor"));
                int limit = Http.intParam(check, params, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
                check.required("grid", params.get("grid")).matches("grid", params.get("grid"), Residents.ID);
                Cursors.check(check, params.get("cursor"));
                check.done();
                yield Http.ok(onboarding.pending(caller, params.get("grid"), limit, params.get("cursor")));
            }
            case "POST /applications/{id}/approval" -> Http.ok(onboarding.approve(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, ApprovalBody.class)));
            case "POST /applications/{id}/refusal" -> Http.ok(onboarding.refuse(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, RefusalBody.class)));
            case "POST /residents/{id}/visits" -> {
                VisitView visit = care.visit(Caller.of(event), Http.pathParam(event, "id"), () -> Json.read(event, VisitBody.class));
                yield Http.created(visit, "/residents/" + visit.residentId() + "/visits/" + visit.id());
            }
            case "GET /care-visits/due" -> {
                Caller caller = Caller.of(event);
                caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
                Check check = Check.of();
                var params = Http.query(event, check, Set.of("grid", "within", "limit", "cursor"));
                int limit = Http.intParam(check, params, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
                int within = Http.intParam(check, params, "within", 0, MAX_WITHIN, DEFAULT_WITHIN);
                check.required("grid", params.get("grid")).matches("grid", params.get("grid"), Residents.ID);
                Cursors.check(check, params.get("cursor"));
                check.done();
                yield Http.ok(care.due(caller, params.get("grid"), within, limit, params.get("cursor")));
            }
            case "GET /statistics/residents" -> {
                Caller caller = Caller.of(event);
                caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
                Check check = Check.of();
                var params = Http.query(event, check, Set.of("grid"));
                check.matches("grid", params.get("grid"), Residents.ID).done();
                yield Http.ok(residents.statistics(caller, params.get("grid")));
            }
            case "GET /audit" -> {
                Caller caller = Caller.of(event);
                caller.require(Role.ADMIN);
                Check check = Check.of();
                var params = Http.query(event, check, Set.of("month", "limit", "cursor"));
                int limit = Http.intParam(check, params, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
                YearMonth month = month(check, params.get("month"));
                Cursors.check(check, params.get("cursor"));
                check.done();
                yield Http.ok(residents.audits(caller, month, limit, params.get("cursor")));
            }
            default -> throw Problem.notFound();
        });
    }

    /** The parameters of {@code GET /residents}: a grid or a building; a unit only with a building, a room only with a unit; a tag only with a grid alone. */
    private static Residents.ListQuery listQuery(APIGatewayV2HTTPEvent event) {
        Check check = Check.of();
        var params = Http.query(event, check, Set.of("grid", "building", "unit", "room", "tag", "limit", "cursor"));
        int limit = Http.intParam(check, params, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        String grid = params.get("grid");
        String building = params.get("building");
        String unit = params.get("unit");
        String room = params.get("room");
        String tag = params.get("tag");
        check.matches("grid", grid, Residents.ID).matches("building", building, Residents.ID).matches("unit", unit, Residents.ID)
                .matches("room", room, Residents.ID).matches("tag", tag, Residents.TAG);
        if (grid == null && building == null) check.add("grid", "exactly_one", Map.of("fields", "grid, building"));
        if (unit != null && building == null) check.add("unit", "requires", Map.of("field", "building"));
        if (room != null && unit == null) check.add("room", "requires", Map.of("field", "unit"));
        if (tag != null && building != null) check.add("tag", "not_applicable");
        Cursors.check(check, params.get("cursor"));
        check.done();
        return new Residents.ListQuery(grid, building, unit, room, tag, limit, params.get("cursor"));
    }

    private static YearMonth month(Check check, String raw) {
        if (raw == null) return null;
        try {
            if (MONTH.matcher(raw).matches()) return YearMonth.parse(raw);
        } catch (DateTimeParseException ignored) {
            // reported below like any other malformed month
        }
        check.add("month", "pattern");
        return null;
    }

    /**
     * Loads the code paths of a first registration and a first list, without writing anything and
     * without calling KMS, so no data key or lookup key is in the snapshot: a registration into a
     * household of the community "priming", which has none, is read, checked and refused after one
     * GetItem; the list of that community's grid G01 is one Query and a rendered (empty) page.
     */
    private void prime() {
        var refused = Priming.invoke(this, Priming.httpEvent("POST /residents", Role.GRID_WORKER, Map.of(
                "householdId", "hh-priming", "name", "priming", "idNumber", "11010519491231002X", "phone", "13800000000",
                "relation", "head", "residenceType", "permanent")));
        ObjectNode list = (ObjectNode) Json.MAPPER.valueToTree(Json.parse(Priming.httpEvent("GET /residents", Role.STAFF, null), Map.class));
        list.put("rawQueryString", "grid=G01").putObject("queryStringParameters").put("grid", "G01");
        var listed = Priming.invoke(this, Json.write(list));
        Log.info("snapstart.primed_residents_paths", "registerStatus", refused.path("statusCode").asInt(),
                "listStatus", listed.path("statusCode").asInt());
    }
}
