package community.linli.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stream images (the Lambda events library's attribute values) as SDK items, member by member. */
class StreamImagesTest {
    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v() {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    }

    @Test
    void everyMember_becomesTheSameSdkMember() {
        ByteBuffer photo = ByteBuffer.wrap("\u00ff\u00d8 jpeg".getBytes(StandardCharsets.ISO_8859_1));
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        image.put("s", v().withS("电梯"));
        image.put("n", v().withN("-12.50"));
        image.put("yes", v().withBOOL(true));
        image.put("no", v().withBOOL(false));
        image.put("nothing", v().withNULL(true));
        image.put("list", v().withL(List.of(v().withS("a"), v().withN("1"), v().withL(List.of()))));
        image.put("map", v().withM(Map.of("inner", v().withM(Map.of("deep", v().withS("x"))))));
        image.put("ss", v().withSS(List.of("G01", "G02")));
        image.put("ns", v().withNS(List.of("1", "2.5")));
        image.put("b", v().withB(photo));
        image.put("bs", v().withBS(List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3}))));

        Map<String, AttributeValue> item = StreamImages.toItem(image);

        assertThat(item).containsExactly(
                Map.entry("s", AttributeValue.fromS("电梯")),
                Map.entry("n", AttributeValue.fromN("-12.50")),
                Map.entry("yes", AttributeValue.fromBool(true)),
                Map.entry("no", AttributeValue.fromBool(false)),
                Map.entry("nothing", AttributeValue.fromNul(true)),
                Map.entry("list", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"),
                        AttributeValue.fromL(List.of())))),
                Map.entry("map", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("deep", AttributeValue.fromS("x")))))),
                Map.entry("ss", AttributeValue.fromSs(List.of("G01", "G02"))),
                Map.entry("ns", AttributeValue.fromNs(List.of("1", "2.5"))),
                Map.entry("b", AttributeValue.fromB(SdkBytes.fromByteArray("\u00ff\u00d8 jpeg".getBytes(StandardCharsets.ISO_8859_1)))),
                Map.entry("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1, 2}), SdkBytes.fromByteArray(new byte[] {3})))));
        assertThat(photo.position()).as("the image's buffer is left readable").isZero();
    }

    @Test
    void anAbsentImage_isAnEmptyItem() {
        assertThat(StreamImages.toItem(null)).isEmpty();
    }

    @Test
    void aValueWithNoMemberSet_isRefused() {
        assertThatThrownBy(() -> StreamImages.toSdk(v())).isInstanceOf(IllegalArgumentException.class);
    }
}
