package community.linli.staff;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.auth.Caller;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.Http;
import community.linli.platform.http.HttpApiHandler;
import community.linli.platform.http.Problem;
import community.linli.platform.store.Cursors;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.staff.StaffStore;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * StaffFunction: the staff registry, who works for the community in which role and grids.
 *
 * <p>{@code POST /staff} (admins) registers a staff member, grid worker or admin by name, mainland
 * mobile, role and grids (grid workers only, each a grid of the community), 201; a phone already
 * registered in the community is 409 naming {@code phone}, even for two registrations at once.
 * {@code GET /staff} (staff, admins) lists the community's registry by cursor, 200;
 * {@code GET /staff/{id}} reads one, 200. {@code PATCH /staff/{id}} (admins) changes name, phone,
 * role, grids or {@code status} (deactivation; nothing is ever deleted) based on {@code version},
 * 200, or 409 when it is stale. Phones are shown in full to admins only, masked to staff. Writes
 * the StaffTable (member and phone claim, phones sealed with FieldKey, hashed with LookupKey),
 * reads grids from the DirectoryTable. {@code GET} and {@code PUT /me/alert-preferences} (staff,
 * admins, grid workers linked to an active member: {@code staff_id}) read and replace the caller's
 * own alert preferences, kept on their member item ({@link MyAlerts}), 200. 400 names each bad
 * field, 401 without verified claims, 403 for another role, 404 for a member the caller's
 * community does not have.
 *
 * <p>{@code GET /duty} (staff, admins) reads the community's head and weekly duty roster with who is
 * on duty now, 200; {@code PUT /duty} (admins) replaces them whole based on {@code version} (0 for
 * the first), 200, 409 when stale, 400 {@code not_an_admin} for a head who is not an active admin
 * and {@code unknown_staff} for a roster id that is not an active member. {@code PUT} and
 * {@code DELETE /duty/dates/{date}} (admins) set and clear one date's own roster (a holiday's),
 * which replaces the weekly roster on that date, 200 and 204; the date from today (Asia/Shanghai)
 * to a year ahead, else 400 naming {@code date}. The alerts read them: on-duty staff are level 2 of
 * an escalation, the head level 3.
 */
public final class StaffHandler implements HttpApiHandler {
    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 50;

    private final Staff staff;
    private final MyAlerts myAlerts;

    public StaffHandler() {
        this(Aws.Settings.fromEnv(), Env.require("STAFF_TABLE"), Env.require("DIRECTORY_TABLE"));
    }

    private StaffHandler(Aws.Settings aws, String staffTable, String directoryTable) {
        this(Aws.dynamoDb(aws), staffTable, directoryTable, FieldCrypto.fromEnv(Aws.kms(aws)), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    StaffHandler(DynamoDbClient dynamo, String staffTable, String directoryTable, FieldCrypto crypto, Clock clock) {
        StaffStore store = new StaffStore(dynamo, staffTable, crypto, clock);
        this.staff = new Staff(store, new DirectoryStore(dynamo, directoryTable), clock);
        this.myAlerts = new MyAlerts(store);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, () -> switch (event.getRouteKey()) {
            case "POST /staff" -> {
                StaffView created = staff.register(Caller.of(event), () -> Json.read(event, RegisterStaffBody.class));
                yield Http.created(created, "/staff/" + created.id());
            }
            case "GET /staff" -> {
                Caller caller = Caller.of(event);
                Cursors.ListQuery page = Cursors.listQuery(event, MAX_PAGE, DEFAULT_PAGE);
                yield Http.ok(staff.list(caller, page.limit(), page.cursor()));
            }
            case "GET /staff/{id}" -> Http.ok(staff.get(Caller.of(event), Http.pathParam(event, "id")));
            case "PATCH /staff/{id}" -> Http.ok(staff.patch(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, PatchStaffBody.class)));
            case "GET /duty" -> Http.ok(staff.duty(Caller.of(event)));
            case "PUT /duty" -> Http.ok(staff.putDuty(Caller.of(event), () -> Json.read(event, PutDutyBody.class)));
            case "PUT /duty/dates/{date}" -> Http.ok(staff.putDutyDate(Caller.of(event), Http.pathParam(event, "date"),
                    () -> Json.read(event, PutDutyDateBody.class)));
            case "DELETE /duty/dates/{date}" -> {
                staff.deleteDutyDate(Caller.of(event), Http.pathParam(event, "date"));
                yield Http.noContent();
            }
            case "GET /me/alert-preferences" -> Http.ok(myAlerts.get(Caller.of(event)));
            case "PUT /me/alert-preferences" -> Http.ok(myAlerts.put(Caller.of(event), () -> Json.read(event, AlertPreferencesBody.class)));
            default -> throw Problem.notFound();
        });
    }

    /**
     * Loads the code paths of a first registration and a first list, without writing anything and
     * without calling KMS, so no data key is in the snapshot: a registration of a grid worker in the
     * community "priming", which has no grids, is read, checked and refused after the directory
     * Query; the list of that community's (empty) registry is one Query and a rendered page.
     */
    private void prime() {
        var refused = handleRequest(primingEvent("POST /staff", "admins",
                "{\"name\":\"priming\",\"phone\":\"13800000000\",\"role\":\"grid_worker\",\"gridIds\":[\"G0\"]}"), null);
        var listed = handleRequest(primingEvent("GET /staff", "staff", null), null);
        Log.info("snapstart.primed_staff_paths", "registerStatus", refused.getStatusCode(), "listStatus", listed.getStatusCode());
    }

    private static APIGatewayV2HTTPEvent primingEvent(String routeKey, String group, String body) {
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(
                Map.of("sub", "priming", "community_id", "priming", "groups", "[" + group + "]"), null);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("priming");
        context.setAuthorizer(new APIGatewayV2HTTPEvent.RequestContext.Authorizer(jwt, null, null));
        var event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(body);
        event.setRequestContext(context);
        return event;
    }
}
