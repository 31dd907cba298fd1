package community.linli.directory;

import community.linli.platform.Log;
import community.linli.platform.csv.CsvTable;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Problem;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Grid;
import community.linli.tables.directory.Room;
import community.linli.tables.directory.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bulk import of a community's places from a CSV (columns {@value #BUILDING}, {@value #UNIT},
 * {@value #ROOM}, {@value #GRID}; optionally {@value #GRID_NAME}, {@value #BUILDING_NAME},
 * {@value #LATITUDE}, {@value #LONGITUDE}, {@value #UNIT_NAME}, {@value #ROOM_NAME}), one room a
 * row. {@code POST /places/import} runs it for staff and admins; the local app seeds the demo
 * community through it.
 *
 * <p>All or nothing: every row is checked, and one bad row refuses the whole file with a 400 that
 * names each bad cell ({@code rows[12].网格}, the file's line number) in Chinese; nothing is
 * written. A good file writes only what the community lacks: a grid the file names that does not
 * exist is created (named by {@value #GRID_NAME}, else by its id), and so are buildings, units and
 * rooms; what exists is left as it is (rename or move it through its own route). So the same file
 * imported again writes nothing, and an import that stopped halfway is finished by sending the
 * file again. A building the file puts in another grid than the stored one is refused
 * ({@code row_building_in_other_grid}): moving a building moves its open requests, which is
 * {@code PUT /buildings/{id}}'s job.
 */
public final class PlacesImport {
    public static final String BUILDING = "楼栋";
    public static final String UNIT = "单元";
    public static final String ROOM = "房号";
    public static final String GRID = "网格";
    public static final String GRID_NAME = "网格名称";
    public static final String BUILDING_NAME = "楼栋名称";
    public static final String LATITUDE = "纬度";
    public static final String LONGITUDE = "经度";
    public static final String UNIT_NAME = "单元名称";
    public static final String ROOM_NAME = "房间名称";
    public static final List<String> REQUIRED = List.of(BUILDING, UNIT, ROOM, GRID);
    public static final List<String> OPTIONAL = List.of(GRID_NAME, BUILDING_NAME, LATITUDE, LONGITUDE, UNIT_NAME, ROOM_NAME);
    /** The largest file accepted: about 15,000 rows of the demo's shape; a 7,000-room community fits. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** The most row errors one answer lists ({@code detail} counts them all). */
    static final int MAX_ERRORS_LISTED = 200;
    static final int MAX_NAME = 32;

    private final DirectoryStore store;

    public PlacesImport(DirectoryStore store) {
        this.store = store;
    }

    /** What an import wrote: how many rows it read and how many places of each kind it created. */
    public record Result(int rows, int gridsCreated, int buildingsCreated, int unitsCreated, int roomsCreated) {}

    /**
     * Imports {@code csv} into {@code communityId}'s places.
     *
     * @throws Problem 400 naming the file, its header or each bad cell; 413 above {@link #MAX_BYTES}
     */
    public Result run(String communityId, byte[] csv) {
        if (csv.length > MAX_BYTES) throw Problem.payloadTooLarge(MAX_BYTES);
        CsvTable table = CsvTable.read(csv, REQUIRED, OPTIONAL);
        List<FieldError> errors = new ArrayList<>();
        List<PlaceRow> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            PlaceRow place = PlaceRow.check(row, errors);
            if (place != null) rows.add(place);
        }
        Map<String, Grid> grids = store.grids(communityId).stream().collect(Collectors.toMap(Grid::id, Function.identity()));
        Map<String, Building> buildings = store.buildings(communityId).stream()
                .collect(Collectors.toMap(Building::id, Function.identity()));
        consistent(rows, buildings, errors);
        if (!errors.isEmpty()) {
            Log.info("places.import_refused", "communityId", communityId, "rows", table.rows().size(), "errors", errors.size());
            throw new Problem(Problem.Kind.VALIDATION, "validation", Map.of("count", errors.size()),
                    errors.subList(0, Math.min(errors.size(), MAX_ERRORS_LISTED)), null);
        }
        Set<String> units = store.allUnits(communityId).stream().map(u -> u.buildingId() + "#" + u.id()).collect(Collectors.toSet());
        Set<String> rooms = store.allRooms(communityId).stream()
                .map(r -> r.buildingId() + "#" + r.unitId() + "#" + r.id()).collect(Collectors.toSet());
        Map<String, Grid> newGrids = new LinkedHashMap<>();
        Map<String, Building> newBuildings = new LinkedHashMap<>();
        Map<String, Unit> newUnits = new LinkedHashMap<>();
        List<Room> newRooms = new ArrayList<>();
        for (PlaceRow row : rows) {
            if (!grids.containsKey(row.grid()) && !newGrids.containsKey(row.grid())) {
                newGrids.put(row.grid(), new Grid(row.grid(), row.gridName() == null ? row.grid() : row.gridName()));
            }
            if (!buildings.containsKey(row.building()) && !newBuildings.containsKey(row.building())) {
                newBuildings.put(row.building(), new Building(row.building(), row.grid(),
                        row.buildingName() == null ? row.building() : row.buildingName(), row.latitude(), row.longitude()));
            }
            String unitKey = row.building() + "#" + row.unit();
            if (!units.contains(unitKey) && !newUnits.containsKey(unitKey)) {
                newUnits.put(unitKey, new Unit(row.building(), row.unit(), row.unitName()));
            }
            if (rooms.add(unitKey + "#" + row.room())) newRooms.add(new Room(row.building(), row.unit(), row.room(), row.roomName()));
        }
        store.putPlaces(communityId, List.copyOf(newGrids.values()), List.copyOf(newBuildings.values()),
                List.copyOf(newUnits.values()), newRooms);
        Result result = new Result(rows.size(), newGrids.size(), newBuildings.size(), newUnits.size(), newRooms.size());
        Log.info("places.imported", "communityId", communityId, "rows", result.rows(), "gridsCreated", result.gridsCreated(),
                "buildingsCreated", result.buildingsCreated(), "unitsCreated", result.unitsCreated(), "roomsCreated", result.roomsCreated());
        return result;
    }

    /**
     * Rows of one building agree on its grid, name and coordinates, rows of one grid on its name,
     * rows of one unit on its name; no room twice; no stored building put in another grid.
     */
    private static void consistent(List<PlaceRow> rows, Map<String, Building> stored, List<FieldError> errors) {
        Map<String, PlaceRow> firstOfBuilding = new HashMap<>();
        Map<String, PlaceRow> firstOfGrid = new HashMap<>();
        Map<String, PlaceRow> firstOfUnit = new HashMap<>();
        Map<String, PlaceRow> firstOfRoom = new HashMap<>();
        for (PlaceRow row : rows) {
            PlaceRow building = firstOfBuilding.putIfAbsent(row.building(), row);
            if (building != null) {
                differs(row, building, GRID, row.grid(), building.grid(), "楼栋", errors);
                differs(row, building, BUILDING_NAME, row.buildingName(), building.buildingName(), "楼栋", errors);
                differs(row, building, LATITUDE, row.latitude(), building.latitude(), "楼栋", errors);
                differs(row, building, LONGITUDE, row.longitude(), building.longitude(), "楼栋", errors);
            }
            PlaceRow grid = firstOfGrid.putIfAbsent(row.grid(), row);
            if (grid != null) differs(row, grid, GRID_NAME, row.gridName(), grid.gridName(), "网格", errors);
            PlaceRow unit = firstOfUnit.putIfAbsent(row.building() + "#" + row.unit(), row);
            if (unit != null) differs(row, unit, UNIT_NAME, row.unitName(), unit.unitName(), "单元", errors);
            PlaceRow room = firstOfRoom.putIfAbsent(row.building() + "#" + row.unit() + "#" + row.room(), row);
            if (room != null) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), ROOM), "row_duplicate", Map.of("row", row.line(), "other", room.line())));
            }
            Building existing = stored.get(row.building());
            if (existing != null && !existing.gridId().equals(row.grid())) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), GRID), "row_building_in_other_grid",
                        Map.of("row", row.line(), "building", row.building(), "grid", existing.gridId())));
            }
        }
    }

    /** Two rows that both give a value must give the same one; an empty cell agrees with any. */
    private static void differs(PlaceRow row, PlaceRow first, String column, Object value, Object firstValue, String place,
                                List<FieldError> errors) {
        if (value == null || firstValue == null || value.equals(firstValue)) return;
        errors.add(new FieldError(CsvTable.rowField(row.line(), column), "row_inconsistent", Map.of("row", row.line(),
                "column", column, "other", first.line(), "place", place, "place_en", PLACE_EN.get(place))));
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]{1,3}(\\.[0-9]{1,10})?");
    private static final Map<String, String> PLACE_EN = Map.of("楼栋", "building", "网格", "grid", "单元", "unit");

    /** One valid row. */
    record PlaceRow(int line, String grid, String gridName, String building, String buildingName, Double latitude,
                    Double longitude, String unit, String unitName, String room, String roomName) {

        /** The row, or null when a cell is bad; each bad cell is added to {@code errors}. */
        static PlaceRow check(CsvTable.Row row, List<FieldError> errors) {
            int before = errors.size();
            String grid = id(row, GRID, errors);
            String building = id(row, BUILDING, errors);
            String unit = id(row, UNIT, errors);
            String room = id(row, ROOM, errors);
            String gridName = name(row, GRID_NAME, errors);
            String buildingName = name(row, BUILDING_NAME, errors);
            String unitName = name(row, UNIT_NAME, errors);
            String roomName = name(row, ROOM_NAME, errors);
            Double latitude = degrees(row, LATITUDE, 90, errors);
            Double longitude = degrees(row, LONGITUDE, 180, errors);
            boolean latitudeGiven = !row.get(LATITUDE).isEmpty();
            boolean longitudeGiven = !row.get(LONGITUDE).isEmpty();
            if (latitudeGiven != longitudeGiven) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), latitudeGiven ? LONGITUDE : LATITUDE), "row_coordinates",
                        Map.of("row", row.line())));
            }
            if (errors.size() > before) return null;
            return new PlaceRow(row.line(), grid, gridName, building, buildingName, latitude, longitude, unit, unitName, room, roomName);
        }

        private static String id(CsvTable.Row row, String column, List<FieldError> errors) {
            String value = row.get(column);
            if (value.isEmpty()) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), column), "row_required", Map.of("row", row.line(), "column", column)));
            } else if (!Places.ID.matcher(value).matches()) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), column), "row_id", Map.of("row", row.line(), "column", column)));
            }
            return value;
        }

        private static String name(CsvTable.Row row, String column, List<FieldError> errors) {
            String value = row.get(column);
            if (value.isEmpty()) return null;
            if (value.codePointCount(0, value.length()) > MAX_NAME) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), column), "row_max_length",
                        Map.of("row", row.line(), "column", column, "max", MAX_NAME)));
            }
            return value;
        }

        /** Decimal degrees as a spreadsheet writes them ({@code 31.2205}); no exponents, no {@code NaN}. */
        private static Double degrees(CsvTable.Row row, String column, int limit, List<FieldError> errors) {
            String value = row.get(column);
            if (value.isEmpty()) return null;
            if (DECIMAL.matcher(value).matches()) {
                double degrees = Double.parseDouble(value);
                if (Math.abs(degrees) <= limit) return degrees;
            }
            errors.add(new FieldError(CsvTable.rowField(row.line(), column), "row_number",
                    Map.of("row", row.line(), "column", column, "min", -limit, "max", limit)));
            return null;
        }
    }
}
