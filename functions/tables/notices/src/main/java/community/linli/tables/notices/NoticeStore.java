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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The NoticesTable: notices (公告·活动·紧急通知), the audience entries residents list them by, the
 * announcements still to put on the alerts topic, and read receipts. {@code c} is the community,
 * {@code nid} a notice, {@code key} an audience key: {@code ALL}, {@code G#grid} or {@code T#tag}.
 *
 * <pre>
 * item            pk            sk          ByCommunity gsi1               ByAudience gsi2
 * notice          C#c#N#nid     N           C#c#NOTICES / createdAt#nid    -
 * audience entry  C#c#N#nid     A#key       -                              C#c#A#key / publishAt#nid
 * announcement    C#c#N#nid     ANNOUNCE    -                              C#c#ANNOUNCE / publishAt#nid
 * read receipt    C#c#N#nid     READ#sub    (readAt)
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
 * one Query per community.
 */
public final class NoticeStore {
    public static final String BY_COMMUNITY = "ByCommunity";
    public static final String BY_AUDIENCE = "ByAudience";
    private static final Set<String> BY_COMMUNITY_KEY = Set.of("pk", "sk", "gsi1pk", "gsi1sk");
    private static final String NOTICE = "N";
    private static final String ANNOUNCE = "ANNOUNCE";
    private static final Pattern POSITION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[A-Za-z0-9_-]{1,64}");
    /** Sorts after every {@code publishAt#nid} of the same instant: '#' is 0x23, '$' 0x24. */
    private static final String AFTER_INSTANT = "$";

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

    /** A notice and whether {@code reader} has opened it before. */
    public record Opened(Notice notice, boolean readBefore) {}

    /** The notice and {@code reader}'s receipt: one BatchGetItem. */
    public Optional<Opened> getWithReceipt(String communityId, String noticeId, String reader) {
        Map<String, AttributeValue> noticeKey = key(communityId, noticeId, NOTICE);
        Map<String, AttributeValue> receiptKey = key(communityId, noticeId, "READ#" + reader);
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(noticeKey, receiptKey).build());
        Notice notice = null;
        boolean read = false;
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> ask = request;
            var response = dynamo.batchGetItem(r -> r.requestItems(ask));
            for (var item : response.responses().getOrDefault(table, List.of())) {
                if (NOTICE.equals(str(item, "sk"))) notice = fromItem(item);
                else read = true;
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return notice == null ? Optional.empty() : Optional.of(new Opened(notice, read));
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
        return item;
    }

    private static Notice fromItem(Map<String, AttributeValue> item) {
        Audience audience = new Audience(AudienceKind.ofWire(str(item, "audience")), strList(item, "gridIds"), str(item, "tag"));
        return new Notice(str(item, "communityId"), str(item, "noticeId"), str(item, "title"), str(item, "body"),
                NoticeKind.ofWire(str(item, "kind")), strList(item, "attachments"), audience, time(item, "publishAt"),
                time(item, "expiresAt"), NoticeStatus.ofWire(str(item, "status")), num(item, "version", 1),
                time(item, "createdAt"), time(item, "updatedAt"), str(item, "createdBy"));
    }
}
