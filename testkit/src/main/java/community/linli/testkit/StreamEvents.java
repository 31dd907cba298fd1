package community.linli.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import community.linli.platform.store.StreamImages;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * DynamoDB stream records, as read through the Streams API, written as the event JSON Lambda
 * delivers to a stream consumer: {@code {"Records":[{"eventID", "eventName", "dynamodb": {...},
 * "eventSourceARN"}]}}, with {@code ApproximateCreationDateTime} in epoch seconds. The local app
 * hands these to stream consumers; tests build stream events from items the same way.
 */
public final class StreamEvents {
    private StreamEvents() {}

    public static String event(List<Record> records, String streamArn) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record record : records) array.add(record(record, streamArn));
        return event.toString();
    }

    private static ObjectNode record(Record record, String streamArn) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", record.eventVersion());
        out.put("eventSource", record.eventSource());
        out.put("awsRegion", record.awsRegion());
        StreamRecord stream = record.dynamodb();
        ObjectNode dynamodb = out.putObject("dynamodb");
        if (stream.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
        }
        if (stream.hasKeys()) dynamodb.set("Keys", StreamImages.toJson(stream.keys()));
        if (stream.hasNewImage()) dynamodb.set("NewImage", StreamImages.toJson(stream.newImage()));
        if (stream.hasOldImage()) dynamodb.set("OldImage", StreamImages.toJson(stream.oldImage()));
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) dynamodb.put("SizeBytes", stream.sizeBytes());
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        out.put("eventSourceARN", streamArn);
        if (record.userIdentity() != null) {
            out.putObject("userIdentity").put("type", record.userIdentity().type())
                    .put("principalId", record.userIdentity().principalId());
        }
        return out;
    }
}
