package community.linli.core.requests;

import static community.linli.core.store.Attr.dbl;
import static community.linli.core.store.Attr.instant;
import static community.linli.core.store.Attr.n;
import static community.linli.core.store.Attr.num;
import static community.linli.core.store.Attr.putIf;
import static community.linli.core.store.Attr.s;
import static community.linli.core.store.Attr.str;
import static community.linli.core.store.Attr.time;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The RequestsTable. Every key starts with the community id, so no query can cross communities.
 *
 * <pre>
 * item                pk                          sk              GSI keys
 * request             C#c#REQ#id                  REQ             ByRequester  gsi1 = C#c#U#sub       / createdAt#id
 *                                                                 ByGrid       gsi2 = C#c#G#grid#OPEN / expectedAt#id
 *                                                                 ByCommunity  gsi3 = C#c#OPEN        / expectedAt#id
 * timeline event      C#c#REQ#id                  EV#at#n
 * daily counter       C#c#SEQ#yyMMdd              SEQ             (ttl: a few days)
 * </pre>
 *
 * Open requests sit under {@code OPEN} in the inbox indexes, finished ones under {@code DONE}, so an
 * inbox is one Query sorted by due time. The table's stream carries every write to the alerts.
 */
public final class RequestStore {
    /** Tracking numbers follow the community's calendar day, which is China's. */
    public static final ZoneId COMMUNITY_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final String REQUEST_SK = "REQ";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public RequestStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The next tracking number of the community's day, such as {@code 261128-0042}: one atomic counter update. */
    public String nextTrackingNumber(String communityId) {
        LocalDate day = LocalDate.now(clock.withZone(COMMUNITY_ZONE));
        String dayKey = DAY.format(day);
        long expires = clock.instant().plus(Duration.ofDays(3)).getEpochSecond();
        var response = dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of("pk", s("C#" + communityId + "#SEQ#" + dayKey), "sk", s("SEQ")))
                .updateExpression("ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)")
                .expressionAttributeNames(Map.of("#n", "n", "#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(expires)))
                .returnValues(ReturnValue.UPDATED_NEW));
        long sequence = Long.parseLong(response.attributes().get("n").n());
        return dayKey + "-" + String.format("%04d", sequence);
    }

    /** Writes a new request and its first timeline event atomically; an existing id is a bug, not a retry. */
    public void create(ResidentRequest request, TimelineEvent first) {
        dynamo.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(Put.builder()
                        .tableName(table)
                        .item(toItem(request))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build()).build(),
                TransactWriteItem.builder().put(Put.builder()
                        .tableName(table)
                        .item(toItem(request.communityId(), request.id(), first))
                        .build()).build()));
    }

    public Optional<ResidentRequest> find(String communityId, String id) {
        var response = dynamo.getItem(r -> r.tableName(table).key(requestKey(communityId, id)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    static Map<String, AttributeValue> requestKey(String communityId, String id) {
        return Map.of("pk", s(pk(communityId, id)), "sk", s(REQUEST_SK));
    }

    static String pk(String communityId, String id) {
        return "C#" + communityId + "#REQ#" + id;
    }

    static Map<String, AttributeValue> toItem(ResidentRequest r) {
        Map<String, AttributeValue> item = new HashMap<>(requestKey(r.communityId(), r.id()));
        item.put("type", s("request"));
        item.put("communityId", s(r.communityId()));
        item.put("id", s(r.id()));
        item.put("requesterSub", s(r.requesterSub()));
        item.put("category", s(r.category()));
        item.put("description", s(r.description()));
        item.put("status", s(r.status().wire()));
        item.put("createdAt", instant(r.createdAt()));
        item.put("updatedAt", instant(r.updatedAt()));
        putIf(item, "expectedAt", r.expectedAt());
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
        String phase = r.status().open() ? "OPEN" : "DONE";
        String due = (r.expectedAt() == null ? r.createdAt() : r.expectedAt()) + "#" + r.id();
        item.put("gsi1pk", s("C#" + r.communityId() + "#U#" + r.requesterSub()));
        item.put("gsi1sk", s(r.createdAt() + "#" + r.id()));
        if (r.gridId() != null) {
            item.put("gsi2pk", s("C#" + r.communityId() + "#G#" + r.gridId() + "#" + phase));
            item.put("gsi2sk", s(due));
        }
        item.put("gsi3pk", s("C#" + r.communityId() + "#" + phase));
        item.put("gsi3sk", s(due));
        return item;
    }

    static ResidentRequest fromItem(Map<String, AttributeValue> item) {
        var location = new Location(str(item, "gridId"), str(item, "buildingId"), str(item, "unitId"), str(item, "roomId"),
                dbl(item, "latitude"), dbl(item, "longitude"), str(item, "address"));
        return new ResidentRequest(
                str(item, "communityId"),
                str(item, "id"),
                str(item, "requesterSub"),
                str(item, "category"),
                str(item, "description"),
                location,
                Status.ofWire(str(item, "status")),
                time(item, "createdAt"),
                time(item, "updatedAt"),
                time(item, "expectedAt"),
                num(item, "version", 1));
    }

    static Map<String, AttributeValue> toItem(String communityId, String requestId, TimelineEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(communityId, requestId)));
        item.put("sk", s("EV#" + event.at() + "#" + event.sequence()));
        item.put("type", s("event"));
        item.put("communityId", s(communityId));
        item.put("requestId", s(requestId));
        item.put("kind", s(event.kind()));
        item.put("actorSub", s(event.actorSub()));
        item.put("at", instant(event.at()));
        putIf(item, "status", event.status() == null ? null : event.status().wire());
        return item;
    }
}
