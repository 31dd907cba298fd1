package community.linli.residentupdates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import community.linli.platform.Priming;
import community.linli.platform.store.StreamImages;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestItems;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stream batch SnapStart priming sends through the handler: the assignment of a request of the
 * priming community (a MODIFY with both images, written by the table's own item mapping, shaped as
 * Lambda delivers a batch). Its requester is {@link Priming#COMMUNITY}, an account id no sign-in
 * ever makes (they are {@code u…}), so there is never a consent to use; it asked for no SMS updates.
 */
final class PrimingBatch {
    private PrimingBatch() {}

    /** The priming request before and after its assignment. */
    static List<ResidentRequest> assignment() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        ResidentRequest filed = ResidentRequest.filed(Priming.COMMUNITY, "000000-0000", Priming.COMMUNITY, "priming", "priming",
                new Location("G01", "B0101", null, null, null, null, null), Priority.NORMAL, null, List.of(), Map.of(), false,
                at, at.plusSeconds(3600));
        ResidentRequest assigned = filed.change(at.plusSeconds(60)).status(Status.ASSIGNED)
                .assignee(new Assignee(Priming.COMMUNITY, "grid_worker", "priming")).version(filed.version() + 1).build();
        return List.of(filed, assigned);
    }

    static String json() {
        List<ResidentRequest> change = assignment();
        var oldItem = RequestItems.toItem(change.get(0));
        var newItem = RequestItems.toItem(change.get(1));
        ObjectNode event = Json.MAPPER.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventID", "priming-1").put("eventName", "MODIFY").put("eventSource", "aws:dynamodb");
        ObjectNode stream = record.putObject("dynamodb");
        stream.set("Keys", StreamImages.toJson(Map.of("pk", newItem.get("pk"), "sk", newItem.get("sk"))));
        stream.set("NewImage", StreamImages.toJson(newItem));
        stream.set("OldImage", StreamImages.toJson(oldItem));
        stream.put("SequenceNumber", "1").put("StreamViewType", "NEW_AND_OLD_IMAGES");
        return Json.write(event);
    }
}
