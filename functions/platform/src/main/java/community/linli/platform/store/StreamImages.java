package community.linli.platform.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB stream images, as a stream consumer receives them ({@code DynamodbEvent}, with the
 * Lambda events library's own {@code AttributeValue}), turned into the SDK's items, so that a
 * table's one item mapper reads both. This is the only place that knows the events library's type,
 * and the only place that reads a stream batch's JSON ({@link #records}) for a stream handler that
 * takes its event as a stream and maps it with Json.
 */
public final class StreamImages {
    private StreamImages() {}

    /** A {@code NewImage}, {@code OldImage} or {@code Keys} map as an SDK item; an absent image is an empty item. */
    public static Map<String, AttributeValue> toItem(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        if (image != null) image.forEach((name, value) -> item.put(name, toSdk(value)));
        return item;
    }

    /**
     * One attribute value. Exactly one member of a stream value is set; an unset one means the
     * image is not what DynamoDB sends, which is a bug to see, not data to guess at.
     */
    public static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        if (value.getS() != null) return AttributeValue.fromS(value.getS());
        if (value.getN() != null) return AttributeValue.fromN(value.getN());
        if (value.getB() != null) return AttributeValue.fromB(bytes(value.getB()));
        if (value.getBOOL() != null) return AttributeValue.fromBool(value.getBOOL());
        if (Boolean.TRUE.equals(value.getNULL())) return AttributeValue.fromNul(true);
        if (value.getSS() != null) return AttributeValue.fromSs(value.getSS());
        if (value.getNS() != null) return AttributeValue.fromNs(value.getNS());
        if (value.getBS() != null) return AttributeValue.fromBs(value.getBS().stream().map(StreamImages::bytes).toList());
        if (value.getM() != null) return AttributeValue.fromM(toItem(value.getM()));
        if (value.getL() != null) return AttributeValue.fromL(value.getL().stream().map(StreamImages::toSdk).toList());
        throw new IllegalArgumentException("A stream attribute value with no member set");
    }

    /**
     * One record of a DynamoDB stream batch: {@code eventName} ({@code INSERT}, {@code MODIFY},
     * {@code REMOVE}), the {@code SequenceNumber} a {@code StreamsEventResponse} names it by, and its
     * images as SDK items (an absent image is an empty item).
     */
    public record Change(String eventName, String sequenceNumber, Map<String, AttributeValue> keys,
                         Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {}

    /** The records of a stream batch as Lambda delivers it ({@code {"Records": [{"eventName", "dynamodb": {...}}]}}), in order. */
    public static List<Change> records(JsonNode event) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            JsonNode stream = record.path("dynamodb");
            changes.add(new Change(record.path("eventName").asText(), stream.path("SequenceNumber").asText(),
                    fromJson(stream.path("Keys")), fromJson(stream.path("NewImage")), fromJson(stream.path("OldImage"))));
        }
        return changes;
    }

    /** An image as the event's JSON carries it ({@code {"name": {"S": "..."}}}); a missing node is an empty item. */
    public static Map<String, AttributeValue> fromJson(JsonNode image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.properties().forEach(e -> item.put(e.getKey(), toSdk(e.getValue())));
        return item;
    }

    private static AttributeValue toSdk(JsonNode value) {
        var member = value.properties().iterator();
        if (!member.hasNext()) throw new IllegalArgumentException("A stream attribute value with no member set");
        var entry = member.next();
        JsonNode v = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "M" -> AttributeValue.fromM(fromJson(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(toSdk(element)));
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("A stream attribute value of type " + entry.getKey());
        };
    }

    /** An SDK item as a stream event's JSON carries it: the inverse of {@link #fromJson}. */
    public static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        item.forEach((name, value) -> out.set(name, toJson(value)));
        return out;
    }

    private static ObjectNode toJson(AttributeValue value) {
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
                value.l().forEach(v -> array.add(toJson(v)));
            }
            case M -> out.set("M", toJson(value.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("An attribute of a type this SDK does not know");
        }
        return out;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }

    /** The buffer's remaining bytes, read without moving its position: the image stays readable. */
    private static SdkBytes bytes(ByteBuffer buffer) {
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }
}
