package community.linli.directory;

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
import community.linli.tables.requests.RequestStore;
import community.linli.tables.staff.StaffStore;
import community.linli.platform.http.Check;
import java.time.Clock;
import community.linli.platform.http.Http;
import community.linli.platform.http.HttpApiHandler;
import community.linli.platform.http.Problem;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DirectoryFunction: the community's request categories, working calendar, places (grids,
 * buildings, units, rooms, the CSV import) and building QR codes.
 *
 * <p>{@code GET /categories}: any grouped caller reads the community's categories (residents and
 * grid workers the enabled ones; staff and admins all, with {@code enabled}), 200.
 * {@code PUT /categories/{code}}: admins create (version 0, 201) or replace (the version read, 200)
 * a category with one conditional PutItem on the DirectoryTable; another version is 409.
 * {@code GET /calendar/{year}} (staff, admins) reads a year's working calendar, the Monday-to-Friday
 * default when none is stored; {@code PUT /calendar/{year}} (admins) replaces it, 200.
 * {@code GET /quiet-hours} (staff, admins, grid workers) reads the community's quiet hours, 22:00 to
 * 07:00 when none are stored; {@code PUT /quiet-hours} (admins) sets them, 200 (AlertsFunction holds
 * non-urgent alerts in them for the morning digest).
 * {@code GET /qr/buildings/{buildingId}}: staff, admins and the grid workers of the building's grid
 * get its QR code as a PNG, 200; an unknown building is 404.
 * {@code GET /grids} (staff, admins; a grid worker their grids) lists grids with the grid workers the
 * StaffTable names for each; {@code PUT /grids/{gridId}} (staff, admins) creates (201) or renames
 * (200) one. {@code GET /buildings[?gridId]}, {@code GET /buildings/{buildingId}} and its
 * {@code /units} and {@code /rooms[?unitId]} are read by staff, admins and the grid workers of the
 * building's grid (another grid's: 403); {@code PUT /buildings/{buildingId}} (staff, admins) creates
 * or replaces a building on its version (409 with the stored one when stale) and, when its grid
 * changes, moves its open requests on the RequestsTable to the new grid's inbox ({@link Places});
 * {@code PUT /buildings/{buildingId}/units/{unitId}} and {@code .../rooms/{roomId}} create (201) or
 * rename (200). {@code POST /places/import} (staff, admins) imports a {@code text/csv} of rooms, all
 * or nothing ({@link PlacesImport}), 200. Every route is 401 without verified
 * claims, 403 for the wrong group, 400 naming each invalid field; nothing crosses communities.
 */
public final class DirectoryHandler implements HttpApiHandler {
    private static final String PRIMING_BODY = """
            {"name":"priming","slaHours":1,"questions":[{"id":"q","label":"q","type":"single_choice","options":["a","b"]}],
             "emergency":{"message":"m","phone":"119"},"version":0}""";

    private static final Set<String> BUILDING_QUERY = Set.of("gridId");
    private static final Set<String> ROOM_QUERY = Set.of("unitId");

    private final Directory directory;
    private final Places places;
    private final BuildingQr qr;

    public DirectoryHandler() {
        this(Aws.dynamoDb(), Env.require("DIRECTORY_TABLE"), Env.require("STAFF_TABLE"), Env.require("REQUESTS_TABLE"),
                Env.require("QR_BASE_URL"), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    DirectoryHandler(DynamoDbClient dynamo, String directoryTable, String staffTable, String requestsTable, String qrBaseUrl,
                     Clock clock) {
        this.qr = new BuildingQr(qrBaseUrl);
        DirectoryStore store = new DirectoryStore(dynamo, directoryTable);
        this.directory = new Directory(store, qr);
        this.places = new Places(store, StaffStore.reader(dynamo, staffTable), new RequestStore(dynamo, requestsTable, clock), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, () -> switch (event.getRouteKey()) {
            case "GET /categories" -> Http.ok(directory.categories(Caller.of(event)));
            case "PUT /categories/{code}" -> {
                String code = Http.pathParam(event, "code");
                var saved = directory.putCategory(Caller.of(event), code, () -> Json.read(event, PutCategoryBody.class));
                yield saved.created() ? Http.created(saved.category(), "/categories/" + code) : Http.ok(saved.category());
            }
            case "GET /calendar/{year}" -> Http.ok(directory.calendar(Caller.of(event), Http.pathParam(event, "year")));
            case "PUT /calendar/{year}" -> Http.ok(directory.putCalendar(Caller.of(event), Http.pathParam(event, "year"),
                    () -> Json.read(event, PutCalendarBody.class)));
            case "GET /quiet-hours" -> Http.ok(directory.quietHours(Caller.of(event)));
            case "PUT /quiet-hours" -> Http.ok(directory.putQuietHours(Caller.of(event), () -> Json.read(event, PutQuietHoursBody.class)));
            case "GET /qr/buildings/{buildingId}" -> {
                var image = directory.qr(Caller.of(event), Http.pathParam(event, "buildingId"),
                        () -> QrOptions.from(event.getQueryStringParameters()));
                yield Http.binary(image.png(), "image/png",
                        Map.of("Content-Disposition", "inline; filename=\"" + image.filename() + "\""));
            }
            case "GET /grids" -> Http.ok(places.grids(Caller.of(event)));
            case "PUT /grids/{gridId}" -> {
                String id = Http.pathParam(event, "gridId");
                var saved = places.putGrid(Caller.of(event), id, () -> Json.read(event, PutGridBody.class));
                yield saved.created() ? Http.created(saved.view(), "/grids/" + id) : Http.ok(saved.view());
            }
            case "GET /buildings" -> {
                Check check = Check.of();
                yield Http.ok(places.buildings(Caller.of(event), Http.query(event, check, BUILDING_QUERY), check));
            }
            case "GET /buildings/{buildingId}" -> Http.ok(places.building(Caller.of(event), Http.pathParam(event, "buildingId")));
            case "PUT /buildings/{buildingId}" -> {
                String id = Http.pathParam(event, "buildingId");
                var saved = places.putBuilding(Caller.of(event), id, () -> Json.read(event, PutBuildingBody.class));
                yield saved.created() ? Http.created(saved.view(), "/buildings/" + id) : Http.ok(saved.view());
            }
            case "GET /buildings/{buildingId}/units" -> Http.ok(places.units(Caller.of(event), Http.pathParam(event, "buildingId")));
            case "PUT /buildings/{buildingId}/units/{unitId}" -> {
                String building = Http.pathParam(event, "buildingId");
                String unit = Http.pathParam(event, "unitId");
                var saved = places.putUnit(Caller.of(event), building, unit, () -> Json.read(event, PlaceNameBody.class));
                yield saved.created() ? Http.created(saved.view(), "/buildings/" + building + "/units/" + unit) : Http.ok(saved.view());
            }
            case "GET /buildings/{buildingId}/rooms" -> {
                Check check = Check.of();
                yield Http.ok(places.rooms(Caller.of(event), Http.pathParam(event, "buildingId"),
                        Http.query(event, check, ROOM_QUERY), check));
            }
            case "PUT /buildings/{buildingId}/units/{unitId}/rooms/{roomId}" -> {
                String building = Http.pathParam(event, "buildingId");
                String unit = Http.pathParam(event, "unitId");
                String room = Http.pathParam(event, "roomId");
                var saved = places.putRoom(Caller.of(event), building, unit, room, () -> Json.read(event, PlaceNameBody.class));
                yield saved.created()
                        ? Http.created(saved.view(), "/buildings/" + building + "/units/" + unit + "/rooms/" + room)
                        : Http.ok(saved.view());
            }
            case "POST /places/import" -> Http.ok(places.importCsv(Caller.of(event),
                    () -> Http.body(event, "text/csv", PlacesImport.MAX_BYTES)));
            default -> throw Problem.notFound();
        });
    }

    /**
     * Loads the JSON, DynamoDB, ZXing and Deflater code paths a first request takes, without writing
     * anything: the categories of the priming community, which has none, through the stream entry
     * point as Lambda sends them; a category body; a default calendar; a QR code.
     */
    private void prime() {
        var staff = new Caller("priming", Priming.COMMUNITY, Set.of(Role.STAFF), Set.of());
        var listed = Priming.invoke(this, Priming.httpEvent("GET /categories", Role.STAFF, null));
        Log.info("snapstart.primed_directory", "categoriesStatus", listed.path("statusCode").asInt());
        Json.parse(PRIMING_BODY, PutCategoryBody.class);
        directory.calendar(staff, "2026");
        qr.png(qr.url("priming", "B0", "1", "101"), BuildingQr.DEFAULT_SIZE);
    }
}
