package community.linli.tables.requests;

import static community.linli.platform.store.Attr.bool;
import static community.linli.platform.store.Attr.dbl;
import static community.linli.platform.store.Attr.instant;
import static community.linli.platform.store.Attr.n;
import static community.linli.platform.store.Attr.num;
import static community.linli.platform.store.Attr.putIf;
import static community.linli.platform.store.Attr.s;
import static community.linli.platform.store.Attr.str;
import static community.linli.platform.store.Attr.strList;
import static community.linli.platform.store.Attr.strings;
import static community.linli.platform.store.Attr.text;
import static community.linli.platform.store.Attr.time;

import community.linli.platform.Json;
import community.linli.platform.store.StreamImages;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The RequestsTable's keys and its one item mapping, for the store (SDK items) and for stream
 * consumers (stream images, through {@link #fromStreamImage}). The key design is drawn in
 * {@link RequestStore}.
 */
public final class RequestItems {
    public static final String REQUEST_SK = "REQ";
    /** Public timeline items sort from here up to {@link #REQUEST_SK}; internal notes sort before. */
    public static final String PUBLIC_PREFIX = "PUB#";
    public static final String INTERNAL_PREFIX = "INT#";

    /** What an item of the table is: a request, one entry of a timeline, or bookkeeping (counter, idempotency record). */
    public sealed interface Item permits RequestItem, EventItem, OtherItem {}

    public record RequestItem(ResidentRequest request) implements Item {}

    /** A timeline entry, with the request it belongs to: an event item is stored apart from its request. */
    public record EventItem(String communityId, String requestId, TimelineEvent event) implements Item {}

    public record OtherItem(String type) implements Item {}

    private RequestItems() {}

    // ---------------------------------------------------------------- keys

    public static String pk(String communityId, String id) {
        return "C#" + communityId + "#REQ#" + id;
    }

    public static Map<String, AttributeValue> requestKey(String communityId, String id) {
        return Map.of("pk", s(pk(communityId, id)), "sk", s(REQUEST_SK));
    }

    public static Map<String, AttributeValue> idempotencyKey(String communityId, String sub, String key) {
        return Map.of("pk", s("C#" + communityId + "#IDEM#" + sub + "#" + key), "sk", s("IDEM"));
    }

    public static Map<String, AttributeValue> counterKey(String communityId, String day) {
        return Map.of("pk", s("C#" + communityId + "#SEQ#" + day), "sk", s("SEQ"));
    }

    public static Map<String, AttributeValue> uploadKey(String communityId, String photoKey) {
        return Map.of("pk", s("C#" + communityId + "#UPLOAD#" + photoKey), "sk", s("UPLOAD"));
    }

    public static Map<String, AttributeValue> sweepKey(String communityId) {
        return Map.of("pk", s("C#" + communityId + "#SWEEP"), "sk", s("OVERDUE"));
    }

    /** An alert's sent record (AlertsFunction): bookkeeping under its own key, never in a request's partition. */
    public static Map<String, AttributeValue> alertKey(String communityId, String alertId) {
        return Map.of("pk", s("C#" + communityId + "#ALERT#" + alertId), "sk", s("ALERT"));
    }

    /**
     * An escalation mark of the overdue sweep ({@link EscalationMark}): in a partition of its own per
     * request, so no read of a request's timeline meets it, keyed by due time and step.
     */
    public static Map<String, AttributeValue> escalationKey(String communityId, String requestId, java.time.Instant due,
                                                            EscalationStep step) {
        return Map.of("pk", s("C#" + communityId + "#ESC#" + requestId), "sk", s(text(due) + "#" + step.wire()));
    }

    /** The item of an escalation mark, written at {@code markedAt}, removed by TTL after {@code keep}. */
    public static Map<String, AttributeValue> toItem(EscalationMark mark, java.time.Instant markedAt, java.time.Duration keep) {
        Map<String, AttributeValue> item = new HashMap<>(escalationKey(mark.communityId(), mark.requestId(), mark.due(), mark.step()));
        item.put("type", s("escalation"));
        item.put("communityId", s(mark.communityId()));
        item.put("requestId", s(mark.requestId()));
        item.put("due", instant(mark.due()));
        item.put("step", s(mark.step().wire()));
        item.put("markedAt", instant(markedAt));
        item.put("ttl", n(markedAt.plus(keep).getEpochSecond()));
        return item;
    }

    /** The escalation mark an item is, if it is one (read from a stream image or by the SDK). */
    public static Optional<EscalationMark> escalationMark(Map<String, AttributeValue> item) {
        if (!"escalation".equals(str(item, "type"))) return Optional.empty();
        return EscalationStep.ofWire(str(item, "step"))
                .map(step -> new EscalationMark(str(item, "communityId"), str(item, "requestId"), time(item, "due"), step));
    }

    /** ByRequester: a resident's requests. */
    public static String requesterPartition(String communityId, String sub) {
        return "C#" + communityId + "#U#" + sub;
    }

    /** ByGrid: a grid's open or finished requests, or (no grid) those filed at a point no building is near: the staff's unplaced queue. */
    public static String gridPartition(String communityId, String gridId, boolean open) {
        return "C#" + communityId + (gridId == null ? "#UNPLACED#" : "#G#" + gridId + "#") + phase(open);
    }

    /** ByCommunity: the whole community's open or finished requests. */
    public static String communityPartition(String communityId, boolean open) {
        return "C#" + communityId + "#" + phase(open);
    }

    /** ByAssignee: an assignee's open or finished requests, by their staff id. */
    public static String assigneePartition(String communityId, String staffId, boolean open) {
        return "C#" + communityId + "#A#" + staffId + "#" + phase(open);
    }

    private static String phase(boolean open) {
        return open ? "OPEN" : "DONE";
    }

    // ---------------------------------------------------------------- reading

    /** Any item of the table, as read by the SDK. */
    public static Item fromItem(Map<String, AttributeValue> item) {
        String type = str(item, "type");
        return switch (type == null ? "" : type) {
            case "request" -> new RequestItem(request(item));
            case "event" -> new EventItem(str(item, "communityId"), str(item, "requestId"), event(item));
            default -> new OtherItem(type);
        };
    }

    /** A stream record's {@code NewImage} or {@code OldImage}, read through the same mapping as {@link #fromItem}. */
    public static Item fromStreamImage(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return fromItem(StreamImages.toItem(image));
    }

    @SuppressWarnings("unchecked")
    static ResidentRequest request(Map<String, AttributeValue> item) {
        var location = new Location(str(item, "gridId"), str(item, "buildingId"), str(item, "unitId"), str(item, "roomId"),
                dbl(item, "latitude"), dbl(item, "longitude"), str(item, "address"));
        String resolutionText = str(item, "resolutionText");
        String answers = str(item, "answers");
        return new ResidentRequest(
                str(item, "communityId"),
                str(item, "id"),
                str(item, "requesterSub"),
                str(item, "category"),
                str(item, "description"),
                location,
                Priority.ofWire(Optional.ofNullable(str(item, "urgency")).orElse("normal")),
                Priority.ofWire(Optional.ofNullable(str(item, "priority")).orElse("normal")),
                str(item, "sealedContactPhone"),
                strList(item, "photoKeys"),
                answers == null ? Map.of() : Json.parse(answers, Map.class),
                bool(item, "hideIdentity"),
                Status.ofWire(str(item, "status")),
                assignee(item),
                time(item, "createdAt"),
                time(item, "updatedAt"),
                time(item, "expectedAt"),
                resolutionText == null ? null : new Resolution(resolutionText, strList(item, "resolutionPhotoKeys"),
                        str(item, "resolvedBy"), time(item, "resolvedAt")),
                item.containsKey("ratingScore") ? new Rating((int) num(item, "ratingScore", 0), str(item, "ratingComment"),
                        time(item, "ratedAt")) : null,
                (int) num(item, "reopenCount", 0),
                num(item, "version", 1),
                bool(item, "smsUpdates"));
    }

    static TimelineEvent event(Map<String, AttributeValue> item) {
        String status = str(item, "status");
        return new TimelineEvent(
                EventKind.ofWire(str(item, "kind")),
                str(item, "actorSub"),
                str(item, "actorRole"),
                time(item, "at"),
                status == null ? null : Status.ofWire(status),
                str(item, "sk").startsWith(INTERNAL_PREFIX),
                str(item, "text"),
                str(item, "reason"),
                assignee(item),
                strList(item, "photoKeys"));
    }

    private static Assignee assignee(Map<String, AttributeValue> item) {
        String staffId = str(item, "assigneeId");
        return staffId == null ? null : new Assignee(staffId, str(item, "assigneeRole"), str(item, "assigneeName"));
    }

    // ---------------------------------------------------------------- writing

    public static Map<String, AttributeValue> toItem(ResidentRequest r) {
        Map<String, AttributeValue> item = new HashMap<>(requestKey(r.communityId(), r.id()));
        item.put("type", s("request"));
        item.put("communityId", s(r.communityId()));
        item.put("id", s(r.id()));
        item.put("requesterSub", s(r.requesterSub()));
        item.put("category", s(r.category()));
        item.put("description", s(r.description()));
        item.put("urgency", s(r.urgency().wire()));
        item.put("priority", s(r.priority().wire()));
        putIf(item, "sealedContactPhone", r.sealedContactPhone());
        if (!r.photoKeys().isEmpty()) item.put("photoKeys", strings(r.photoKeys()));
        if (!r.answers().isEmpty()) item.put("answers", s(Json.write(r.answers())));
        item.put("hideIdentity", AttributeValue.fromBool(r.hideIdentity()));
        if (r.smsUpdates()) item.put("smsUpdates", AttributeValue.fromBool(true));
        item.put("status", s(r.status().wire()));
        putAssignee(item, r.assignee());
        item.put("createdAt", instant(r.createdAt()));
        item.put("updatedAt", instant(r.updatedAt()));
        putIf(item, "expectedAt", r.expectedAt());
        if (r.resolution() != null) {
            item.put("resolutionText", s(r.resolution().text()));
            if (!r.resolution().photoKeys().isEmpty()) item.put("resolutionPhotoKeys", strings(r.resolution().photoKeys()));
            item.put("resolvedBy", s(r.resolution().bySub()));
            item.put("resolvedAt", instant(r.resolution().at()));
        }
        if (r.rating() != null) {
            item.put("ratingScore", n(r.rating().score()));
            putIf(item, "ratingComment", r.rating().comment());
            item.put("ratedAt", instant(r.rating().at()));
        }
        if (r.reopenCount() > 0) item.put("reopenCount", n(r.reopenCount()));
        item.put("version", n(r.version()));
        Location l = r.location();
        if (l != null) {
            putIf(item, "gridId", l.gridId());
            putIf(item, "buildingId", l.buildingId());
            putIf(item, "unitId", l.unitId());
            putIf(item, "roomId", l.roomId());
            putIf(item, "latitude", l.latitude());
            putIf(item, "longitude", l.longitude());
            putIf(item, "address", l.address());
        }
        boolean open = r.status().open();
        String due = text(r.expectedAt() == null ? r.createdAt() : r.expectedAt()) + "#" + r.id();
        item.put("gsi1pk", s(requesterPartition(r.communityId(), r.requesterSub())));
        item.put("gsi1sk", s(text(r.createdAt()) + "#" + r.id()));
        item.put("gsi2pk", s(gridPartition(r.communityId(), r.gridId(), open)));
        item.put("gsi2sk", s(due));
        item.put("gsi3pk", s(communityPartition(r.communityId(), open)));
        item.put("gsi3sk", s(due));
        if (r.assignee() != null) {
            item.put("gsi4pk", s(assigneePartition(r.communityId(), r.assignee().staffId(), open)));
            item.put("gsi4sk", s(due));
        }
        return item;
    }

    /**
     * A timeline item. Its sort key orders by time, then by the request version it was written at,
     * then the change that made that version before anything appended to it (replies, notes). An
     * {@code overdue} item's key is its due time alone ({@code PUB#due#OVERDUE}), so a due time is
     * marked once, and a new due time (a reopen, a triage) can be marked again.
     */
    public static Map<String, AttributeValue> toItem(String communityId, String requestId, TimelineEvent event,
                                                     long version, boolean appended) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(communityId, requestId)));
        String unique = UUID.randomUUID().toString().substring(0, 8);
        item.put("sk", s(event.kind() == EventKind.OVERDUE ? PUBLIC_PREFIX + text(event.at()) + "#OVERDUE"
                : (event.internal() ? INTERNAL_PREFIX : PUBLIC_PREFIX) + text(event.at()) + "#"
                        + String.format("%09d", version) + (appended ? "#1" : "#0") + unique));
        item.put("type", s("event"));
        item.put("communityId", s(communityId));
        item.put("requestId", s(requestId));
        item.put("kind", s(event.kind().wire()));
        item.put("actorSub", s(event.actorSub()));
        item.put("actorRole", s(event.actorRole()));
        item.put("at", instant(event.at()));
        putIf(item, "status", event.status() == null ? null : event.status().wire());
        putIf(item, "text", event.text());
        putIf(item, "reason", event.reason());
        putAssignee(item, event.assignee());
        if (!event.photoKeys().isEmpty()) item.put("photoKeys", strings(event.photoKeys()));
        return item;
    }

    /** Requests and their assignment events name the assignee with the same three attributes. */
    private static void putAssignee(Map<String, AttributeValue> item, Assignee assignee) {
        if (assignee == null) return;
        item.put("assigneeId", s(assignee.staffId()));
        item.put("assigneeRole", s(assignee.role()));
        putIf(item, "assigneeName", assignee.name());
    }
}
