package community.linli.tables.notices;

import static community.linli.platform.store.Attr.instant;
import static community.linli.platform.store.Attr.n;
import static community.linli.platform.store.Attr.num;
import static community.linli.platform.store.Attr.s;
import static community.linli.platform.store.Attr.str;
import static community.linli.platform.store.Attr.strList;
import static community.linli.platform.store.Attr.strings;
import static community.linli.platform.store.Attr.text;
import static community.linli.platform.store.Attr.time;

import community.linli.platform.http.Problem;
import community.linli.platform.http.StaleVersionException;
import community.linli.platform.store.Cursors;
import community.linli.platform.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The NoticesTable: notices (公告·活动·紧急通知), the audience entries residents list them by, the
 * announcements still to put on the alerts topic, and read receipts. {@code c} is the community,
 * {@code nid} a notice, {@code key} an audience key: {@code ALL}, {@code G#grid} or {@code T#tag}.
 *
 * <pre>
 * item            pk            sk          ByCommunity gsi1               ByAudience gsi2
 * notice          C#c#N#nid     N           C#c#NOTICES / createdAt#nid    -
 * audience entry  C#c#N#nid     A#key       -                              C#c#A#key / publishAt#nid
 * announcement    C#c#N#nid     ANNOUNCE    -                              C#c#ANNOUNCE / publishAt#nid  (noticeId, kind)
 * read receipt    C#c#N#nid     READ#sub    (readAt)
 * seats           C#c#N#nid     SEATS       (capacity, taken: an activity's counter, and checkInCode, from its publication)
 * sign-up         C#c#N#nid     SIGNUP#sub  (companions, status, signedUpAt, residentId, checkedInAt)
 * waiting place   C#c#N#nid     WAIT#signedUpAt#sub  (seats: the waitlist, in sign-up order)
 * acknowledgement C#c#N#nid     HH#ACK#hid  (an emergency notice's, once per household: gridId, by, at)
 * answer          C#c#N#nid     HH#ANS#hid  (its form's, one per household, corrected in place: gridId, answers, by, at, version)
 * </pre>
 *
 * <p>Staff list every notice of the community, newest first, by one Query of ByCommunity. A
 * published notice has one audience entry per key it addresses (a copy of the notice under
 * another key), written, rewritten and deleted in the same transaction as the notice, so a
 * resident's list is one Query of ByAudience per key they read (the community, each of their
 * grids, each of their tags), merged newest first. A notice not yet published sorts after "now"
 * and is cut off by the key condition; an expired one by a filter on {@code expiresAt}; a
 * withdrawn one has no entries. Nothing scans, and nothing has to run at a notice's publication or
 * expiry for residents to see it appear or disappear. The announcement item lives from
 * publication until its one message is on the alerts topic; the schedule reads the due ones by
 * one Query per community. Its removal once announced ({@link #announced}) is on the table's stream
 * the moment the notice is live and told, which is when AlertsFunction pages the grid workers of an
 * emergency notice (its {@code kind} is on the item for the event source mapping's filter); a
 * withdrawal removes it too, and the notice item then says so.
 *
 * <p>An activity's seats are a counter item that every sign-up, cancel and promotion changes in
 * the same TransactWriteItems as the sign-up, with a condition, so its capacity is never exceeded
 * however many residents sign up at once: a sign-up is confirmed only if {@code taken <= capacity
 * - seats} holds as it writes, and waitlisted only if it does not (a ConditionCheck on the same
 * counter), so a seat freed by a cancel either goes to a new sign-up or is seen by the cancel's
 * promotion, which reads the waitlist after freeing it. Whoever waits therefore never waits
 * beside a free seat they would fit in.
 */
public final class NoticeStore {
    public static final String BY_COMMUNITY = "ByCommunity";
    public static final String BY_AUDIENCE = "ByAudience";
    private static final Set<String> BY_COMMUNITY_KEY = Set.of("pk", "sk", "gsi1pk", "gsi1sk");
    private static final String NOTICE = "N";
    private static final String ANNOUNCE = "ANNOUNCE";
    private static final String SEATS = "SEATS";
    /** Attempts of one sign-up or promotion that DynamoDB cancels for a concurrent transaction on the counter. */
    private static final int CONFLICT_ATTEMPTS = 8;
    private static final Pattern POSITION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[A-Za-z0-9_-]{1,64}");
    /** Sorts after every {@code publishAt#nid} of the same instant: '#' is 0x23, '$' 0x24. */
    private static final String AFTER_INSTANT = "$";
    private static final Set<String> TABLE_KEY = Set.of("pk", "sk");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Bytes of an activity's check-in code: 128 random bits, as 22 base64url characters. */
    private static final int CHECK_IN_CODE_BYTES = 16;

    private final DynamoDbClient dynamo;
    private final String table;

    public NoticeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String newNoticeId() {
        return "nt-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    // ---------------------------------------------------------------- writes

    /** Stores a new draft: one PutItem. */
    public void create(Notice draft) {
        if (draft.status() != NoticeStatus.DRAFT) throw new IllegalArgumentException("a notice is created as a draft");
        dynamo.putItem(r -> r.tableName(table).item(toItem(draft)).conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * Stores {@code updated} over {@code previous} if the stored notice is still at
     * {@code previous}'s version, with its audience entries and announcement: one PutItem for a
     * draft, else one TransactWriteItems. Publishing writes the entries and the announcement;
     * a change to a published notice rewrites the entries and deletes those of grids it no longer
     * addresses; withdrawing deletes them all and the announcement, if still there.
     *
     * @throws StaleVersionException when the notice is at another version
     */
    public Notice save(Notice previous, Notice updated) {
        Map<String, AttributeValue> versionIs = Map.of(":v", n(previous.version()));
        try {
            if (previous.status() == NoticeStatus.DRAFT && updated.status() == NoticeStatus.DRAFT) {
                dynamo.putItem(r -> r.tableName(table).item(toItem(updated))
                        .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version")).expressionAttributeValues(versionIs));
                return updated;
            }
            List<TransactWriteItem> parts = new ArrayList<>();
            parts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(updated))
                    .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(versionIs).build()).build());
            Set<String> kept = new LinkedHashSet<>();
            if (updated.status() == NoticeStatus.PUBLISHED) {
                for (String key : updated.audience().keys()) {
                    parts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(entry(updated, key)).build()).build());
                    kept.add(key);
                }
                if (previous.status() == NoticeStatus.DRAFT) {
                    parts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(announcement(updated)).build()).build());
                    if (updated.activity() != null) {
                        Map<String, AttributeValue> seats = new HashMap<>(key(updated.communityId(), updated.noticeId(), SEATS));
                        seats.put("type", s("seats"));
                        seats.put("capacity", n(updated.activity().capacity()));
                        seats.put("taken", n(0));
                        seats.put("checkInCode", s(newCheckInCode()));
                        parts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(seats)
                                .conditionExpression("attribute_not_exists(pk)").build()).build());
                    }
                }
            }
            if (previous.status() == NoticeStatus.PUBLISHED) {
                for (String key : previous.audience().keys()) {
                    if (!kept.contains(key)) parts.add(delete(key(updated.communityId(), updated.noticeId(), "A#" + key)));
                }
                if (updated.status() == NoticeStatus.WITHDRAWN) parts.add(delete(key(updated.communityId(), updated.noticeId(), ANNOUNCE)));
            }
            dynamo.transactWriteItems(r -> r.transactItems(parts));
            return updated;
        } catch (ConditionalCheckFailedException e) {
            throw stale(updated);
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code())) throw stale(updated);
            throw e;
        }
    }

    /** Records that {@code reader} opened the notice, the first time only: one conditional PutItem. Returns whether this was the first. */
    public boolean recordRead(String communityId, String noticeId, String reader, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(communityId, noticeId, "READ#" + reader));
        item.put("type", s("read_receipt"));
        item.put("readAt", instant(at));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    /** Marks the notice's one message as sent: one DeleteItem of its announcement. Returns false if it was gone already. */
    public boolean announced(String communityId, String noticeId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(key(communityId, noticeId, ANNOUNCE)).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    // ---------------------------------------------------------------- reads

    /** One GetItem. */
    public Optional<Notice> get(String communityId, String noticeId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(communityId, noticeId, NOTICE)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    /**
     * One strongly consistent GetItem: the notice as its last write left it, for a reader that must
     * not act on a notice withdrawn a moment ago (AlertsFunction, after the stream showed it go live).
     */
    public Optional<Notice> current(String communityId, String noticeId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(communityId, noticeId, NOTICE)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    /**
     * A notice as one reader opens it: whether they opened it before, and for an activity the seats
     * taken and their sign-up, if any.
     */
    public record Opened(Notice notice, boolean readBefore, long seatsTaken, Optional<SignUp> mine) {}

    /** The notice, {@code reader}'s receipt and, for an activity, its seat counter and their sign-up: one BatchGetItem. */
    public Optional<Opened> getWithReceipt(String communityId, String noticeId, String reader) {
        Map<String, Map<String, AttributeValue>> found = batchGet(List.of(key(communityId, noticeId, NOTICE),
                key(communityId, noticeId, "READ#" + reader), key(communityId, noticeId, SEATS),
                key(communityId, noticeId, "SIGNUP#" + reader)));
        Map<String, AttributeValue> notice = found.get(NOTICE);
        if (notice == null) return Optional.empty();
        Map<String, AttributeValue> seats = found.get(SEATS);
        return Optional.of(new Opened(fromItem(notice), found.containsKey("READ#" + reader), seats == null ? 0 : num(seats, "taken", 0),
                Optional.ofNullable(found.get("SIGNUP#" + reader)).map(NoticeStore::signUpFromItem)));
    }

    /** Every notice of the community, in every status, newest first: one Query of ByCommunity per page. */
    public Page<Notice> list(String communityId, int limit, String cursor) {
        String partition = "C#" + communityId + "#NOTICES";
        var response = dynamo.query(r -> r.tableName(table).indexName(BY_COMMUNITY)
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, BY_COMMUNITY_KEY, Map.of("gsi1pk", partition), Map.of("pk", "C#" + communityId + "#N#"))));
        return new Page<>(response.items().stream().map(NoticeStore::fromItem).toList(),
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /**
     * The notices live at {@code now} under any of {@code audienceKeys} ({@link Audience#keysOf}),
     * newest publication first, each once: one Query of ByAudience per key, merged. A page holds
     * only what every key's Query has read past, so no notice is skipped or repeated across pages;
     * the cursor is the position (publishAt#nid) the next page continues below.
     */
    public Page<Notice> live(String communityId, List<String> audienceKeys, Instant now, int limit, String cursor) {
        String upper = cursor == null ? text(now) + AFTER_INSTANT : position(cursor);
        List<Map<String, AttributeValue>> seen = new ArrayList<>();
        String frontier = null;
        for (String audienceKey : audienceKeys) {
            QueryResponse response = dynamo.query(r -> r.tableName(table).indexName(BY_AUDIENCE)
                    .keyConditionExpression("gsi2pk = :p AND gsi2sk < :u")
                    .filterExpression("expiresAt > :now")
                    .expressionAttributeValues(Map.of(":p", s("C#" + communityId + "#A#" + audienceKey), ":u", s(upper), ":now", instant(now)))
                    .scanIndexForward(false)
                    .limit(limit));
            seen.addAll(response.items());
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                String last = response.lastEvaluatedKey().get("gsi2sk").s();
                if (frontier == null || last.compareTo(frontier) > 0) frontier = last;
            }
        }
        String cut = frontier;
        Map<String, Map<String, AttributeValue>> unique = new LinkedHashMap<>();
        seen.stream()
                .filter(item -> cut == null || str(item, "gsi2sk").compareTo(cut) >= 0)
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> str(item, "gsi2sk")).reversed())
                .forEach(item -> unique.putIfAbsent(str(item, "noticeId"), item));
        List<Map<String, AttributeValue>> page = new ArrayList<>(unique.values());
        String next = frontier;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = str(page.getLast(), "gsi2sk");
        }
        return new Page<>(page.stream().map(NoticeStore::fromItem).toList(),
                next == null ? null : Cursors.encode(Map.of("at", s(next))));
    }

    /** The ids of the community's published notices whose publication has come and whose message is not yet out: one Query. */
    public List<String> dueAnnouncements(String communityId, Instant now, int limit) {
        var response = dynamo.query(r -> r.tableName(table).indexName(BY_AUDIENCE)
                .keyConditionExpression("gsi2pk = :p AND gsi2sk < :u")
                .expressionAttributeValues(Map.of(":p", s("C#" + communityId + "#ANNOUNCE"), ":u", s(text(now) + AFTER_INSTANT)))
                .limit(limit));
        return response.items().stream().map(item -> str(item, "noticeId")).toList();
    }


    // ---------------------------------------------------------------- sign-ups

    /** The resident already holds a sign-up for this activity. */
    public static final class AlreadySignedUp extends RuntimeException {
        public AlreadySignedUp() {
            super("already signed up", null, false, false);
        }
    }

    /**
     * An activity as one resident finds it: the notice, the seats taken, their sign-up if any, and
     * the code its check-in QR code carries (null before publication).
     */
    public record SignUpState(Notice notice, long taken, Optional<SignUp> mine, String checkInCode) {}

    /** The notice, its seat counter and {@code sub}'s sign-up (none when {@code sub} is null): one BatchGetItem. */
    public Optional<SignUpState> signUpState(String communityId, String noticeId, String sub) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(List.of(key(communityId, noticeId, NOTICE), key(communityId, noticeId, SEATS)));
        if (sub != null) keys.add(key(communityId, noticeId, "SIGNUP#" + sub));
        Map<String, Map<String, AttributeValue>> found = batchGet(keys);
        Map<String, AttributeValue> notice = found.get(NOTICE);
        if (notice == null) return Optional.empty();
        Map<String, AttributeValue> seats = found.get(SEATS);
        Map<String, AttributeValue> mine = found.get("SIGNUP#" + sub);
        return Optional.of(new SignUpState(fromItem(notice), seats == null ? 0 : num(seats, "taken", 0),
                Optional.ofNullable(mine).map(NoticeStore::signUpFromItem), seats == null ? null : str(seats, "checkInCode")));
    }

    /**
     * Signs {@code sub} up with {@code companions}: confirmed if all its seats are free as it
     * writes, else waitlisted, each one TransactWriteItems with the counter's condition; a
     * condition that no longer holds (the seats filled or freed meanwhile) switches to the other.
     * {@code roomSeen} is whether the caller's last read saw room, which one to try first;
     * {@code residentId} the registry record the caller's account is linked to, or null.
     *
     * @throws AlreadySignedUp when {@code sub} holds a sign-up for it
     */
    public SignUp signUp(Notice activity, String sub, String residentId, int companions, Instant at, boolean roomSeen) {
        SignUp signUp = new SignUp(activity.communityId(), activity.noticeId(), sub, companions, SignUpStatus.CONFIRMED, at,
                residentId, null);
        long max = activity.activity().capacity() - signUp.seats();
        boolean confirm = roomSeen && max >= 0;
        for (int attempt = 0; attempt < CONFLICT_ATTEMPTS * 2; attempt++) {
            List<TransactWriteItem> parts = new ArrayList<>();
            SignUp candidate = confirm ? signUp
                    : new SignUp(signUp.communityId(), signUp.noticeId(), sub, companions, SignUpStatus.WAITLISTED, at, residentId, null);
            Map<String, AttributeValue> seatsKey = key(activity.communityId(), activity.noticeId(), SEATS);
            if (confirm) {
                parts.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(seatsKey)
                        .updateExpression("ADD taken :n").conditionExpression("taken <= :max")
                        .expressionAttributeValues(Map.of(":n", n(signUp.seats()), ":max", n(max))).build()).build());
            } else {
                parts.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(seatsKey)
                        .conditionExpression("taken > :max").expressionAttributeValues(Map.of(":max", n(max))).build()).build());
            }
            parts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(signUpItem(candidate))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            if (!confirm) parts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(waitItem(candidate)).build()).build());
            try {
                dynamo.transactWriteItems(r -> r.transactItems(parts));
                return candidate;
            } catch (TransactionCanceledException e) {
                if (reasonAt(e, 1).equals("ConditionalCheckFailed")) throw new AlreadySignedUp();
                if (reasonAt(e, 0).equals("ConditionalCheckFailed")) {
                    confirm = !confirm && max >= 0;
                } else if (!isConflict(e)) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("sign-up kept conflicting: " + activity.noticeId());
    }

    /**
     * Cancels {@code signUp} (as {@link #signUpState} read it) and, when it held seats, promotes
     * the waitlist into them ({@link #promote}): one TransactWriteItems, then the promotion's.
     * Returns the sign-ups promoted; empty, with nothing written, when it was gone already.
     */
    public List<SignUp> cancel(Notice activity, SignUp signUp) {
        Map<String, AttributeValue> signUpKey = key(activity.communityId(), activity.noticeId(), "SIGNUP#" + signUp.sub());
        List<TransactWriteItem> parts = new ArrayList<>();
        parts.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(signUpKey)
                .conditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(signUp.status().wire()))).build()).build());
        if (signUp.status() == SignUpStatus.CONFIRMED) {
            parts.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(activity.communityId(), activity.noticeId(), SEATS))
                    .updateExpression("ADD taken :n").expressionAttributeValues(Map.of(":n", n(-signUp.seats()))).build()).build());
        } else {
            parts.add(delete(key(activity.communityId(), activity.noticeId(), waitSk(signUp))));
        }
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(parts));
                break;
            } catch (TransactionCanceledException e) {
                if (reasonAt(e, 0).equals("ConditionalCheckFailed")) return List.of();
                if (!isConflict(e) || attempt >= CONFLICT_ATTEMPTS) throw e;
            }
        }
        return signUp.status() == SignUpStatus.CONFIRMED ? promote(activity) : List.of();
    }

    /**
     * Confirms waiting sign-ups into free seats, in sign-up order: a Query of the waitlist (strongly
     * consistent, so it sees every place written before the seats were freed), then one
     * TransactWriteItems per sign-up it tries. A sign-up the free seats cannot hold is passed over,
     * and so is every later one at least as large, so a smaller later one may go first; the
     * promotion ends when the waitlist does.
     */
    public List<SignUp> promote(Notice activity) {
        List<SignUp> promoted = new ArrayList<>();
        long max = activity.activity().capacity();
        int tooLarge = Integer.MAX_VALUE;
        var waiting = dynamo.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND begins_with(sk, :w)")
                .expressionAttributeValues(Map.of(":p", s("C#" + activity.communityId() + "#N#" + activity.noticeId()), ":w", s("WAIT#")))
                .limit(100)).items();
        for (var wait : waiting) {
            SignUp waiter = new SignUp(activity.communityId(), activity.noticeId(), str(wait, "sub"), (int) num(wait, "companions", 0),
                    SignUpStatus.WAITLISTED, time(wait, "signedUpAt"));
            if (waiter.seats() >= tooLarge) continue;
            List<TransactWriteItem> parts = List.of(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(activity.communityId(), activity.noticeId(), SEATS))
                            .updateExpression("ADD taken :n").conditionExpression("taken <= :max")
                            .expressionAttributeValues(Map.of(":n", n(waiter.seats()), ":max", n(max - waiter.seats()))).build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(key(activity.communityId(), activity.noticeId(), "SIGNUP#" + waiter.sub()))
                            .updateExpression("SET #s = :c").conditionExpression("#s = :w").expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(Map.of(":c", s(SignUpStatus.CONFIRMED.wire()), ":w", s(SignUpStatus.WAITLISTED.wire())))
                            .build()).build(),
                    delete(key(activity.communityId(), activity.noticeId(), waitSk(waiter))));
            for (int attempt = 0; ; attempt++) {
                try {
                    dynamo.transactWriteItems(r -> r.transactItems(parts));
                    promoted.add(new SignUp(waiter.communityId(), waiter.noticeId(), waiter.sub(), waiter.companions(),
                            SignUpStatus.CONFIRMED, waiter.signedUpAt()));
                    break;
                } catch (TransactionCanceledException e) {
                    if (reasonAt(e, 0).equals("ConditionalCheckFailed")) {
                        tooLarge = waiter.seats();
                        break;
                    }
                    if (reasonAt(e, 1).equals("ConditionalCheckFailed")) break;
                    if (!isConflict(e) || attempt >= CONFLICT_ATTEMPTS) throw e;
                }
            }
        }
        return promoted;
    }

    /** Every sign-up of the activity, confirmed and waiting, by resident: one Query per page of 1 MB. */
    public List<SignUp> signUps(String communityId, String noticeId) {
        List<SignUp> out = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", s("C#" + communityId + "#N#" + noticeId), ":s", s("SIGNUP#"))))
                .items().forEach(item -> out.add(signUpFromItem(item)));
        return out;
    }

    /**
     * Checks a confirmed sign-up in, once: one UpdateItem that sets {@code checkedInAt} only while
     * the sign-up is confirmed and not yet checked in. Returns the sign-up as stored afterwards,
     * checked in by this call or an earlier one; when the condition failed, one strongly
     * consistent GetItem reads why (empty: cancelled meanwhile).
     */
    public Optional<SignUp> checkIn(SignUp confirmed, Instant at) {
        Map<String, AttributeValue> signUpKey = key(confirmed.communityId(), confirmed.noticeId(), "SIGNUP#" + confirmed.sub());
        try {
            var updated = dynamo.updateItem(r -> r.tableName(table).key(signUpKey)
                    .updateExpression("SET checkedInAt = :at")
                    .conditionExpression("#s = :c AND attribute_not_exists(checkedInAt)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":at", instant(at), ":c", s(SignUpStatus.CONFIRMED.wire())))
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(signUpFromItem(updated.attributes()));
        } catch (ConditionalCheckFailedException notNow) {
            var item = dynamo.getItem(r -> r.tableName(table).key(signUpKey).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(signUpFromItem(item));
        }
    }

    /**
     * A page of the activity's sign-ups, confirmed and waiting, in the order of their accounts'
     * ids: one strongly consistent Query of the notice's partition.
     */
    public Page<SignUp> signUpsPage(String communityId, String noticeId, int limit, String cursor) {
        String partition = "C#" + communityId + "#N#" + noticeId;
        var response = dynamo.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", s(partition), ":s", s("SIGNUP#")))
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, TABLE_KEY, Map.of("pk", partition), Map.of("sk", "SIGNUP#"))));
        return new Page<>(response.items().stream().map(NoticeStore::signUpFromItem).toList(),
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /** The seats taken now: one strongly consistent GetItem of the counter (0 before publication). */
    public long seatsTaken(String communityId, String noticeId) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(communityId, noticeId, SEATS)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? 0 : num(item, "taken", 0);
    }

    // ---------------------------------------------------------------- emergency notices: households

    /** A household's acknowledgement of an emergency notice. */
    public record Acknowledgement(String householdId, String gridId, Instant at) {}

    /** A household's answer to an emergency notice's form, as last corrected; {@code answers} as JSON (question id to answer). */
    public record Answer(String householdId, String gridId, String answers, Instant at) {}

    /** Thrown when the household acknowledged the notice before. */
    public static final class AlreadyAcknowledged extends RuntimeException {
        public AlreadyAcknowledged() {
            super("already acknowledged", null, false, false);
        }
    }

    /** Thrown when the notice was withdrawn or expired since it was read. */
    public static final class NoticeChanged extends RuntimeException {
        public NoticeChanged() {
            super("notice changed", null, false, false);
        }
    }

    /**
     * Records {@code householdId}'s acknowledgement of {@code notice}, once: one TransactWriteItems of
     * a ConditionCheck that the notice is still published and unexpired at {@code at}, and a PutItem
     * only if the household has none.
     *
     * @throws AlreadyAcknowledged when the household acknowledged it before
     * @throws NoticeChanged when the notice was withdrawn or expired meanwhile
     */
    public Acknowledgement acknowledge(Notice notice, String householdId, String gridId, String by, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(notice.communityId(), notice.noticeId(), "HH#ACK#" + householdId));
        item.put("type", s("acknowledgement"));
        item.put("householdId", s(householdId));
        item.put("gridId", s(gridId));
        item.put("by", s(by));
        item.put("at", instant(at));
        writeWhileOpen(notice, at, Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build(),
                AlreadyAcknowledged::new);
        return new Acknowledgement(householdId, gridId, at);
    }

    /**
     * Stores {@code householdId}'s answer to {@code notice}'s form, over its earlier one if any (the
     * last correction wins): one TransactWriteItems of the same ConditionCheck as
     * {@link #acknowledge} and the PutItem.
     *
     * @throws NoticeChanged when the notice was withdrawn or expired meanwhile
     */
    public Answer answer(Notice notice, String householdId, String gridId, String answersJson, String by, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(notice.communityId(), notice.noticeId(), "HH#ANS#" + householdId));
        item.put("type", s("answer"));
        item.put("householdId", s(householdId));
        item.put("gridId", s(gridId));
        item.put("answers", s(answersJson));
        item.put("by", s(by));
        item.put("at", instant(at));
        writeWhileOpen(notice, at, Put.builder().tableName(table).item(item).build(), NoticeChanged::new);
        return new Answer(householdId, gridId, answersJson, at);
    }

    private void writeWhileOpen(Notice notice, Instant at, Put put, java.util.function.Supplier<RuntimeException> onPutCondition) {
        ConditionCheck open = ConditionCheck.builder().tableName(table).key(key(notice.communityId(), notice.noticeId(), NOTICE))
                .conditionExpression("#s = :published AND expiresAt > :at")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":published", s(NoticeStatus.PUBLISHED.wire()), ":at", instant(at)))
                .build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().conditionCheck(open).build(),
                    TransactWriteItem.builder().put(put).build()));
        } catch (TransactionCanceledException e) {
            if (reasonAt(e, 0).equals("ConditionalCheckFailed")) throw new NoticeChanged();
            if (reasonAt(e, 1).equals("ConditionalCheckFailed")) throw onPutCondition.get();
            throw e;
        }
    }

    /** The notice and {@code householdId}'s answer to it, if any: one strongly consistent BatchGetItem. */
    public Optional<Map.Entry<Notice, Optional<Answer>>> getWithAnswer(String communityId, String noticeId, String householdId) {
        Map<String, Map<String, AttributeValue>> found = batchGet(List.of(key(communityId, noticeId, NOTICE),
                key(communityId, noticeId, "HH#ANS#" + householdId)));
        Map<String, AttributeValue> notice = found.get(NOTICE);
        if (notice == null) return Optional.empty();
        return Optional.of(Map.entry(fromItem(notice), Optional.ofNullable(found.get("HH#ANS#" + householdId)).map(NoticeStore::answerFromItem)));
    }

    /** What the households did with an emergency notice: every acknowledgement and answer, one Query per 1 MB page. */
    public record Households(List<Acknowledgement> acknowledgements, List<Answer> answers) {}

    /** Every acknowledgement and answer of the notice: one strongly consistent Query of its {@code HH#} items per 1 MB page. */
    public Households households(String communityId, String noticeId) {
        List<Acknowledgement> acks = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :h)")
                        .expressionAttributeValues(Map.of(":p", s("C#" + communityId + "#N#" + noticeId), ":h", s("HH#"))))
                .items().forEach(item -> {
                    if (str(item, "sk").startsWith("HH#ACK#")) {
                        acks.add(new Acknowledgement(str(item, "householdId"), str(item, "gridId"), time(item, "at")));
                    } else {
                        answers.add(answerFromItem(item));
                    }
                });
        return new Households(acks, answers);
    }

    private static Answer answerFromItem(Map<String, AttributeValue> item) {
        return new Answer(str(item, "householdId"), str(item, "gridId"), str(item, "answers"), time(item, "at"));
    }

    private Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> bySk = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> ask = request;
            var response = dynamo.batchGetItem(r -> r.requestItems(ask));
            response.responses().getOrDefault(table, List.of()).forEach(item -> bySk.put(str(item, "sk"), item));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return bySk;
    }

    /** 128 random bits, base64url: what an activity's check-in QR code carries; nothing about anyone. */
    static String newCheckInCode() {
        byte[] bytes = new byte[CHECK_IN_CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String waitSk(SignUp signUp) {
        return "WAIT#" + text(signUp.signedUpAt()) + "#" + signUp.sub();
    }

    private static Map<String, AttributeValue> signUpItem(SignUp signUp) {
        Map<String, AttributeValue> item = new HashMap<>(key(signUp.communityId(), signUp.noticeId(), "SIGNUP#" + signUp.sub()));
        item.put("type", s("sign_up"));
        item.put("communityId", s(signUp.communityId()));
        item.put("noticeId", s(signUp.noticeId()));
        item.put("sub", s(signUp.sub()));
        item.put("companions", n(signUp.companions()));
        item.put("status", s(signUp.status().wire()));
        item.put("signedUpAt", instant(signUp.signedUpAt()));
        if (signUp.residentId() != null) item.put("residentId", s(signUp.residentId()));
        return item;
    }

    private static Map<String, AttributeValue> waitItem(SignUp signUp) {
        Map<String, AttributeValue> item = signUpItem(signUp);
        item.putAll(key(signUp.communityId(), signUp.noticeId(), waitSk(signUp)));
        item.put("type", s("waiting_place"));
        return item;
    }

    private static SignUp signUpFromItem(Map<String, AttributeValue> item) {
        return new SignUp(str(item, "communityId"), str(item, "noticeId"), str(item, "sub"), (int) num(item, "companions", 0),
                SignUpStatus.ofWire(str(item, "status")), time(item, "signedUpAt"), str(item, "residentId"), time(item, "checkedInAt"));
    }

    private static String reasonAt(TransactionCanceledException e, int index) {
        if (!e.hasCancellationReasons() || e.cancellationReasons().size() <= index) return "";
        String code = e.cancellationReasons().get(index).code();
        return code == null ? "" : code;
    }

    private static boolean isConflict(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    // ---------------------------------------------------------------- mapping

    private static String position(String cursor) {
        String at = Cursors.decode(cursor, Set.of("at"), Map.of(), Map.of()).get("at").s();
        if (!POSITION.matcher(at).matches()) throw Problem.invalid("cursor", "invalid_cursor");
        return at;
    }

    private StaleVersionException stale(Notice notice) {
        return new StaleVersionException(get(notice.communityId(), notice.noticeId()).map(Notice::version).orElse(0L));
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).build()).build();
    }

    private static Map<String, AttributeValue> key(String communityId, String noticeId, String sk) {
        return Map.of("pk", s("C#" + communityId + "#N#" + noticeId), "sk", s(sk));
    }

    private static String listPosition(Notice notice) {
        return text(notice.publishAt()) + "#" + notice.noticeId();
    }

    private static Map<String, AttributeValue> entry(Notice notice, String audienceKey) {
        Map<String, AttributeValue> item = content(notice);
        item.putAll(key(notice.communityId(), notice.noticeId(), "A#" + audienceKey));
        item.put("type", s("audience_entry"));
        item.put("gsi2pk", s("C#" + notice.communityId() + "#A#" + audienceKey));
        item.put("gsi2sk", s(listPosition(notice)));
        return item;
    }

    private static Map<String, AttributeValue> announcement(Notice notice) {
        Map<String, AttributeValue> item = new HashMap<>(key(notice.communityId(), notice.noticeId(), ANNOUNCE));
        item.put("type", s("announcement"));
        item.put("noticeId", s(notice.noticeId()));
        item.put("kind", s(notice.kind().wire()));
        item.put("gsi2pk", s("C#" + notice.communityId() + "#ANNOUNCE"));
        item.put("gsi2sk", s(listPosition(notice)));
        return item;
    }

    private static Map<String, AttributeValue> toItem(Notice notice) {
        Map<String, AttributeValue> item = content(notice);
        item.putAll(key(notice.communityId(), notice.noticeId(), NOTICE));
        item.put("type", s("notice"));
        item.put("gsi1pk", s("C#" + notice.communityId() + "#NOTICES"));
        item.put("gsi1sk", s(text(notice.createdAt()) + "#" + notice.noticeId()));
        return item;
    }

    private static Map<String, AttributeValue> content(Notice n) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("communityId", s(n.communityId()));
        item.put("noticeId", s(n.noticeId()));
        item.put("title", s(n.title()));
        item.put("body", s(n.body()));
        item.put("kind", s(n.kind().wire()));
        item.put("attachments", strings(n.attachments()));
        item.put("audience", s(n.audience().kind().wire()));
        item.put("gridIds", strings(n.audience().gridIds()));
        if (n.audience().tag() != null) item.put("tag", s(n.audience().tag()));
        if (n.publishAt() != null) item.put("publishAt", instant(n.publishAt()));
        item.put("expiresAt", instant(n.expiresAt()));
        item.put("status", s(n.status().wire()));
        item.put("version", n(n.version()));
        item.put("createdAt", instant(n.createdAt()));
        item.put("updatedAt", instant(n.updatedAt()));
        item.put("createdBy", s(n.createdBy()));
        if (n.activity() != null) {
            Activity a = n.activity();
            item.put("capacity", n(a.capacity()));
            item.put("maxCompanions", n(a.maxCompanions()));
            item.put("signUpDeadline", instant(a.signUpDeadline()));
            item.put("startsAt", instant(a.startsAt()));
            item.put("place", s(a.place()));
        }
        if (n.form() != null) item.put("form", s(n.form()));
        return item;
    }

    private static Notice fromItem(Map<String, AttributeValue> item) {
        Audience audience = new Audience(AudienceKind.ofWire(str(item, "audience")), strList(item, "gridIds"), str(item, "tag"));
        return new Notice(str(item, "communityId"), str(item, "noticeId"), str(item, "title"), str(item, "body"),
                NoticeKind.ofWire(str(item, "kind")), strList(item, "attachments"), audience, time(item, "publishAt"),
                time(item, "expiresAt"), NoticeStatus.ofWire(str(item, "status")), num(item, "version", 1),
                time(item, "createdAt"), time(item, "updatedAt"), str(item, "createdBy"),
                item.containsKey("capacity") ? new Activity((int) num(item, "capacity", 0), (int) num(item, "maxCompanions", 0),
                        time(item, "signUpDeadline"), time(item, "startsAt"), str(item, "place")) : null, str(item, "form"));
    }
}
