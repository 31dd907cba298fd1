package community.linli.tables.requests;

import static community.linli.platform.store.Attr.instant;
import static community.linli.platform.store.Attr.n;
import static community.linli.platform.store.Attr.num;
import static community.linli.platform.store.Attr.s;
import static community.linli.platform.store.Attr.str;
import static community.linli.platform.store.Attr.text;
import static community.linli.platform.store.Attr.time;
import static community.linli.tables.requests.RequestItems.REQUEST_SK;
import static community.linli.tables.requests.RequestItems.alertKey;
import static community.linli.tables.requests.RequestItems.idempotencyKey;
import static community.linli.tables.requests.RequestItems.pk;
import static community.linli.tables.requests.RequestItems.requestKey;
import static community.linli.tables.requests.RequestItems.sweepKey;
import static community.linli.tables.requests.RequestItems.toItem;
import static community.linli.tables.requests.RequestItems.uploadKey;

import community.linli.platform.Log;
import community.linli.platform.store.Cursors;
import community.linli.platform.store.Page;
import community.linli.platform.http.StaleVersionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The RequestsTable. Every key starts with the community id, so no query can cross communities.
 *
 * <pre>
 * item                pk                      sk                 GSI keys
 * request             C#c#REQ#id              REQ                ByRequester gsi1 = C#c#U#sub            / createdAt#id
 *                                                                ByGrid      gsi2 = C#c#G#grid#phase     / expectedAt#id
 *                                                                       (no grid: C#c#UNPLACED#phase)
 *                                                                ByCommunity gsi3 = C#c#phase            / expectedAt#id
 *                                                                ByAssignee  gsi4 = C#c#A#sub#phase      / expectedAt#id
 * public timeline     C#c#REQ#id              PUB#at#version#0uniq  (a change) or #1uniq (a reply)
 *                                             PUB#due#OVERDUE    (the overdue mark of one due time)
 * internal note       C#c#REQ#id              INT#at#version#1uniq
 * idempotency record  C#c#IDEM#sub#key        IDEM               (ttl: 24 hours)
 * upload record       C#c#UPLOAD#photoKey     UPLOAD             who uploaded the photo (ttl: 24 hours)
 * daily counter       C#c#SEQ#yyMMdd          SEQ                (ttl: 3 days)
 * sweep watermark     C#c#SWEEP               OVERDUE            due times before it have been swept
 * alert sent          C#c#ALERT#alertId       ALERT              AlertsFunction published it, or held it (ttl: 30 days)
 * SMS sent            C#c#ALERT#alertId       SMS                SmsSenderFunction sent its SMS, or gave up on it (ttl: 30 days)
 * held alert          C#c#ALERT#HELD          releaseAt#role#recipient#alertId  waits for its digest ({@link HeldAlert})
 * digest begun        C#c#ALERT#DIGEST#at     ALERT              no alert joins the digest released at {@code at}
 * escalation mark     C#c#ESC#id              due#step           the sweep's pre-overdue and level 2, 3 marks (ttl: 30 days)
 * </pre>
 *
 * {@code phase} is {@code OPEN} while a request counts against its time limit and {@code DONE}
 * after, so every inbox is one Query sorted by due time. A resident's read of a request is a Query
 * on {@code sk BETWEEN "PUB#" AND "REQ"}: internal notes ({@code INT#}) sort before that range and
 * are never read for them. The table's stream carries every write; {@link RequestItems} maps its images.
 *
 * <p>Photo keys name no account (a hidden requester's photos are seen by the grid worker), so who
 * uploaded a photo is kept in its upload record. A write that attaches photos checks, in the same
 * transaction, that each has a record naming the account attaching it ({@link PhotosNotOwned}).
 */
public final class RequestStore {
    /** Tracking numbers follow the community's calendar day, which is China's. */
    public static final ZoneId COMMUNITY_ZONE = ZoneId.of("Asia/Shanghai");
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    /** How long after {@code POST /uploads} its photo may be attached to a request or a resolution. */
    public static final Duration UPLOAD_WINDOW = Duration.ofHours(24);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final Set<String> TABLE_KEY = Set.of("pk", "sk");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public RequestStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- writes

    /** The next tracking number of the community's day, such as {@code 261128-0042}: one atomic counter update. */
    public String nextTrackingNumber(String communityId) {
        LocalDate day = LocalDate.now(clock.withZone(COMMUNITY_ZONE));
        String dayKey = DAY.format(day);
        long expires = clock.instant().plus(Duration.ofDays(3)).getEpochSecond();
        var response = dynamo.updateItem(r -> r.tableName(table)
                .key(RequestItems.counterKey(communityId, dayKey))
                .updateExpression("ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)")
                .expressionAttributeNames(Map.of("#n", "n", "#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(expires)))
                .returnValues(ReturnValue.UPDATED_NEW));
        long sequence = Long.parseLong(response.attributes().get("n").n());
        return dayKey + "-" + String.format("%04d", sequence);
    }

    /** What a first submit with an Idempotency-Key answered, kept for 24 hours. */
    public record IdempotencyRecord(String key, String bodyHash, String requestId, String response) {}

    /** Thrown when another submit with the same Idempotency-Key won the race. */
    public static final class IdempotencyKeyTaken extends RuntimeException {
        public IdempotencyKeyTaken() {
            super("idempotency key already used", null, false, false);
        }
    }

    /**
     * Writes a new request, its first timeline event and (with an Idempotency-Key) the record of
     * this response, all or nothing.
     */
    public void create(ResidentRequest request, TimelineEvent first, IdempotencyRecord idempotency) {
        List<TransactWriteItem> writes = new ArrayList<>(createItems(request, first));
        if (idempotency != null) {
            Map<String, AttributeValue> item = new HashMap<>(idempotencyKey(request.communityId(), request.requesterSub(), idempotency.key()));
            item.put("type", s("idempotency"));
            item.put("bodyHash", s(idempotency.bodyHash()));
            item.put("requestId", s(idempotency.requestId()));
            item.put("response", s(idempotency.response()));
            item.put("ttl", n(clock.instant().plus(IDEMPOTENCY_WINDOW).getEpochSecond()));
            writes.add(put(item, "attribute_not_exists(pk)"));
        }
        int firstPhoto = writes.size();
        writes.addAll(ownedUploads(request.communityId(), request.requesterSub(), request.photoKeys()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (idempotency != null && failedAt(e, 2)) throw new IdempotencyKeyTaken();
            throw PhotosNotOwned.from(e, firstPhoto, request.photoKeys().size()).orElse(e);
        }
    }

    /**
     * The writes that file {@code request} with its {@code first} timeline item, for a caller's own
     * TransactWriteItems (a care visit files its concern with the visit): the request, put only if
     * its tracking number is new, and the timeline item. The items, and so the stream records, are
     * those of {@link #create}. Its photos' ownership is not among them: add {@link #ownedUploads}.
     */
    public List<TransactWriteItem> createItems(ResidentRequest request, TimelineEvent first) {
        return List.of(put(toItem(request), "attribute_not_exists(pk)"),
                put(toItem(request.communityId(), request.id(), first, request.version(), false), null));
    }

    /** Records that {@code ownerSub} asked to upload {@code key}, so that only they may attach it, within {@link #UPLOAD_WINDOW}. */
    public void recordUpload(String communityId, String key, String ownerSub, String contentType, long size) {
        Map<String, AttributeValue> item = new HashMap<>(uploadKey(communityId, key));
        item.put("type", s("upload"));
        item.put("ownerSub", s(ownerSub));
        item.put("contentType", s(contentType));
        item.put("size", n(size));
        item.put("ttl", n(clock.instant().plus(UPLOAD_WINDOW).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** Thrown when photos a write attaches were not uploaded by whoever attaches them (or too long ago); {@code indexes} are their positions. */
    public static final class PhotosNotOwned extends RuntimeException {
        private final List<Integer> indexes;

        PhotosNotOwned(List<Integer> indexes) {
            super("photos not owned: " + indexes, null, false, false);
            this.indexes = List.copyOf(indexes);
        }

        public List<Integer> indexes() {
            return indexes;
        }

        static Optional<RuntimeException> from(TransactionCanceledException e, int firstPhoto, int photos) {
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < photos; i++) {
                if (failedAt(e, firstPhoto + i)) failed.add(i);
            }
            return failed.isEmpty() ? Optional.empty() : Optional.of(new PhotosNotOwned(failed));
        }
    }

    /**
     * Condition checks that each upload record of {@code keys} names {@code sub} and has not
     * expired, one per key in their order: what a write that attaches photos adds to its transaction.
     */
    public List<TransactWriteItem> ownedUploads(String communityId, String sub, List<String> keys) {
        return keys.stream().map(key -> TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                .key(uploadKey(communityId, key))
                .conditionExpression("ownerSub = :sub AND #ttl > :now")
                .expressionAttributeNames(Map.of("#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":sub", s(sub), ":now", n(clock.instant().getEpochSecond())))).build())
                .toList();
    }

    /**
     * Replaces the request with {@code updated} if it is still at {@code basedOnVersion}, and appends
     * {@code event}, atomically. A concurrent change makes it a {@link StaleVersionException}; photos
     * the event attaches that its actor did not upload make it a {@link PhotosNotOwned}.
     */
    public void update(ResidentRequest updated, long basedOnVersion, TimelineEvent event) {
        update(updated, basedOnVersion, List.of(event));
    }

    /**
     * {@link #update(ResidentRequest, long, TimelineEvent)} with more than one timeline item: the
     * change first, then what it brings about (an {@code overdue} mark, written over one of the
     * same due time should it be there, so that it can never fail the change).
     */
    public void update(ResidentRequest updated, long basedOnVersion, List<TimelineEvent> events) {
        TimelineEvent event = events.getFirst();
        var condition = Put.builder().tableName(table).item(toItem(updated))
                .conditionExpression("#v = :v")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", n(basedOnVersion)))
                .build();
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(condition).build(),
                put(toItem(updated.communityId(), updated.id(), event, updated.version(), false), null)));
        writes.addAll(ownedUploads(updated.communityId(), event.actorSub(), event.photoKeys()));
        events.stream().skip(1).forEach(more -> writes.add(put(toItem(updated.communityId(), updated.id(), more, updated.version(), false), null)));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (failedAt(e, 0)) {
                throw new StaleVersionException(find(updated.communityId(), updated.id()).map(ResidentRequest::version).orElse(0L));
            }
            throw PhotosNotOwned.from(e, 2, event.photoKeys().size()).orElse(e);
        }
    }

    /**
     * The open requests filed at {@code buildingId} that are in {@code gridId}'s inbox: a Query of
     * {@code ByGrid} ({@code C#c#G#grid#OPEN}) filtered by building, every page. The index is
     * eventually consistent: a request moved a moment ago may still be listed (its move's condition
     * then fails harmlessly), one filed a moment ago may be missing (the next sweep finds it).
     */
    public List<ResidentRequest> openInGridAtBuilding(String communityId, String gridId, String buildingId) {
        List<ResidentRequest> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(r -> r.tableName(table).indexName("ByGrid")
                    .keyConditionExpression("gsi2pk = :p")
                    .filterExpression("buildingId = :b")
                    .expressionAttributeValues(Map.of(":p", s(RequestItems.gridPartition(communityId, gridId, true)), ":b", s(buildingId)))
                    .exclusiveStartKey(from));
            response.items().stream().map(RequestItems::request).forEach(out::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /**
     * Moves an open request to {@code toGridId}'s inbox, because its building moved there: one
     * TransactWriteItems of two UpdateItems, the request (grid, {@code ByGrid} key, next version,
     * only if it is still at its version and in its grid's open inbox) and the {@code event}'s
     * timeline item (created, only if absent). The version moves on, so a person's change based on
     * the version before cannot put the old grid back (it gets 409 and reloads). Both writes are
     * UpdateItems so that the directory, which moves requests, needs no PutItem on this table.
     *
     * @return {@link Move.Moved}; {@link Move.Changed} with the request as it is now when only its
     *     version moved on (try again with it); {@link Move.Gone} when it left that grid's open inbox
     *     meanwhile (moved already, finished, or refiled); nothing is written unless moved
     */
    public Move moveToGrid(ResidentRequest request, String toGridId, TimelineEvent event) {
        long next = request.version() + 1;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":grid", s(toGridId));
        values.put(":to", s(RequestItems.gridPartition(request.communityId(), toGridId, true)));
        values.put(":from", s(RequestItems.gridPartition(request.communityId(), request.gridId(), true)));
        values.put(":v", n(request.version()));
        values.put(":next", n(next));
        values.put(":at", instant(event.at()));
        var moveRequest = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(requestKey(request.communityId(), request.id()))
                .updateExpression("SET gridId = :grid, gsi2pk = :to, #v = :next, updatedAt = :at")
                .conditionExpression("#v = :v AND gsi2pk = :from")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        Map<String, AttributeValue> timeline = toItem(request.communityId(), request.id(), event, next, false);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> sets = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        int i = 0;
        for (var entry : timeline.entrySet()) {
            if (entry.getKey().equals("pk") || entry.getKey().equals("sk")) continue;
            names.put("#a" + i, entry.getKey());
            sets.put(":a" + i, entry.getValue());
            assignments.add("#a" + i + " = :a" + i++);
        }
        var createEvent = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of("pk", timeline.get("pk"), "sk", timeline.get("sk")))
                .updateExpression("SET " + String.join(", ", assignments))
                .conditionExpression("attribute_not_exists(pk)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(sets)).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(moveRequest, createEvent));
            return new Move.Moved();
        } catch (TransactionCanceledException e) {
            if (!failedAt(e, 0)) {
                boolean conflict = e.hasCancellationReasons() && e.cancellationReasons().stream()
                        .anyMatch(reason -> "TransactionConflict".equals(reason.code()));
                if (!conflict) throw e;
                // Another write held the request: try again as read; the next failed condition returns it as it is now.
                return new Move.Changed(request);
            }
            var old = e.cancellationReasons().getFirst();
            if (!old.hasItem() || old.item().isEmpty()) return new Move.Gone();
            String inbox = str(old.item(), "gsi2pk");
            if (!values.get(":from").s().equals(inbox)) return new Move.Gone();
            return new Move.Changed(RequestItems.request(old.item()));
        }
    }

    /** What became of a request {@link #moveToGrid} was asked to move. */
    public sealed interface Move {
        record Moved() implements Move {}

        record Gone() implements Move {}

        record Changed(ResidentRequest current) implements Move {}
    }

    /** Appends a reply or note to {@code request}; it changes nothing on the request, so it needs no version check. */
    public void append(ResidentRequest request, TimelineEvent event) {
        dynamo.putItem(r -> r.tableName(table).item(toItem(request.communityId(), request.id(), event, request.version(), true)));
    }

    /**
     * Writes the {@code overdue} timeline item of {@code request}'s current due time, unless it is
     * there: a PutItem on its own item, which never touches the request, so that no person's write
     * fails because of it. False when that due time was marked before.
     */
    public boolean flagOverdue(ResidentRequest request) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(toItem(request.communityId(), request.id(), TimelineEvent.overdue(request), request.version(), false))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException marked) {
            return false;
        }
    }

    /** How long an escalation mark stays: past any stream consumer's retries, and the alerts' sent records. */
    public static final Duration ESCALATION_MARK_TTL = Duration.ofDays(30);

    /**
     * Marks that {@code request} reached {@code step} of the escalation of its current due time,
     * unless marked before: a PutItem of an item of its own, which never touches the request (no
     * person's write fails because of it). False when that step of that due time was marked before.
     */
    public boolean markEscalation(ResidentRequest request, EscalationStep step) {
        var mark = new EscalationMark(request.communityId(), request.id(), request.expectedAt(), step);
        try {
            dynamo.putItem(r -> r.tableName(table).item(RequestItems.toItem(mark, clock.instant(), ESCALATION_MARK_TTL))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException marked) {
            return false;
        }
    }

    /** How long an alert's sent record stays: far longer than a stream record lives (24 hours) or a batch is retried. */
    public static final Duration ALERT_RECORD_TTL = Duration.ofDays(30);

    /** Whether AlertsFunction has published the alert {@code alertId}: one strongly consistent GetItem. */
    public boolean alertSent(String communityId, String alertId) {
        return recorded(alertKey(communityId, alertId));
    }

    /**
     * Records that the alert {@code alertId} was published as SNS message {@code messageId}: a
     * PutItem only if absent. False when it was recorded before, which means it was published twice.
     */
    public boolean recordAlertSent(String communityId, String alertId, String messageId) {
        return recordOnce(alertKey(communityId, alertId), "alert", "messageId", messageId);
    }

    /**
     * Publishes the alert {@code alertId} once: the strongly consistent GetItem of its sent record;
     * when there is none, {@code publish} (which publishes it and returns the SNS message id) and
     * the PutItem of the record only if absent. True when it published now, false when the record
     * was there (nothing published). Only a record written between the GetItem and the PutItem (a
     * second invocation sending the same alert, or this PutItem's first attempt, whose answer was
     * lost, retried by the SDK) makes the PutItem find one: logged as {@code alerts.published_twice},
     * with ids only. A Publish whose answer is lost and which the SDK retries, and a Publish followed
     * by a failed PutItem (the batch is retried), send the alert twice unseen: a subscriber drops the
     * second copy by its {@code alertId}.
     */
    public boolean publishOnce(String communityId, String alertId, Supplier<String> publish) {
        if (alertSent(communityId, alertId)) return false;
        String messageId = publish.get();
        if (!recordAlertSent(communityId, alertId, messageId)) {
            Log.warn("alerts.published_twice", "communityId", communityId, "alertId", alertId);
        }
        return true;
    }

    /** The sort key of an SMS's sent record, beside its alert's ({@code C#c#ALERT#alertId}). */
    public static final String SMS_SK = "SMS";

    /** Whether SmsSenderFunction has dealt with the SMS of alert {@code alertId} (sent, or given up): one strongly consistent GetItem. */
    public boolean smsDone(String communityId, String alertId) {
        return recorded(smsKey(communityId, alertId));
    }

    /**
     * Records what became of the SMS of alert {@code alertId} ({@code outcome}: the provider's
     * message id, or why it was not sent): a PutItem only if absent. False when it was recorded
     * before, which means a second sender got there first.
     */
    public boolean recordSms(String communityId, String alertId, String outcome) {
        return recordOnce(smsKey(communityId, alertId), "sms", "outcome", outcome);
    }

    /** Whether the sent record at {@code key} exists: one strongly consistent GetItem. */
    private boolean recorded(Map<String, AttributeValue> key) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty();
    }

    /** A sent record of {@code type} at {@code key}, kept {@link #ALERT_RECORD_TTL}: a PutItem only if absent; false when it was there. */
    private boolean recordOnce(Map<String, AttributeValue> key, String type, String attribute, String value) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        Instant now = clock.instant();
        item.put("type", s(type));
        item.put(attribute, s(value));
        item.put("sentAt", instant(now));
        item.put("ttl", n(now.plus(ALERT_RECORD_TTL).getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException recorded) {
            return false;
        }
    }

    /** A request's sealed contact phone and the requester's SMS choice; {@code sealedPhone} null when they gave none. */
    public record SmsContact(String sealedPhone, boolean smsUpdates) {}

    /** The attributes {@link #smsContact} reads of a request's item; an IAM policy may grant exactly these. */
    public static final String SMS_CONTACT_ATTRIBUTES = "sealedContactPhone, smsUpdates";

    /** The request's {@link SmsContact}: one GetItem of {@link #SMS_CONTACT_ATTRIBUTES} of its item; empty when there is no such request. */
    public Optional<SmsContact> smsContact(String communityId, String requestId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(requestKey(communityId, requestId))
                .projectionExpression(SMS_CONTACT_ATTRIBUTES));
        if (!response.hasItem() || response.item().isEmpty()) return Optional.empty();
        AttributeValue sms = response.item().get("smsUpdates");
        return Optional.of(new SmsContact(str(response.item(), "sealedContactPhone"), sms != null && Boolean.TRUE.equals(sms.bool())));
    }

    private static Map<String, AttributeValue> smsKey(String communityId, String alertId) {
        return Map.of("pk", alertKey(communityId, alertId).get("pk"), "sk", s(SMS_SK));
    }

    /** What {@link #holdAlert} did. */
    public enum Hold {
        /** Held for the digest, and its sent record written: a retried batch will not send it. */
        HELD,
        /** It had been sent or held before. */
        SENT_BEFORE,
        /** The digest of its release time has begun: it is too late to join it, so it is to be sent now. */
        DIGEST_BEGUN
    }

    /**
     * Holds a non-urgent alert for its morning digest, in one transaction: its sent record (only if
     * absent, as {@link #recordAlertSent}, marked held), its held item, and a check that the digest
     * of its release time has not begun ({@link #beginDigest}). So an alert is either in the digest
     * the sweep reads or sent by itself, never both and never neither.
     */
    public Hold holdAlert(HeldAlert held) {
        Map<String, AttributeValue> sent = new HashMap<>(alertKey(held.communityId(), held.alertId()));
        Instant now = clock.instant();
        sent.put("type", s("alert"));
        sent.put("heldUntil", instant(held.releaseAt()));
        sent.put("ttl", n(now.plus(ALERT_RECORD_TTL).getEpochSecond()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(sent).conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(held.toItem())).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .key(digestKey(held.communityId(), held.releaseAt())).conditionExpression("attribute_not_exists(pk)")).build()));
            return Hold.HELD;
        } catch (TransactionCanceledException e) {
            var reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.<software.amazon.awssdk.services.dynamodb.model.CancellationReason>of();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) return Hold.SENT_BEFORE;
            if (reasons.size() > 2 && "ConditionalCheckFailed".equals(reasons.get(2).code())) return Hold.DIGEST_BEGUN;
            throw e;
        }
    }

    /**
     * Begins the digest of the alerts released at {@code releaseAt}: from this PutItem on, no alert
     * joins it ({@link #holdAlert} answers {@link Hold#DIGEST_BEGUN}), so the Query that follows it
     * reads all it will ever hold. Writing it again changes nothing.
     */
    public void beginDigest(String communityId, Instant releaseAt) {
        Map<String, AttributeValue> item = new HashMap<>(digestKey(communityId, releaseAt));
        item.put("type", s("digest"));
        item.put("ttl", n(releaseAt.plus(ALERT_RECORD_TTL).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** The community's held alerts released at or before {@code upTo}, by release time: strongly consistent Queries, no Scan. */
    public List<HeldAlert> heldAlerts(String communityId, Instant upTo) {
        List<HeldAlert> held = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(r -> r.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk <= :upTo")
                    .expressionAttributeValues(Map.of(":pk", s(HeldAlert.partition(communityId)), ":upTo", s(HeldAlert.upTo(upTo))))
                    .exclusiveStartKey(from));
            response.items().forEach(item -> held.add(HeldAlert.fromItem(communityId, item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return held;
    }

    /** Removes held alerts once their digest is sent: BatchWriteItem, 25 at a time, until none is unprocessed. */
    public void releaseHeld(List<HeldAlert> held) {
        for (int i = 0; i < held.size(); i += 25) {
            List<WriteRequest> deletes = held.subList(i, Math.min(held.size(), i + 25)).stream()
                    .map(h -> WriteRequest.builder().deleteRequest(d -> d.key(h.key())).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, deletes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> batch = pending;
                var response = dynamo.batchWriteItem(r -> r.requestItems(batch));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static Map<String, AttributeValue> digestKey(String communityId, Instant releaseAt) {
        return Map.of("pk", s("C#" + communityId + "#ALERT#DIGEST#" + text(releaseAt)), "sk", s("ALERT"));
    }

    /** Up to when the overdue sweep of the community has read due times; empty before its first run. */
    public Optional<Instant> sweepWatermark(String communityId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(sweepKey(communityId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(time(response.item(), "watermark")) : Optional.empty();
    }

    /** Moves the watermark forward to {@code to}; never back, should two runs overlap. */
    public void moveSweepWatermark(String communityId, Instant to) {
        Map<String, AttributeValue> item = new HashMap<>(sweepKey(communityId));
        item.put("type", s("sweep"));
        item.put("watermark", instant(to));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR watermark < :to")
                    .expressionAttributeValues(Map.of(":to", instant(to))));
        } catch (ConditionalCheckFailedException further) {
            // another run moved it further already
        }
    }

    /**
     * One page of the community's open requests due in {@code [from, before)} ({@code from} null:
     * any time before), soonest first: the ByCommunity index, {@code gsi3sk BETWEEN from AND before}.
     * The sort key is {@code expectedAt#id}, so the bare instants bound it exactly.
     */
    public Page<ResidentRequest> dueBetween(String communityId, Instant from, Instant before, int limit, String cursor) {
        String partition = RequestItems.communityPartition(communityId, true);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(partition), ":before", instant(before)));
        if (from != null) values.put(":from", instant(from));
        return page(QueryRequest.builder().tableName(table).indexName("ByCommunity")
                .keyConditionExpression(from == null ? "gsi3pk = :p AND gsi3sk < :before" : "gsi3pk = :p AND gsi3sk BETWEEN :from AND :before")
                .expressionAttributeValues(values)
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, Set.of("pk", "sk", "gsi3pk", "gsi3sk"),
                        Map.of("gsi3pk", partition), Map.of("pk", pk(communityId, ""))))
                .build());
    }

    // ---------------------------------------------------------------- reads

    public Optional<IdempotencyRecord> findIdempotency(String communityId, String sub, String key) {
        var response = dynamo.getItem(r -> r.tableName(table).key(idempotencyKey(communityId, sub, key)));
        if (!response.hasItem() || response.item().isEmpty()) return Optional.empty();
        var item = response.item();
        if (num(item, "ttl", Long.MAX_VALUE) < clock.instant().getEpochSecond()) return Optional.empty();
        return Optional.of(new IdempotencyRecord(key, str(item, "bodyHash"), str(item, "requestId"), str(item, "response")));
    }

    public Optional<ResidentRequest> find(String communityId, String id) {
        var response = dynamo.getItem(r -> r.tableName(table).key(requestKey(communityId, id)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(RequestItems.request(response.item())) : Optional.empty();
    }

    /** A request and its timeline, oldest first; internal notes only when asked for. */
    public record WithTimeline(ResidentRequest request, List<TimelineEvent> timeline) {}

    public Optional<WithTimeline> findWithTimeline(String communityId, String id, boolean includeInternal) {
        var query = QueryRequest.builder().tableName(table)
                .expressionAttributeValues(includeInternal
                        ? Map.of(":pk", s(pk(communityId, id)))
                        : Map.of(":pk", s(pk(communityId, id)), ":from", s(RequestItems.PUBLIC_PREFIX), ":to", s(REQUEST_SK)))
                .keyConditionExpression(includeInternal ? "pk = :pk" : "pk = :pk AND sk BETWEEN :from AND :to");
        ResidentRequest request = null;
        java.util.TreeMap<String, TimelineEvent> timeline = new java.util.TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.query(query.exclusiveStartKey(start).build());
            for (var item : response.items()) {
                String sk = str(item, "sk");
                if (REQUEST_SK.equals(sk)) request = RequestItems.request(item);
                else timeline.put(sk.substring(sk.indexOf('#') + 1), RequestItems.event(item));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        if (request == null) return Optional.empty();
        // Public and internal entries interleave by time, then by the request version they were written at.
        return Optional.of(new WithTimeline(request, List.copyOf(timeline.values())));
    }

    /** A resident's own requests, newest first. */
    public Page<ResidentRequest> listByRequester(String communityId, String sub, int limit, String cursor) {
        String partition = RequestItems.requesterPartition(communityId, sub);
        var query = QueryRequest.builder().tableName(table).indexName("ByRequester")
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, Set.of("pk", "sk", "gsi1pk", "gsi1sk"),
                        Map.of("gsi1pk", partition), Map.of("pk", pk(communityId, ""))));
        return page(query.build());
    }

    /** Which inbox to read: by grid, the requests of no grid ({@code unplaced}), by assignee or the whole community; open or finished. */
    public record InboxQuery(String communityId, String gridId, boolean unplaced, String assigneeId, boolean open,
                             Set<Status> statuses, String category, Instant dueBefore, int limit, String cursor) {}

    /**
     * One page of an inbox, sorted by due time. The assignee, else the grid, else the community
     * picks the index; status, category (and the grid, within an assignee's list) narrow the page
     * with a filter; "overdue" is a key condition (due before now). A filtered page may hold fewer
     * items than the limit and still have a next cursor.
     */
    public Page<ResidentRequest> inbox(InboxQuery q) {
        String index;
        String pkAttribute;
        String skAttribute;
        String partition;
        if (q.assigneeId() != null) {
            index = "ByAssignee"; pkAttribute = "gsi4pk"; skAttribute = "gsi4sk";
            partition = RequestItems.assigneePartition(q.communityId(), q.assigneeId(), q.open());
        } else if (q.gridId() != null || q.unplaced()) {
            index = "ByGrid"; pkAttribute = "gsi2pk"; skAttribute = "gsi2sk";
            partition = RequestItems.gridPartition(q.communityId(), q.gridId(), q.open());
        } else {
            index = "ByCommunity"; pkAttribute = "gsi3pk"; skAttribute = "gsi3sk";
            partition = RequestItems.communityPartition(q.communityId(), q.open());
        }
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":p", s(partition));
        String keyCondition = pkAttribute + " = :p";
        if (q.dueBefore() != null) {
            keyCondition += " AND " + skAttribute + " < :due";
            values.put(":due", s(text(q.dueBefore())));
        }
        List<String> filters = new ArrayList<>();
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            List<String> placeholders = new ArrayList<>();
            int i = 0;
            for (Status status : q.statuses()) {
                values.put(":s" + i, s(status.wire()));
                placeholders.add(":s" + i++);
            }
            names.put("#status", "status");
            filters.add("#status IN (" + String.join(", ", placeholders) + ")");
        }
        if (q.assigneeId() != null && q.gridId() != null) {
            names.put("#grid", "gridId");
            values.put(":grid", s(q.gridId()));
            filters.add("#grid = :grid");
        }
        if (q.category() != null) {
            names.put("#category", "category");
            values.put(":category", s(q.category()));
            filters.add("#category = :category");
        }
        var query = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .scanIndexForward(true)
                .limit(q.limit())
                .exclusiveStartKey(Cursors.decode(q.cursor(), Set.of("pk", "sk", pkAttribute, skAttribute),
                        Map.of(pkAttribute, partition), Map.of("pk", pk(q.communityId(), ""))));
        if (!filters.isEmpty()) query.filterExpression(String.join(" AND ", filters));
        if (!names.isEmpty()) query.expressionAttributeNames(names);
        return page(query.build());
    }

    private Page<ResidentRequest> page(QueryRequest query) {
        var response = dynamo.query(query);
        List<ResidentRequest> items = response.items().stream().map(RequestItems::request).toList();
        return new Page<>(items, response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    // ---------------------------------------------------------------- transactions

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        var put = Put.builder().tableName(table).item(item);
        if (condition != null) put.conditionExpression(condition);
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * Whether the transaction was cancelled because the condition of its write at {@code index}
     * failed, as DynamoDB reports it: one cancellation reason per write, in the order written.
     * Without reasons nothing is known, and the caller rethrows.
     */
    static boolean failedAt(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }
}
