package community.linli.tables.directory;

import static community.linli.platform.store.Attr.bool;
import static community.linli.platform.store.Attr.dbl;
import static community.linli.platform.store.Attr.intOrNull;
import static community.linli.platform.store.Attr.n;
import static community.linli.platform.store.Attr.putIf;
import static community.linli.platform.store.Attr.s;
import static community.linli.platform.store.Attr.str;

import community.linli.platform.Json;
import community.linli.platform.store.Attr;
import community.linli.platform.http.StaleVersionException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The DirectoryTable: what a community is made of. One partition per community ({@code pk =
 * C#<community>}), one item per grid ({@code GRID#<id>}), building ({@code BLDG#<id>}; with its
 * map coordinates when known), unit ({@code UNIT#<building>#<unit>}), room
 * ({@code ROOM#<building>#<unit>#<room>}), resident tag
 * ({@code TAG#<code>}), request category ({@code CAT#<code>}; its questions as JSON), working
 * calendar ({@code CAL#<year>}) and quiet hours ({@code QUIET}).
 *
 * <p>A category and a building carry {@code version}; {@link #saveCategory} and {@link #saveBuilding}
 * write only over the version the caller read, so two admins editing the same one cannot silently
 * undo each other.
 */
public final class DirectoryStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DirectoryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * What a submitted request refers to, fetched in one round trip: its category, its building and
     * the working calendars of the given years (a missing calendar means Monday to Friday).
     */
    public record Lookup(Optional<Category> category, Optional<Building> building, Map<Integer, WorkCalendar> calendars) {
        public WorkCalendar calendar(int year) {
            return calendars.getOrDefault(year, WorkCalendar.national(year));
        }
    }

    public Lookup lookup(String communityId, String categoryCode, String buildingId, java.util.Collection<Integer> calendarYears) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        if (categoryCode != null) keys.add(key(communityId, "CAT#" + categoryCode));
        if (buildingId != null) keys.add(key(communityId, "BLDG#" + buildingId));
        for (int year : calendarYears) keys.add(key(communityId, "CAL#" + year));
        if (keys.isEmpty()) return new Lookup(Optional.empty(), Optional.empty(), Map.of());
        List<Map<String, AttributeValue>> items = batchGet(keys);
        Optional<Category> category = Optional.empty();
        Optional<Building> building = Optional.empty();
        Map<Integer, WorkCalendar> calendars = new HashMap<>();
        for (var item : items) {
            String sk = str(item, "sk");
            if (sk.startsWith("CAT#")) category = Optional.of(category(item));
            if (sk.startsWith("BLDG#")) building = Optional.of(building(item));
            if (sk.startsWith("CAL#")) {
                WorkCalendar calendar = calendar(item);
                calendars.put(calendar.year(), calendar);
            }
        }
        return new Lookup(category, building, calendars);
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        Map<String, KeysAndAttributes> unprocessed = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        while (!unprocessed.isEmpty()) {
            var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(unprocessed).build());
            items.addAll(response.responses().getOrDefault(table, List.of()));
            unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    public Optional<Category> category(String communityId, String code) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(communityId, "CAT#" + code)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(category(response.item())) : Optional.empty();
    }

    public Optional<Building> building(String communityId, String id) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(communityId, "BLDG#" + id)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(building(response.item())) : Optional.empty();
    }

    public Optional<WorkCalendar> calendar(String communityId, int year) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(communityId, "CAL#" + year)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(calendar(response.item())) : Optional.empty();
    }

    public void putCalendar(String communityId, WorkCalendar calendar) {
        Map<String, AttributeValue> item = key(communityId, "CAL#" + calendar.year());
        item.put("year", n(calendar.year()));
        item.put("holidays", AttributeValue.fromL(calendar.holidays().stream().sorted().map(d -> s(d.toString())).toList()));
        item.put("workdays", AttributeValue.fromL(calendar.workdays().stream().sorted().map(d -> s(d.toString())).toList()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    public List<Category> categories(String communityId) {
        return query(communityId, "CAT#").stream().map(DirectoryStore::category).toList();
    }

    public List<Grid> grids(String communityId) {
        return query(communityId, "GRID#").stream()
                .map(DirectoryStore::grid)
                .toList();
    }

    public List<Building> buildings(String communityId) {
        return query(communityId, "BLDG#").stream().map(DirectoryStore::building).toList();
    }

    /** Writes a whole directory in batches of 25, as a new community's first setup does. */
    public void putAll(String communityId, List<Grid> grids, List<Building> buildings, List<Category> categories, List<Tag> tags) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        grids.forEach(g -> items.add(item(communityId, g)));
        if (!grids.isEmpty()) items.add(communityItem(communityId));
        buildings.forEach(b -> items.add(item(communityId, b)));
        categories.forEach(c -> items.add(item(communityId, c)));
        tags.forEach(t -> items.add(item(communityId, t)));
        batchPut(items);
    }

    private void batchPut(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(from + 25, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                var response = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build());
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Writes {@code category} as it is, whatever is stored; for seeding, never for an admin's edit. */
    public void putCategory(String communityId, Category category) {
        dynamo.putItem(r -> r.tableName(table).item(item(communityId, category)));
    }

    /**
     * Creates or replaces a category with one conditional PutItem: stored at {@code expectedVersion + 1}
     * only if the stored version is {@code expectedVersion} (0: only if there is none yet). Items
     * written before categories had versions count as version 1.
     *
     * @return the category as stored now
     * @throws StaleVersionException when the stored version is another; it carries the one stored (0 for none)
     */
    public Category saveCategory(String communityId, Category category, long expectedVersion) {
        Category stored = category.withVersion(expectedVersion + 1);
        conditionalPut(item(communityId, stored), expectedVersion, Category.FIRST_VERSION, old -> category(old).version());
        return stored;
    }

    /**
     * PutItem of a versioned item only over {@code expectedVersion} (0: only where there is none);
     * an item without a version counts as {@code firstVersion}.
     */
    private void conditionalPut(Map<String, AttributeValue> item, long expectedVersion, long firstVersion,
                                java.util.function.ToLongFunction<Map<String, AttributeValue>> versionOf) {
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        if (expectedVersion == 0) {
            condition = "attribute_not_exists(pk)";
        } else {
            values.put(":expected", n(expectedVersion));
            condition = expectedVersion == firstVersion
                    ? "#version = :expected OR (attribute_exists(pk) AND attribute_not_exists(#version))"
                    : "#version = :expected";
        }
        try {
            dynamo.putItem(r -> {
                r.tableName(table)
                        .item(item)
                        .conditionExpression(condition)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                if (expectedVersion != 0) r.expressionAttributeNames(Map.of("#version", "version"));
                if (!values.isEmpty()) r.expressionAttributeValues(values);
            });
        } catch (ConditionalCheckFailedException e) {
            long current = e.hasItem() && !e.item().isEmpty() ? versionOf.applyAsLong(e.item()) : 0;
            throw new StaleVersionException(current);
        }
    }

    // ---------------------------------------------------------------- places

    public Optional<Grid> grid(String communityId, String id) {
        return get(communityId, "GRID#" + id).map(DirectoryStore::grid);
    }

    /** A building and a grid, in one BatchGetItem: what a change of a building checks. */
    public record BuildingAndGrid(Optional<Building> building, Optional<Grid> grid) {}

    public BuildingAndGrid buildingAndGrid(String communityId, String buildingId, String gridId) {
        Optional<Building> building = Optional.empty();
        Optional<Grid> grid = Optional.empty();
        for (var item : batchGet(List.of(key(communityId, "BLDG#" + buildingId), key(communityId, "GRID#" + gridId)))) {
            if (str(item, "sk").startsWith("BLDG#")) building = Optional.of(building(item));
            else grid = Optional.of(grid(item));
        }
        return new BuildingAndGrid(building, grid);
    }

    /**
     * Creates or renames a grid with one PutItem; true when it did not exist before, and then a
     * second PutItem enters the community in {@link #communities()} (a community exists from its
     * first grid on; writing its entry again changes nothing).
     */
    public boolean saveGrid(String communityId, Grid grid) {
        var response = dynamo.putItem(r -> r.tableName(table).item(item(communityId, grid)).returnValues(ReturnValue.ALL_OLD));
        boolean created = !response.hasAttributes() || response.attributes().isEmpty();
        if (created) dynamo.putItem(r -> r.tableName(table).item(communityItem(communityId)));
        return created;
    }

    /**
     * The communities this deployment serves, in id order: one item each under the partition
     * {@value #COMMUNITIES}, written with a community's first grid. The overdue sweep walks them, so
     * adding a community needs no redeploy.
     */
    public List<String> communities() {
        return queryPartition(COMMUNITIES, null).stream().map(item -> str(item, "sk")).toList();
    }

    /** The partition that lists the communities; no community id can be it, as every community's partition starts {@code C#}. */
    public static final String COMMUNITIES = "COMMUNITIES";

    private static Map<String, AttributeValue> communityItem(String communityId) {
        return Map.of("pk", s(COMMUNITIES), "sk", s(communityId));
    }

    /**
     * The community's quiet hours ({@code QUIET}), read with a BatchGetItem of its one key (the
     * read AlertsFunction's policy grants); empty when it has set none, and {@link QuietHours#DEFAULT} apply.
     */
    public Optional<QuietHours> quietHours(String communityId) {
        return batchGet(List.of(key(communityId, "QUIET"))).stream().findFirst()
                .map(item -> new QuietHours(LocalTime.parse(str(item, "start")), LocalTime.parse(str(item, "end"))));
    }

    /** Sets the community's quiet hours with one PutItem; the next alert batch reads them. */
    public void putQuietHours(String communityId, QuietHours quietHours) {
        Map<String, AttributeValue> item = key(communityId, "QUIET");
        item.put("start", s(quietHours.start().toString()));
        item.put("end", s(quietHours.end().toString()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /**
     * Creates or replaces a building with one conditional PutItem, stored at {@code expectedVersion + 1}
     * only if the stored version is {@code expectedVersion} (0: only if there is none yet); as
     * {@link #saveCategory}.
     *
     * @throws StaleVersionException when the stored version is another; it carries the one stored (0 for none)
     */
    public Building saveBuilding(String communityId, Building building, long expectedVersion) {
        Building stored = building.withVersion(expectedVersion + 1);
        conditionalPut(item(communityId, stored), expectedVersion, Building.FIRST_VERSION,
                old -> building(old).version());
        return stored;
    }

    /**
     * Clears the {@code previousGridId} mark of a building whose move is finished: one PutItem at the
     * same version, only while it is still at that version (a change meanwhile keeps its own mark).
     *
     * @throws StaleVersionException when the building changed meanwhile
     */
    public Building clearPreviousGrid(String communityId, Building building) {
        Building cleared = building.withPreviousGrid(null);
        conditionalPut(item(communityId, cleared), building.version(), Building.FIRST_VERSION, old -> building(old).version());
        return cleared;
    }

    public List<Unit> units(String communityId, String buildingId) {
        return query(communityId, "UNIT#" + buildingId + "#").stream().map(DirectoryStore::unit).toList();
    }

    public Optional<Unit> unit(String communityId, String buildingId, String unitId) {
        return get(communityId, unitSk(buildingId, unitId)).map(DirectoryStore::unit);
    }

    /** Creates or renames a unit with one PutItem; true when it did not exist before. */
    public boolean saveUnit(String communityId, Unit unit) {
        var response = dynamo.putItem(r -> r.tableName(table).item(item(communityId, unit)).returnValues(ReturnValue.ALL_OLD));
        return !response.hasAttributes() || response.attributes().isEmpty();
    }

    /** Creates or renames a room with one PutItem; true when it did not exist before. */
    public boolean saveRoom(String communityId, Room room) {
        var response = dynamo.putItem(r -> r.tableName(table).item(item(communityId, room)).returnValues(ReturnValue.ALL_OLD));
        return !response.hasAttributes() || response.attributes().isEmpty();
    }

    /** Every unit of the community, in key order: one Query per MB page, as an import compares a file with what is stored. */
    public List<Unit> allUnits(String communityId) {
        return query(communityId, "UNIT#").stream().map(DirectoryStore::unit).toList();
    }

    /** Every room of the community, in key order: one Query per MB page (a 7,000-room community is one or two). */
    public List<Room> allRooms(String communityId) {
        return query(communityId, "ROOM#").stream().map(DirectoryStore::room).toList();
    }

    /** Writes places in batches of 25 (BatchWriteItem), as an import writes what a file adds. */
    public void putPlaces(String communityId, List<Grid> grids, List<Building> buildings, List<Unit> units, List<Room> rooms) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        grids.forEach(g -> items.add(item(communityId, g)));
        if (!grids.isEmpty()) items.add(communityItem(communityId));
        buildings.forEach(b -> items.add(item(communityId, b)));
        units.forEach(u -> items.add(item(communityId, u)));
        rooms.forEach(r -> items.add(item(communityId, r)));
        batchPut(items);
    }

    public Optional<Room> room(String communityId, String buildingId, String unitId, String roomId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(communityId, roomSk(buildingId, unitId, roomId))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(room(response.item())) : Optional.empty();
    }

    /** The rooms of a building, or of one of its units when {@code unitId} is given, in key order. */
    public List<Room> rooms(String communityId, String buildingId, String unitId) {
        String prefix = "ROOM#" + buildingId + "#" + (unitId == null ? "" : unitId + "#");
        return query(communityId, prefix).stream().map(DirectoryStore::room).toList();
    }

    public void putRoom(String communityId, Room room) {
        dynamo.putItem(r -> r.tableName(table).item(item(communityId, room)));
    }

    /** The community's managed tag list. */
    public List<Tag> tags(String communityId) {
        return query(communityId, "TAG#").stream().map(DirectoryStore::tag).toList();
    }

    public void putTag(String communityId, Tag tag) {
        dynamo.putItem(r -> r.tableName(table).item(item(communityId, tag)));
    }

    public void putGrid(String communityId, Grid grid) {
        dynamo.putItem(r -> r.tableName(table).item(item(communityId, grid)));
        dynamo.putItem(r -> r.tableName(table).item(communityItem(communityId)));
    }

    public void putBuilding(String communityId, Building building) {
        dynamo.putItem(r -> r.tableName(table).item(item(communityId, building)));
    }

    private static Map<String, AttributeValue> item(String communityId, Category category) {
        Map<String, AttributeValue> item = key(communityId, "CAT#" + category.code());
        item.put("code", s(category.code()));
        item.put("name", s(category.name()));
        putIf(item, "nameEn", category.nameEn());
        if (category.slaHours() != null) item.put("slaHours", n(category.slaHours()));
        if (category.slaWorkingDays() != null) item.put("slaWorkingDays", n(category.slaWorkingDays()));
        item.put("enabled", AttributeValue.fromBool(category.enabled()));
        item.put("version", n(category.version()));
        if (!category.questions().isEmpty()) item.put("questions", s(Json.write(category.questions())));
        if (category.emergency() != null) {
            item.put("emergencyMessage", s(category.emergency().message()));
            putIf(item, "emergencyMessageEn", category.emergency().messageEn());
            item.put("emergencyPhone", s(category.emergency().phone()));
        }
        return item;
    }

    private static Map<String, AttributeValue> item(String communityId, Grid grid) {
        Map<String, AttributeValue> item = key(communityId, "GRID#" + grid.id());
        item.put("id", s(grid.id()));
        item.put("name", s(grid.name()));
        return item;
    }

    private static Map<String, AttributeValue> item(String communityId, Building building) {
        Map<String, AttributeValue> item = key(communityId, "BLDG#" + building.id());
        item.put("id", s(building.id()));
        item.put("gridId", s(building.gridId()));
        item.put("name", s(building.name()));
        putIf(item, "latitude", building.latitude());
        putIf(item, "longitude", building.longitude());
        item.put("version", n(building.version()));
        putIf(item, "previousGridId", building.previousGridId());
        return item;
    }

    private static Map<String, AttributeValue> item(String communityId, Unit unit) {
        Map<String, AttributeValue> item = key(communityId, unitSk(unit.buildingId(), unit.id()));
        item.put("buildingId", s(unit.buildingId()));
        item.put("id", s(unit.id()));
        putIf(item, "name", unit.name());
        return item;
    }

    private static Map<String, AttributeValue> item(String communityId, Room room) {
        Map<String, AttributeValue> item = key(communityId, roomSk(room.buildingId(), room.unitId(), room.id()));
        item.put("buildingId", s(room.buildingId()));
        item.put("unitId", s(room.unitId()));
        item.put("id", s(room.id()));
        putIf(item, "name", room.name());
        return item;
    }

    private static Map<String, AttributeValue> item(String communityId, Tag tag) {
        Map<String, AttributeValue> item = key(communityId, "TAG#" + tag.code());
        item.put("code", s(tag.code()));
        item.put("name", s(tag.name()));
        putIf(item, "nameEn", tag.nameEn());
        item.put("sensitive", AttributeValue.fromBool(tag.sensitive()));
        if (tag.careCadenceDays() != null) item.put("careCadenceDays", n(tag.careCadenceDays()));
        return item;
    }

    private List<Map<String, AttributeValue>> query(String communityId, String prefix) {
        return queryPartition(pk(communityId), prefix);
    }

    /** Every item of partition {@code pk}, or of its sort keys that start with {@code prefix} when one is given, page by page. */
    private List<Map<String, AttributeValue>> queryPartition(String pk, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression(prefix == null ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(prefix == null ? Map.of(":pk", s(pk)) : Map.of(":pk", s(pk), ":prefix", s(prefix)))
                    .exclusiveStartKey(from)
                    .build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Category category(Map<String, AttributeValue> item) {
        String questions = str(item, "questions");
        String emergencyPhone = str(item, "emergencyPhone");
        return new Category(str(item, "code"), str(item, "name"), str(item, "nameEn"), intOrNull(item, "slaHours"),
                intOrNull(item, "slaWorkingDays"), !item.containsKey("enabled") || bool(item, "enabled"),
                questions == null ? List.of() : List.of(Json.parse(questions, Question[].class)),
                emergencyPhone == null ? null : new Emergency(str(item, "emergencyMessage"), str(item, "emergencyMessageEn"), emergencyPhone),
                Attr.num(item, "version", Category.FIRST_VERSION));
    }

    private static WorkCalendar calendar(Map<String, AttributeValue> item) {
        return new WorkCalendar((int) Attr.num(item, "year", 0),
                Attr.strList(item, "holidays").stream().map(LocalDate::parse).collect(Collectors.toSet()),
                Attr.strList(item, "workdays").stream().map(LocalDate::parse).collect(Collectors.toSet()));
    }

    private static Building building(Map<String, AttributeValue> item) {
        return new Building(str(item, "id"), str(item, "gridId"), str(item, "name"), dbl(item, "latitude"), dbl(item, "longitude"),
                Attr.num(item, "version", Building.FIRST_VERSION), str(item, "previousGridId"));
    }

    private static Grid grid(Map<String, AttributeValue> item) {
        return new Grid(str(item, "id"), str(item, "name"));
    }

    private static Unit unit(Map<String, AttributeValue> item) {
        return new Unit(str(item, "buildingId"), str(item, "id"), str(item, "name"));
    }

    private static String unitSk(String buildingId, String unitId) {
        return "UNIT#" + buildingId + "#" + unitId;
    }

    private Optional<Map<String, AttributeValue>> get(String communityId, String sk) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(communityId, sk)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static String roomSk(String buildingId, String unitId, String roomId) {
        return "ROOM#" + buildingId + "#" + unitId + "#" + roomId;
    }

    private static Room room(Map<String, AttributeValue> item) {
        return new Room(str(item, "buildingId"), str(item, "unitId"), str(item, "id"), str(item, "name"));
    }

    private static Tag tag(Map<String, AttributeValue> item) {
        return new Tag(str(item, "code"), str(item, "name"), str(item, "nameEn"),
                item.containsKey("sensitive") && bool(item, "sensitive"), intOrNull(item, "careCadenceDays"));
    }

    private static String pk(String communityId) {
        return "C#" + communityId;
    }

    private static Map<String, AttributeValue> key(String communityId, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", s(pk(communityId)));
        key.put("sk", s(sk));
        return key;
    }
}
