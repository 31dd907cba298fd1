package community.linli.tables.staff;

import static community.linli.platform.store.Attr.instant;
import static community.linli.platform.store.Attr.n;
import static community.linli.platform.store.Attr.num;
import static community.linli.platform.store.Attr.s;
import static community.linli.platform.store.Attr.str;
import static community.linli.platform.store.Attr.strList;
import static community.linli.platform.store.Attr.strings;
import static community.linli.platform.store.Attr.time;

import community.linli.platform.Masks;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.StaleVersionException;
import community.linli.platform.store.Cursors;
import community.linli.platform.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The StaffTable: who works for each community, in which role and grids.
 *
 * <pre>
 * item          pk             sk               ByPhone gsi1 (only while active)
 * member        C#c#STAFF      M#staffId        PHONE#hash / C#c#staffId   (with the member's alertPreferences)
 * phone claim   C#c#STAFF      PHONE#hash       -            (staffId)
 * duty          C#c#STAFF      DUTY             -            (head, roster slots, version)
 * dated duty    C#c#STAFF      DUTY#yyyy-MM-dd  -            (that date's slots; ttl two days after it)
 * </pre>
 *
 * A community's registry is one partition, listed by one Query. The duty lives in it too, sorted
 * before the members ({@code DUTY} &lt; {@code DUTY#date} &lt; {@code M#} &lt; {@code PHONE#}), so
 * that setting the duty reads the members it checks and the dated rosters its answer shows in one
 * Query ({@link #dutyAndMembers}). A phone is stored only sealed
 * ({@link FieldCrypto}, field {@value #PHONE_FIELD}), masked, and as its lookup hash; the claim item
 * holds a phone to one member of a community, written in the same transaction as the member, so
 * two registrations of one phone at the same moment cannot both succeed. The claim stays while the
 * member exists (deactivated members keep theirs: reactivate them instead of registering again).
 * The {@code ByPhone} index is the one key that does not start with the community, on purpose:
 * sign-in knows a verified phone, not yet a community, and finds every active registration of it.
 */
public final class StaffStore {
    /** The field name a phone is sealed under; a sealed phone opens only as this field. */
    public static final String PHONE_FIELD = "staff.phone";
    public static final String BY_PHONE = "ByPhone";
    private static final Set<String> TABLE_KEY = Set.of("pk", "sk");
    private static final String VERSION_IS = "#v = :v";
    private static final Map<String, String> VERSION_NAME = Map.of("#v", "version");
    private static final String DUTY_SK = "DUTY";

    private final DynamoDbClient dynamo;
    private final String table;
    private final FieldCrypto crypto;
    private final Clock clock;

    public StaffStore(DynamoDbClient dynamo, String table, FieldCrypto crypto, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.crypto = crypto;
        this.clock = clock;
    }

    /**
     * A reader of the registry that never sees a phone in full: {@link #list} and {@link #get} (names,
     * roles, grids, masked phones) work; registering, changing and opening phones need the
     * {@link FieldCrypto} it lacks and fail. For a function that names grid workers and holds no key.
     */
    public static StaffStore reader(DynamoDbClient dynamo, String table) {
        return new StaffStore(dynamo, table, null, Clock.systemUTC());
    }

    /** Another member of the community already has this phone. */
    public static final class PhoneTaken extends RuntimeException {
        private final String staffId;

        public PhoneTaken(String staffId) {
            super("phone already registered in this community", null, false, false);
            this.staffId = staffId;
        }

        /** The member who holds the phone, or null if they could not be read. */
        public String staffId() {
            return staffId;
        }
    }

    /** A member with this staff id already exists (only ids chosen by the caller can collide). */
    public static final class StaffIdTaken extends RuntimeException {
        public StaffIdTaken() {
            super("staff id already registered", null, false, false);
        }
    }

    // ---------------------------------------------------------------- writes

    /** Registers a new active member with a generated staff id: one TransactWriteItems. */
    public StaffMember register(String communityId, NewStaff staff) {
        return register(communityId, "st-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), staff);
    }

    /**
     * Registers a new active member under {@code staffId} (seeding, a community's first admin), the
     * member and its phone claim all or nothing.
     *
     * @throws PhoneTaken   when the phone belongs to another member of the community
     * @throws StaffIdTaken when {@code staffId} exists
     */
    public StaffMember register(String communityId, String staffId, NewStaff staff) {
        Instant now = clock.instant();
        String hash = phoneHash(staff.phone());
        StaffMember member = new StaffMember(communityId, staffId, staff.name(), staff.role(), staff.gridIds(),
                StaffStatus.ACTIVE, 1, now, now, crypto().seal(PHONE_FIELD, staff.phone()), Masks.phone(staff.phone()), hash);
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    put(toItem(member), "attribute_not_exists(pk)", Map.of()),
                    put(claim(communityId, hash, staffId), "attribute_not_exists(pk)", Map.of())));
        } catch (TransactionCanceledException e) {
            // A registration racing ours for the same phone makes DynamoDB cancel with TransactionConflict on the claim.
            if (failedAt(e, 1) || conflictedAt(e, 1)) throw new PhoneTaken(claimHolder(communityId, hash));
            if (failedAt(e, 0)) throw new StaffIdTaken();
            throw e;
        }
        return member;
    }

    /**
     * Applies {@code change} to {@code current} (as {@link #get} read it) if the stored member is
     * still at {@code basedOnVersion}: one PutItem, or one TransactWriteItems when the phone
     * changes, since its claim moves with it.
     *
     * @return the member as stored now
     * @throws StaleVersionException when the member is at another version
     * @throws PhoneTaken            when the new phone belongs to another member of the community
     */
    public StaffMember update(StaffMember current, long basedOnVersion, StaffChange change) {
        String communityId = current.communityId();
        String staffId = current.staffId();
        if (current.version() != basedOnVersion) throw new StaleVersionException(current.version());
        boolean phoneChanges = change.phone() != null && !phoneHash(change.phone()).equals(current.phoneHash());
        StaffMember updated = new StaffMember(communityId, staffId,
                change.name() != null ? change.name() : current.name(),
                change.role() != null ? change.role() : current.role(),
                change.gridIds() != null ? change.gridIds() : current.gridIds(),
                change.status() != null ? change.status() : current.status(),
                current.version() + 1, current.createdAt(), clock.instant(),
                phoneChanges ? crypto().seal(PHONE_FIELD, change.phone()) : current.sealedPhone(),
                phoneChanges ? Masks.phone(change.phone()) : current.maskedPhone(),
                phoneChanges ? phoneHash(change.phone()) : current.phoneHash(), current.alertPreferences());
        Map<String, AttributeValue> versionIs = Map.of(":v", n(basedOnVersion));
        try {
            if (!phoneChanges) {
                dynamo.putItem(r -> r.tableName(table).item(toItem(updated))
                        .conditionExpression(VERSION_IS).expressionAttributeNames(VERSION_NAME).expressionAttributeValues(versionIs));
            } else {
                dynamo.transactWriteItems(r -> r.transactItems(
                        put(toItem(updated), VERSION_IS, versionIs),
                        put(claim(communityId, updated.phoneHash(), staffId), "attribute_not_exists(pk)", Map.of()),
                        TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(claimKey(communityId, current.phoneHash()))
                                .conditionExpression("staffId = :id").expressionAttributeValues(Map.of(":id", s(staffId))).build()).build()));
            }
        } catch (ConditionalCheckFailedException e) {
            throw stale(communityId, staffId);
        } catch (TransactionCanceledException e) {
            if (failedAt(e, 0)) throw stale(communityId, staffId);
            if (failedAt(e, 1) || conflictedAt(e, 1)) throw new PhoneTaken(claimHolder(communityId, updated.phoneHash()));
            throw e;
        }
        return updated;
    }

    /**
     * Stores the community's duty (head and roster) based on {@code basedOnVersion} (0: none stored
     * yet): one PutItem conditional on it. The caller checks that the ids name active members.
     *
     * @throws StaleVersionException when the stored duty is at another version
     */
    public Duty putDuty(String communityId, String head, List<DutySlot> slots, long basedOnVersion) {
        Duty duty = new Duty(head, slots, basedOnVersion + 1, clock.instant());
        Map<String, AttributeValue> item = new HashMap<>(dutyKey(communityId));
        item.put("type", s("duty"));
        if (head != null) item.put("head", s(head));
        item.put("slots", s(community.linli.platform.Json.write(slots.stream().map(StaffStore::slotJson).toList())));
        item.put("version", n(duty.version()));
        item.put("updatedAt", instant(duty.updatedAt()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression(basedOnVersion == 0 ? "attribute_not_exists(pk)" : VERSION_IS)
                    .expressionAttributeNames(basedOnVersion == 0 ? null : VERSION_NAME)
                    .expressionAttributeValues(basedOnVersion == 0 ? null : Map.of(":v", n(basedOnVersion))));
        } catch (ConditionalCheckFailedException e) {
            var current = dynamo.getItem(r -> r.tableName(table).key(dutyKey(communityId)).consistentRead(true));
            throw new StaleVersionException(current.hasItem() ? num(current.item(), "version", 0) : 0);
        }
        return duty;
    }

    /**
     * The community's duty with every dated roster stored (those of past dates until their TTL
     * removes them), {@link Duty#NONE} before any was stored: one Query, {@code sk} from {@code DUTY}
     * up to the members.
     */
    public Duty duty(String communityId) {
        return read(communityId, DUTY_SK + "#~").duty(); // '~' sorts after every date's digits
    }

    /**
     * The community's duty with every dated roster stored, and its members, active and inactive, in
     * staff-id order, not the phone claims: one Query of the registry's partition ({@code sk} from
     * {@code DUTY} to the last {@code M#}), a round trip per 1 MB page. What setting the duty needs
     * before its PutItem: the ids to check, the version it is based on and the dates its answer shows;
     * and what AlertsFunction's escalation reads once a batch: who is active and who is on duty.
     */
    public DutyAndMembers dutyAndMembers(String communityId) {
        return read(communityId, "M$"); // '$' follows '#': after every member, before the phone claims
    }

    /** The duty items and members with {@code sk} from {@code DUTY} to {@code last}, strongly consistent. */
    private DutyAndMembers read(String communityId, String last) {
        Map<String, AttributeValue> values = Map.of(":pk", s(partition(communityId)), ":duty", s(DUTY_SK), ":last", s(last));
        Duty weekly = Duty.NONE;
        List<DutyDate> dates = new ArrayList<>();
        List<StaffMember> members = new ArrayList<>();
        for (var item : dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk AND sk BETWEEN :duty AND :last")
                .expressionAttributeValues(values).consistentRead(true)).items()) {
            String sk = str(item, "sk");
            if (sk.equals(DUTY_SK)) {
                weekly = new Duty(str(item, "head"), slots(str(item, "slots")), num(item, "version", 0), time(item, "updatedAt"));
            } else if (sk.startsWith(DUTY_SK + "#")) {
                dates.add(new DutyDate(LocalDate.parse(sk.substring(DUTY_SK.length() + 1)), slots(str(item, "slots")), time(item, "updatedAt")));
            } else if (sk.startsWith("M#")) {
                members.add(fromItem(item));
            }
        }
        return new DutyAndMembers(weekly.withDates(dates), members);
    }

    /**
     * Stores {@code date}'s own roster, replacing any it had: one PutItem. It expires (TTL) two days
     * after the date, once its last overnight run is over. The caller checks the date and the ids.
     */
    public DutyDate putDutyDate(String communityId, LocalDate date, List<DutySlot> slots) {
        DutyDate stored = new DutyDate(date, slots, clock.instant());
        Map<String, AttributeValue> item = new HashMap<>(dutyDateKey(communityId, date));
        item.put("type", s("duty_date"));
        item.put("slots", s(community.linli.platform.Json.write(stored.slots().stream().map(StaffStore::slotJson).toList())));
        item.put("updatedAt", instant(stored.updatedAt()));
        item.put("ttl", n(date.plusDays(2).atStartOfDay(Duty.ZONE).toEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
        return stored;
    }

    /** Clears {@code date}'s own roster, so the weekly one applies again: one DeleteItem; nothing to clear is no error. */
    public void deleteDutyDate(String communityId, LocalDate date) {
        dynamo.deleteItem(r -> r.tableName(table).key(dutyDateKey(communityId, date)));
    }

    private static List<DutySlot> slots(String json) {
        List<DutySlot> slots = new ArrayList<>();
        for (var slot : community.linli.platform.Json.parse(json, com.fasterxml.jackson.databind.JsonNode.class)) {
            List<java.time.DayOfWeek> days = new ArrayList<>();
            slot.path("days").forEach(d -> days.add(java.time.DayOfWeek.of(d.asInt())));
            List<String> ids = new ArrayList<>();
            slot.path("staffIds").forEach(id -> ids.add(id.asText()));
            slots.add(new DutySlot(days, java.time.LocalTime.parse(slot.path("from").asText()),
                    java.time.LocalTime.parse(slot.path("until").asText()), ids));
        }
        return slots;
    }

    private static Map<String, Object> slotJson(DutySlot slot) {
        return Map.of("days", slot.days().stream().map(java.time.DayOfWeek::getValue).toList(),
                "from", slot.from().toString(), "until", slot.until().toString(), "staffIds", slot.staffIds());
    }

    private static Map<String, AttributeValue> dutyKey(String communityId) {
        return Map.of("pk", s(partition(communityId)), "sk", s(DUTY_SK));
    }

    private static Map<String, AttributeValue> dutyDateKey(String communityId, LocalDate date) {
        return Map.of("pk", s(partition(communityId)), "sk", s(DUTY_SK + "#" + date));
    }

    /**
     * Stores {@code preferences} as {@code current}'s (as {@link #get} read it) if the member is still
     * at that version: one PutItem, which makes the next version, so an admin's change based on the
     * earlier one is stale rather than lost.
     *
     * @throws StaleVersionException when the member changed since it was read
     */
    public StaffMember setAlertPreferences(StaffMember current, AlertPreferences preferences) {
        StaffMember updated = new StaffMember(current.communityId(), current.staffId(), current.name(), current.role(),
                current.gridIds(), current.status(), current.version() + 1, current.createdAt(), clock.instant(),
                current.sealedPhone(), current.maskedPhone(), current.phoneHash(), preferences);
        try {
            dynamo.putItem(r -> r.tableName(table).item(toItem(updated)).conditionExpression(VERSION_IS)
                    .expressionAttributeNames(VERSION_NAME).expressionAttributeValues(Map.of(":v", n(current.version()))));
        } catch (ConditionalCheckFailedException e) {
            throw stale(current.communityId(), current.staffId());
        }
        return updated;
    }

    // ---------------------------------------------------------------- reads

    /** One GetItem. */
    public Optional<StaffMember> get(String communityId, String staffId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(memberKey(communityId, staffId)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    /** The community's members in staff-id order, active and inactive: one Query per page. */
    public Page<StaffMember> list(String communityId, int limit, String cursor) {
        String partition = partition(communityId);
        var response = dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :p AND begins_with(sk, :m)")
                .expressionAttributeValues(Map.of(":p", s(partition), ":m", s("M#")))
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, TABLE_KEY, Map.of("pk", partition), Map.of("sk", "M#"))));
        List<StaffMember> items = response.items().stream().map(StaffStore::fromItem).toList();
        return new Page<>(items, response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /**
     * The attributes {@link #colleague} and {@link #colleagues} read (names for {@link #COLLEAGUE_NAMES}):
     * no phone, sealed, masked or hashed. A function's IAM policy may grant exactly these.
     */
    public static final String COLLEAGUE_ATTRIBUTES = "staffId, #name, #role, gridIds, #status";
    private static final Map<String, String> COLLEAGUE_NAMES = Map.of("#name", "name", "#role", "role", "#status", "status");

    /** One member without their phone: one GetItem of {@link #COLLEAGUE_ATTRIBUTES}. */
    public Optional<Colleague> colleague(String communityId, String staffId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(memberKey(communityId, staffId))
                .projectionExpression(COLLEAGUE_ATTRIBUTES).expressionAttributeNames(COLLEAGUE_NAMES));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(colleagueOf(response.item())) : Optional.empty();
    }

    /** A member's sealed phone, and whether they are active; {@code sealed} null when the item has none. */
    public record SealedPhone(String sealed, boolean active) {}

    /** The attributes {@link #sealedPhone} reads (names for {@link #SEALED_PHONE_NAMES}); an IAM policy may grant exactly these. */
    public static final String SEALED_PHONE_ATTRIBUTES = "phoneSealed, #status";
    private static final Map<String, String> SEALED_PHONE_NAMES = Map.of("#status", "status");

    /** A member's {@link SealedPhone}, for a function that opens it itself: one GetItem of {@link #SEALED_PHONE_ATTRIBUTES}. */
    public Optional<SealedPhone> sealedPhone(String communityId, String staffId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(memberKey(communityId, staffId))
                .projectionExpression(SEALED_PHONE_ATTRIBUTES).expressionAttributeNames(SEALED_PHONE_NAMES));
        if (!response.hasItem() || response.item().isEmpty()) return Optional.empty();
        return Optional.of(new SealedPhone(str(response.item(), "phoneSealed"),
                StaffStatus.ofWire(str(response.item(), "status")) == StaffStatus.ACTIVE));
    }

    /** Every member of the community without their phones, active or not, in staff-id order: one Query per 1 MB page. */
    public List<Colleague> colleagues(String communityId) {
        List<Colleague> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :m)")
                    .expressionAttributeValues(Map.of(":p", s(partition(communityId)), ":m", s("M#")))
                    .projectionExpression(COLLEAGUE_ATTRIBUTES).expressionAttributeNames(COLLEAGUE_NAMES)
                    .exclusiveStartKey(from));
            response.items().stream().map(StaffStore::colleagueOf).forEach(out::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /**
     * Every active registration of the phone with this lookup hash ({@link #phoneHash}), in any
     * community, ordered by community and staff id: one Query on {@code ByPhone}. Sign-in gives an
     * account with that verified phone these roles and grids.
     */
    public List<StaffMember> findByPhoneHash(String phoneHash) {
        List<StaffMember> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(r -> r.tableName(table).indexName(BY_PHONE)
                    .keyConditionExpression("gsi1pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("PHONE#" + phoneHash)))
                    .exclusiveStartKey(from));
            response.items().stream().map(StaffStore::fromItem).forEach(out::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** The lookup hash of a normalized mainland mobile: the same value accounts and residents use for it. */
    public String phoneHash(String phone) {
        return crypto().lookupHash(FieldCrypto.PHONE, phone);
    }

    /** The member's phone in full, for the roles that may read it. */
    public String phone(StaffMember member) {
        return crypto().open(PHONE_FIELD, member.sealedPhone());
    }

    // ---------------------------------------------------------------- mapping

    private FieldCrypto crypto() {
        if (crypto == null) throw new IllegalStateException("a registry reader holds no FieldCrypto: it cannot seal, hash or open phones");
        return crypto;
    }

    private StaleVersionException stale(String communityId, String staffId) {
        return new StaleVersionException(get(communityId, staffId).map(StaffMember::version).orElse(0L));
    }

    private String claimHolder(String communityId, String hash) {
        var response = dynamo.getItem(r -> r.tableName(table).key(claimKey(communityId, hash)));
        return response.hasItem() ? str(response.item(), "staffId") : null;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        var put = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (!values.isEmpty()) put.expressionAttributeValues(values);
        if (condition.contains("#v")) put.expressionAttributeNames(VERSION_NAME);
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static boolean failedAt(TransactionCanceledException e, int index) {
        if (!e.hasCancellationReasons() || e.cancellationReasons().size() <= index) return false;
        return "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    private static boolean conflictedAt(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "TransactionConflict".equals(e.cancellationReasons().get(index).code());
    }

    private static String partition(String communityId) {
        return "C#" + communityId + "#STAFF";
    }

    private static Map<String, AttributeValue> memberKey(String communityId, String staffId) {
        return Map.of("pk", s(partition(communityId)), "sk", s("M#" + staffId));
    }

    private static Map<String, AttributeValue> claimKey(String communityId, String hash) {
        return Map.of("pk", s(partition(communityId)), "sk", s("PHONE#" + hash));
    }

    private static Map<String, AttributeValue> claim(String communityId, String hash, String staffId) {
        Map<String, AttributeValue> item = new HashMap<>(claimKey(communityId, hash));
        item.put("type", s("phone_claim"));
        item.put("staffId", s(staffId));
        return item;
    }

    private static Map<String, AttributeValue> toItem(StaffMember m) {
        String phoneHash = m.phoneHash();
        Map<String, AttributeValue> item = new HashMap<>(memberKey(m.communityId(), m.staffId()));
        item.put("type", s("staff"));
        item.put("communityId", s(m.communityId()));
        item.put("staffId", s(m.staffId()));
        item.put("name", s(m.name()));
        item.put("role", s(m.role().wire()));
        item.put("gridIds", strings(m.gridIds()));
        item.put("status", s(m.status().wire()));
        item.put("version", n(m.version()));
        item.put("createdAt", instant(m.createdAt()));
        item.put("updatedAt", instant(m.updatedAt()));
        item.put("phoneSealed", s(m.sealedPhone()));
        item.put("phoneMasked", s(m.maskedPhone()));
        item.put("phoneHash", s(phoneHash));
        if (!m.alertPreferences().equals(AlertPreferences.none())) item.put("alertPreferences", preferencesItem(m.alertPreferences()));
        if (m.active()) {
            item.put("gsi1pk", s("PHONE#" + phoneHash));
            item.put("gsi1sk", s("C#" + m.communityId() + "#" + m.staffId()));
        }
        return item;
    }

    private static Colleague colleagueOf(Map<String, AttributeValue> item) {
        return new Colleague(str(item, "staffId"), str(item, "name"), StaffRole.ofWire(str(item, "role")), strList(item, "gridIds"),
                StaffStatus.ofWire(str(item, "status")));
    }

    private static StaffMember fromItem(Map<String, AttributeValue> item) {
        return new StaffMember(str(item, "communityId"), str(item, "staffId"), str(item, "name"),
                StaffRole.ofWire(str(item, "role")), strList(item, "gridIds"), StaffStatus.ofWire(str(item, "status")),
                num(item, "version", 1), time(item, "createdAt"), time(item, "updatedAt"),
                str(item, "phoneSealed"), str(item, "phoneMasked"), str(item, "phoneHash"), preferencesOf(item.get("alertPreferences")));
    }

    /** {@code {kinds: {kind: {urgent, normal}}, grids: [..]}}; {@code grids} only when the member narrowed them. */
    private static AttributeValue preferencesItem(AlertPreferences preferences) {
        Map<String, AttributeValue> kinds = new HashMap<>();
        preferences.kinds().forEach((kind, choice) -> kinds.put(kind,
                AttributeValue.fromM(Map.of("urgent", s(choice.urgent()), "normal", s(choice.normal())))));
        Map<String, AttributeValue> value = new HashMap<>();
        value.put("kinds", AttributeValue.fromM(kinds));
        if (preferences.grids() != null) value.put("grids", strings(preferences.grids()));
        return AttributeValue.fromM(value);
    }

    private static AlertPreferences preferencesOf(AttributeValue value) {
        if (value == null || !value.hasM()) return AlertPreferences.none();
        Map<String, AlertPreferences.Choice> kinds = new HashMap<>();
        AttributeValue stored = value.m().get("kinds");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((kind, choice) -> kinds.put(kind,
                    new AlertPreferences.Choice(str(choice.m(), "urgent"), str(choice.m(), "normal"))));
        }
        return new AlertPreferences(kinds, value.m().containsKey("grids") ? strList(value.m(), "grids") : null);
    }
}
