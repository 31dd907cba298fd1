package community.linli.directory;

import community.linli.directory.PlaceViews.BuildingList;
import community.linli.directory.PlaceViews.BuildingView;
import community.linli.directory.PlaceViews.GridList;
import community.linli.directory.PlaceViews.GridView;
import community.linli.directory.PlaceViews.RoomList;
import community.linli.directory.PlaceViews.RoomView;
import community.linli.directory.PlaceViews.UnitList;
import community.linli.directory.PlaceViews.UnitView;
import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Check;
import community.linli.platform.http.Problem;
import community.linli.platform.http.StaleVersionException;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Grid;
import community.linli.tables.directory.Room;
import community.linli.tables.directory.Unit;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.TimelineEvent;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the place routes do: grids, buildings, units and rooms. Staff and admins write; a grid
 * worker reads the places of their grids (another grid's building is 403, as its QR code is);
 * residents nothing. As in {@link Directory}, the caller is checked before the input is read.
 *
 * <p>Moving a building to another grid moves its open requests to that grid's inbox. The building
 * is written first, with the grid it left as {@code previousGridId}; then each open request filed
 * at it in that grid is moved by a conditional update (its version and inbox unchanged since it
 * was read) with a {@code grid_changed} timeline item; last, the mark is cleared. Should it stop
 * halfway, the same PUT again (a replay: the version it names is one below the stored one, and the
 * fields equal) finishes the job, and so does any later change of the building, which finishes a
 * pending move before it writes.
 */
final class Places {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** How often one request is tried again when it changes while it is being moved. */
    static final int MOVE_ATTEMPTS = 5;

    private final DirectoryStore store;
    private final StaffStore staff;
    private final RequestStore requests;
    private final Clock clock;

    Places(DirectoryStore store, StaffStore staff, RequestStore requests, Clock clock) {
        this.store = store;
        this.staff = staff;
        this.requests = requests;
        this.clock = clock;
    }

    record Saved<T>(T view, boolean created) {}

    // ---------------------------------------------------------------- grids

    GridList grids(Caller caller) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        List<StaffMember> registry = registry(caller.communityId());
        return new GridList(store.grids(caller.communityId()).stream()
                .filter(g -> caller.coversGrid(g.id()))
                .map(g -> GridView.of(g, registry))
                .toList());
    }

    Saved<GridView> putGrid(Caller caller, String gridId, Supplier<PutGridBody> input) {
        caller.require(Role.STAFF, Role.ADMIN);
        PutGridBody body = Directory.read(Check.of().matches("gridId", gridId, ID), input);
        Grid grid = new Grid(gridId, body.name());
        boolean created = store.saveGrid(caller.communityId(), grid);
        Log.info("grid.saved", "communityId", caller.communityId(), "gridId", gridId, "created", created);
        return new Saved<>(GridView.of(grid, registry(caller.communityId())), created);
    }

    /** The community's staff registry, every page: a community has tens of members, one page. */
    private List<StaffMember> registry(String communityId) {
        List<StaffMember> members = new ArrayList<>();
        String cursor = null;
        do {
            var page = staff.list(communityId, 100, cursor);
            members.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return members;
    }

    // ---------------------------------------------------------------- buildings

    /**
     * The buildings of the community, or of {@code gridId}; a grid worker's of their grids only
     * (another grid is 403, as in the inbox).
     */
    BuildingList buildings(Caller caller, Map<String, String> query, Check check) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        String gridId = query.get("gridId");
        check.matches("gridId", gridId, ID).done();
        if (gridId != null && !caller.coversGrid(gridId)) throw Problem.forbidden("grid_not_covered");
        return new BuildingList(store.buildings(caller.communityId()).stream()
                .filter(b -> gridId == null ? caller.coversGrid(b.gridId()) : gridId.equals(b.gridId()))
                .map(BuildingView::of)
                .toList());
    }

    BuildingView building(Caller caller, String buildingId) {
        return BuildingView.of(readable(caller, buildingId));
    }

    Saved<BuildingView> putBuilding(Caller caller, String buildingId, Supplier<PutBuildingBody> input) {
        caller.require(Role.STAFF, Role.ADMIN);
        PutBuildingBody body = Directory.read(Check.of().matches("buildingId", buildingId, ID), input);
        String communityId = caller.communityId();
        var found = store.buildingAndGrid(communityId, buildingId, body.gridId());
        if (found.grid().isEmpty()) throw Problem.invalid("gridId", "unknown_grid");
        Optional<Building> stored = found.building();
        Building wanted = new Building(buildingId, body.gridId(), body.name(), body.latitude(), body.longitude());
        if (stored.isPresent() && isReplay(stored.get(), wanted, body.version())) {
            Building building = finishMove(caller, stored.get());
            return new Saved<>(BuildingView.of(building), body.version() == 0);
        }
        long storedVersion = stored.map(Building::version).orElse(0L);
        if (storedVersion != body.version()) {
            // Refused before anything is written, a pending move of the building included.
            Log.info("building.version_conflict", "communityId", communityId, "buildingId", buildingId,
                    "sent", body.version(), "current", storedVersion);
            throw new StaleVersionException(storedVersion);
        }
        Building current = stored.map(b -> finishMove(caller, b)).orElse(null);
        boolean moving = current != null && !current.gridId().equals(wanted.gridId());
        Building saved;
        try {
            saved = store.saveBuilding(communityId, wanted.withPreviousGrid(moving ? current.gridId() : null), body.version());
        } catch (StaleVersionException stale) {
            Log.info("building.version_conflict", "communityId", communityId, "buildingId", buildingId,
                    "sent", body.version(), "current", stale.currentVersion());
            throw stale;
        }
        Log.info("building.saved", "communityId", communityId, "buildingId", buildingId, "version", saved.version(),
                "gridId", saved.gridId(), "moved", moving);
        if (moving) saved = finishMove(caller, saved);
        return new Saved<>(BuildingView.of(saved), body.version() == 0);
    }

    /** The same PUT again after it was applied: the stored building is what it asked for, one version on. */
    private static boolean isReplay(Building stored, Building wanted, long sentVersion) {
        return stored.version() == sentVersion + 1
                && stored.gridId().equals(wanted.gridId())
                && stored.name().equals(wanted.name())
                && Objects.equals(stored.latitude(), wanted.latitude())
                && Objects.equals(stored.longitude(), wanted.longitude());
    }

    /**
     * Moves the open requests still in the building's previous grid to its grid, then clears the
     * mark (a PutItem over the same version, so a change meanwhile keeps its own mark). Returns the
     * building as stored after.
     */
    private Building finishMove(Caller caller, Building building) {
        String from = building.previousGridId();
        if (from == null) return building;
        String communityId = caller.communityId();
        int moved = 0;
        for (ResidentRequest request : requests.openInGridAtBuilding(communityId, from, building.id())) {
            if (move(caller, request, building.gridId())) moved++;
        }
        Building cleared = building.withPreviousGrid(null);
        try {
            store.clearPreviousGrid(communityId, building);
        } catch (StaleVersionException changed) {
            Log.info("building.move_mark_kept", "communityId", communityId, "buildingId", building.id());
        }
        Log.info("building.requests_moved", "communityId", communityId, "buildingId", building.id(),
                "fromGrid", from, "toGrid", building.gridId(), "moved", moved);
        return cleared;
    }

    /** One request into {@code toGrid}'s inbox; a request changed meanwhile is read back from the failed write and tried again. */
    private boolean move(Caller caller, ResidentRequest request, String toGrid) {
        ResidentRequest current = request;
        for (int attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
            TimelineEvent event = TimelineEvent.of(EventKind.GRID_CHANGED, caller.sub(), actorRole(caller), clock.instant(),
                    current.status()).withReason("楼栋 " + buildingOf(current) + " 从网格 " + current.gridId() + " 调整到 " + toGrid)
                    .asInternal();
            var outcome = requests.moveToGrid(current, toGrid, event);
            switch (outcome) {
                case RequestStore.Move.Moved moved -> { return true; }
                case RequestStore.Move.Gone gone -> { return false; }
                case RequestStore.Move.Changed changed -> current = changed.current();
            }
        }
        throw Problem.unavailable("move_unfinished", 1);
    }

    private static String buildingOf(ResidentRequest request) {
        return request.location() == null ? "" : request.location().buildingId();
    }

    private static String actorRole(Caller caller) {
        return caller.is(Role.ADMIN) ? "admin" : "staff";
    }

    // ---------------------------------------------------------------- units and rooms

    UnitList units(Caller caller, String buildingId) {
        Building building = readable(caller, buildingId);
        return new UnitList(store.units(caller.communityId(), building.id()).stream().map(UnitView::of).toList());
    }

    Saved<UnitView> putUnit(Caller caller, String buildingId, String unitId, Supplier<PlaceNameBody> input) {
        caller.require(Role.STAFF, Role.ADMIN);
        PlaceNameBody body = Directory.read(Check.of().matches("buildingId", buildingId, ID).matches("unitId", unitId, ID), input);
        store.building(caller.communityId(), buildingId).orElseThrow(Problem::notFound);
        Unit unit = new Unit(buildingId, unitId, body.name());
        boolean created = store.saveUnit(caller.communityId(), unit);
        Log.info("unit.saved", "communityId", caller.communityId(), "buildingId", buildingId, "unitId", unitId, "created", created);
        return new Saved<>(UnitView.of(unit), created);
    }

    RoomList rooms(Caller caller, String buildingId, Map<String, String> query, Check check) {
        Building building = readable(caller, buildingId);
        String unitId = query.get("unitId");
        check.matches("unitId", unitId, ID).done();
        return new RoomList(store.rooms(caller.communityId(), building.id(), unitId).stream().map(RoomView::of).toList());
    }

    Saved<RoomView> putRoom(Caller caller, String buildingId, String unitId, String roomId, Supplier<PlaceNameBody> input) {
        caller.require(Role.STAFF, Role.ADMIN);
        PlaceNameBody body = Directory.read(Check.of().matches("buildingId", buildingId, ID).matches("unitId", unitId, ID)
                .matches("roomId", roomId, ID), input);
        store.unit(caller.communityId(), buildingId, unitId).orElseThrow(Problem::notFound);
        Room room = new Room(buildingId, unitId, roomId, body.name());
        boolean created = store.saveRoom(caller.communityId(), room);
        Log.info("room.saved", "communityId", caller.communityId(), "buildingId", buildingId, "unitId", unitId,
                "roomId", roomId, "created", created);
        return new Saved<>(RoomView.of(room), created);
    }

    /** {@code POST /places/import}: staff and admins; the file is read only once the caller may import. */
    PlacesImport.Result importCsv(Caller caller, Supplier<byte[]> csv) {
        caller.require(Role.STAFF, Role.ADMIN);
        return new PlacesImport(store).run(caller.communityId(), csv.get());
    }

    /** A building the caller may read: 404 when there is none, 403 for a grid worker of another grid. */
    private Building readable(Caller caller, String buildingId) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        Building building = (ID.matcher(buildingId).matches()
                ? store.building(caller.communityId(), buildingId) : Optional.<Building>empty())
                .orElseThrow(Problem::notFound);
        if (!caller.coversGrid(building.gridId())) throw Problem.forbidden("grid_not_covered");
        return building;
    }
}
