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

    @Test
    void aBatchsJson_readsEveryMember_asTheEventsLibraryMappingDoes() throws Exception {
        String json = """
                {"Records": [{"eventID": "e1", "eventName": "MODIFY", "eventSource": "aws:dynamodb", "dynamodb": {
                  "ApproximateCreationDateTime": 1795940160, "SequenceNumber": "4421584500000000017450439091",
                  "Keys": {"pk": {"S": "C#demo#REQ#1"}, "sk": {"S": "REQ"}},
                  "NewImage": {"s": {"S": "电梯"}, "n": {"N": "-12.50"}, "yes": {"BOOL": true}, "nothing": {"NULL": true},
                    "list": {"L": [{"S": "a"}, {"N": "1"}, {"L": []}]}, "map": {"M": {"inner": {"M": {"deep": {"S": "x"}}}}},
                    "ss": {"SS": ["G01", "G02"]}, "ns": {"NS": ["1", "2.5"]}, "b": {"B": "AQI="}, "bs": {"BS": ["AQI=", "Aw=="]}},
                  "StreamViewType": "NEW_AND_OLD_IMAGES"}},
                 {"eventID": "e2", "eventName": "REMOVE", "dynamodb": {"SequenceNumber": "2", "Keys": {"pk": {"S": "x"}},
                  "OldImage": {"pk": {"S": "x"}}}}]}
                """;
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        image.put("s", v().withS("电梯"));
        image.put("n", v().withN("-12.50"));
        image.put("yes", v().withBOOL(true));
        image.put("nothing", v().withNULL(true));
        image.put("list", v().withL(List.of(v().withS("a"), v().withN("1"), v().withL(List.of()))));
        image.put("map", v().withM(Map.of("inner", v().withM(Map.of("deep", v().withS("x"))))));
        image.put("ss", v().withSS(List.of("G01", "G02")));
        image.put("ns", v().withNS(List.of("1", "2.5")));
        image.put("b", v().withB(ByteBuffer.wrap(new byte[] {1, 2})));
        image.put("bs", v().withBS(List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3}))));

        List<StreamImages.Change> changes = StreamImages.records(community.linli.platform.Json.MAPPER.readTree(json));

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).eventName()).isEqualTo("MODIFY");
        assertThat(changes.get(0).sequenceNumber()).isEqualTo("4421584500000000017450439091");
        assertThat(changes.get(0).keys()).containsExactly(Map.entry("pk", AttributeValue.fromS("C#demo#REQ#1")),
                Map.entry("sk", AttributeValue.fromS("REQ")));
        assertThat(changes.get(0).newImage()).isEqualTo(StreamImages.toItem(image));
        assertThat(changes.get(0).oldImage()).isEmpty();
        assertThat(changes.get(1).eventName()).isEqualTo("REMOVE");
        assertThat(changes.get(1).newImage()).isEmpty();
        assertThat(changes.get(1).oldImage()).containsExactly(Map.entry("pk", AttributeValue.fromS("x")));
    }

    @Test
    void aJsonValueOfAnUnknownType_isRefused() throws Exception {
        var image = community.linli.platform.Json.MAPPER.readTree("{\"x\": {\"Q\": \"?\"}}");

        assertThatThrownBy(() -> StreamImages.fromJson(image)).hasMessageContaining("type Q");
    }
}
