package community.linli.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import community.linli.platform.Priming;
import community.linli.platform.store.StreamImages;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestItems;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.TimelineEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stream batches SnapStart priming sends through the handler: a new urgent request in a grid and
 * an overdue mark, of the priming community, written by the table's own item mapping and shaped as
 * Lambda delivers a batch; and the priming community's emergency notice going live.
 */
final class PrimingBatch {
    private PrimingBatch() {}

    static String json() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        ResidentRequest request = ResidentRequest.filed(Priming.COMMUNITY, "000000-0000", "priming", "priming", "priming",
                new Location("G01", "B0101", null, null, null, null, null), Priority.URGENT, null, List.of(), Map.of(), false,
                at, at.plusSeconds(3600));
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        records.add(record("1", RequestItems.toItem(request)));
        records.add(record("2", RequestItems.toItem(Priming.COMMUNITY, request.id(), TimelineEvent.overdue(request), 1, false)));
        return Json.write(event);
    }

    /**
     * The NoticesTable's batch priming sends: the priming community's emergency notice going live
     * (its announcement removed), from {@code table}'s stream, as the NoticesStream mapping delivers it.
     */
    static String noticesJson(String table) {
        String noticeId = "nt-00000000000000000000";
        Map<String, AttributeValue> keys = Map.of("pk", AttributeValue.fromS("C#" + Priming.COMMUNITY + "#N#" + noticeId),
                "sk", AttributeValue.fromS(EmergencyNotices.ANNOUNCE));
        Map<String, AttributeValue> old = new java.util.HashMap<>(keys);
        old.put("type", AttributeValue.fromS("announcement"));
        old.put("noticeId", AttributeValue.fromS(noticeId));
        old.put("kind", AttributeValue.fromS("emergency"));
        ObjectNode event = Json.MAPPER.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventID", "priming-notice").put("eventName", "REMOVE").put("eventSource", "aws:dynamodb");
        ObjectNode stream = record.putObject("dynamodb");
        stream.set("Keys", StreamImages.toJson(keys));
        stream.set("OldImage", StreamImages.toJson(old));
        stream.put("SequenceNumber", "1").put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", "arn:aws:dynamodb:priming:000000000000:table/" + table + "/stream/priming");
        return Json.write(event);
    }

    private static ObjectNode record(String sequenceNumber, Map<String, AttributeValue> item) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("eventID", "priming-" + sequenceNumber).put("eventName", "INSERT").put("eventSource", "aws:dynamodb");
        ObjectNode stream = record.putObject("dynamodb");
        stream.set("Keys", StreamImages.toJson(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        stream.set("NewImage", StreamImages.toJson(item));
        stream.put("SequenceNumber", sequenceNumber).put("StreamViewType", "NEW_AND_OLD_IMAGES");
        return record;
    }
}
