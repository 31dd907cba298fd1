package community.linli.tables.requests;

import static community.linli.platform.store.Attr.instant;
import static community.linli.platform.store.Attr.n;
import static community.linli.platform.store.Attr.putIf;
import static community.linli.platform.store.Attr.s;
import static community.linli.platform.store.Attr.str;
import static community.linli.platform.store.Attr.text;
import static community.linli.platform.store.Attr.time;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A non-urgent alert held in quiet hours until {@code releaseAt}, the end of the quiet hours it
 * fell in, when the morning's digest lists it ({@code headline}: its one-line text) for its
 * recipient. Stored under the community's held partition, sorted by release time, so that the
 * digest's sweep finds every alert due with one Query: {@code pk = C#c#ALERT#HELD},
 * {@code sk = releaseAt#recipientRole#recipientId#alertId}.
 */
public record HeldAlert(String communityId, String alertId, Instant releaseAt, String recipientId, String recipientRole,
                        String requestId, String kind, String gridId, String headline) {

    /** How long a held alert stays if no digest takes it (the sweep stopped): as long as a sent record. */
    static final java.time.Duration TTL = RequestStore.ALERT_RECORD_TTL;

    static String partition(String communityId) {
        return "C#" + communityId + "#ALERT#HELD";
    }

    /** The sort keys of the alerts released at or before {@code releaseAt} are at most this. */
    static String upTo(Instant releaseAt) {
        return text(releaseAt) + "#~";
    }

    Map<String, AttributeValue> key() {
        return Map.of("pk", s(partition(communityId)),
                "sk", s(String.join("#", text(releaseAt), recipientRole, recipientId, alertId)));
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(key());
        item.put("type", s("held_alert"));
        item.put("alertId", s(alertId));
        item.put("releaseAt", instant(releaseAt));
        item.put("recipientId", s(recipientId));
        item.put("recipientRole", s(recipientRole));
        item.put("requestId", s(requestId));
        item.put("kind", s(kind));
        putIf(item, "gridId", gridId);
        item.put("headline", s(headline));
        item.put("ttl", n(releaseAt.plus(TTL).getEpochSecond()));
        return item;
    }

    static HeldAlert fromItem(String communityId, Map<String, AttributeValue> item) {
        return new HeldAlert(communityId, str(item, "alertId"), time(item, "releaseAt"), str(item, "recipientId"),
                str(item, "recipientRole"), str(item, "requestId"), str(item, "kind"), str(item, "gridId"), str(item, "headline"));
    }
}
