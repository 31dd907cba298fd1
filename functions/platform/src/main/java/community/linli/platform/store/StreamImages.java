package community.linli.platform.store;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB stream images, as a stream consumer receives them ({@code DynamodbEvent}, with the
 * Lambda events library's own {@code AttributeValue}), turned into the SDK's items, so that a
 * table's one item mapper reads both. This is the only place that knows the events library's type.
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

    /** The buffer's remaining bytes, read without moving its position: the image stays readable. */
    private static SdkBytes bytes(ByteBuffer buffer) {
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }
}
