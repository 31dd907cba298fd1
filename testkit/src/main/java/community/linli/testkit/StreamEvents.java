package community.linli.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
        if (stream.hasKeys()) dynamodb.set("Keys", image(stream.keys()));
        if (stream.hasNewImage()) dynamodb.set("NewImage", image(stream.newImage()));
        if (stream.hasOldImage()) dynamodb.set("OldImage", image(stream.oldImage()));
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

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        item.forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> out.put("S", value.s());
            case N -> out.put("N", value.n());
            case B -> out.put("B", base64(value.b()));
            case BOOL -> out.put("BOOL", value.bool());
            case NUL -> out.put("NULL", true);
            case SS -> value.ss().forEach(out.putArray("SS")::add);
            case NS -> value.ns().forEach(out.putArray("NS")::add);
            case BS -> {
                ArrayNode array = out.putArray("BS");
                value.bs().forEach(b -> array.add(base64(b)));
            }
            case L -> {
                ArrayNode array = out.putArray("L");
                value.l().forEach(v -> array.add(value(v)));
            }
            case M -> out.set("M", image(value.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("An attribute of a type this SDK does not know");
        }
        return out;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
