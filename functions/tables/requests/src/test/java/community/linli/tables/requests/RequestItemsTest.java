package community.linli.tables.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import community.linli.platform.Json;
import community.linli.platform.store.StreamImages;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LambdaJson;
import community.linli.testkit.StreamEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The RequestsTable's keys and its one mapping, from SDK items and from stream images, without AWS. */
class RequestItemsTest {
    private static final ResidentRequest RESOLVED = Samples.at(Status.RESOLVED).change(Samples.FILED.plusSeconds(600))
            .resolution(new Resolution("更换了控制板", List.of("uploads/demo/fix-1.jpg"), Samples.ASSIGNEE, Samples.FILED.plusSeconds(600)))
            .rating(new Rating(5, "谢谢", Samples.FILED.plusSeconds(900))).reopenCount(1).build();
    private static final TimelineEvent RESOLVE_EVENT = TimelineEvent.of(EventKind.RESOLVED, Samples.ASSIGNEE, "grid_worker",
            Samples.FILED.plusSeconds(600), Status.RESOLVED).withText("更换了控制板").withReason("复查").withPhotos(List.of("uploads/demo/fix-1.jpg"))
            .withAssignee(new Assignee(Samples.ASSIGNEE, Assignee.GRID_WORKER, "赵敏"));

    // ---------------------------------------------------------------- keys

    @Test
    void keys_startWithTheCommunity() {
        assertThat(RequestItems.pk("demo", "261128-0001")).isEqualTo("C#demo#REQ#261128-0001");
        assertThat(RequestItems.requestKey("demo", "261128-0001"))
                .isEqualTo(Map.of("pk", AttributeValue.fromS("C#demo#REQ#261128-0001"), "sk", AttributeValue.fromS("REQ")));
        assertThat(RequestItems.idempotencyKey("demo", "sub-1", "wx-retry-1"))
                .isEqualTo(Map.of("pk", AttributeValue.fromS("C#demo#IDEM#sub-1#wx-retry-1"), "sk", AttributeValue.fromS("IDEM")));
        assertThat(RequestItems.counterKey("demo", "261128"))
                .isEqualTo(Map.of("pk", AttributeValue.fromS("C#demo#SEQ#261128"), "sk", AttributeValue.fromS("SEQ")));
    }

    @Test
    void indexPartitions_splitOpenFromDone() {
        assertThat(RequestItems.requesterPartition("demo", "sub-1")).isEqualTo("C#demo#U#sub-1");
        assertThat(RequestItems.gridPartition("demo", "G03", true)).isEqualTo("C#demo#G#G03#OPEN");
        assertThat(RequestItems.gridPartition("demo", null, true)).isEqualTo("C#demo#UNPLACED#OPEN");
        assertThat(RequestItems.communityPartition("demo", false)).isEqualTo("C#demo#DONE");
        assertThat(RequestItems.assigneePartition("demo", "sub-9", true)).isEqualTo("C#demo#A#sub-9#OPEN");
    }

    @Test
    void toItem_putsARequestIntoTheIndexesOfItsPhase() {
        var open = RequestItems.toItem(Samples.at(Status.ASSIGNED));
        var done = RequestItems.toItem(Samples.at(Status.CLOSED));

        assertThat(open.get("gsi2pk").s()).isEqualTo("C#demo#G#G03#OPEN");
        assertThat(open.get("gsi3pk").s()).isEqualTo("C#demo#OPEN");
        assertThat(open.get("gsi4pk").s()).isEqualTo("C#demo#A#" + Samples.ASSIGNEE + "#OPEN");
        assertThat(open.get("gsi3sk").s()).isEqualTo("2026-11-28T12:15:30.123Z#261128-0001");
        assertThat(done.get("gsi3pk").s()).isEqualTo("C#demo#DONE");
        assertThat(RequestItems.toItem(Samples.filed(Samples.AT_A_POINT, false))).doesNotContainKey("gsi4pk")
                .extractingByKey("gsi2pk").isEqualTo(AttributeValue.fromS("C#demo#UNPLACED#OPEN"));
    }

    @Test
    void anOverdueItem_isKeyedByItsDueTimeAlone() {
        var mark = TimelineEvent.overdue(Samples.at(Status.ASSIGNED));

        assertThat(RequestItems.toItem("demo", "261128-0001", mark, 2, false).get("sk").s()).isEqualTo("PUB#2026-11-28T12:15:30.123Z#OVERDUE");
        assertThat(RequestItems.toItem("demo", "261128-0001", mark, 9, false)).isEqualTo(RequestItems.toItem("demo", "261128-0001", mark, 2, false));
    }

    @Test
    void aTimelineItem_sortsPublicEntriesAfterInternalOnes_byTimeThenVersion() {
        String change = RequestItems.toItem("demo", "261128-0001", RESOLVE_EVENT, 7, false).get("sk").s();
        String reply = RequestItems.toItem("demo", "261128-0001", RESOLVE_EVENT, 7, true).get("sk").s();
        String note = RequestItems.toItem("demo", "261128-0001", RESOLVE_EVENT.asInternal(), 7, true).get("sk").s();

        assertThat(change).startsWith("PUB#2026-11-28T08:25:30.123Z#000000007#0");
        assertThat(reply).startsWith("PUB#2026-11-28T08:25:30.123Z#000000007#1");
        assertThat(note).startsWith("INT#").isLessThan(RequestItems.PUBLIC_PREFIX);
        assertThat(change).isLessThan(reply).isGreaterThanOrEqualTo(RequestItems.PUBLIC_PREFIX).isLessThan(RequestItems.REQUEST_SK);
    }

    // ---------------------------------------------------------------- SDK items

    @Test
    void aRequest_roundTripsThroughItsItem() {
        assertThat(RequestItems.fromItem(RequestItems.toItem(RESOLVED))).isEqualTo(new RequestItems.RequestItem(RESOLVED));
        assertThat(RequestItems.fromItem(RequestItems.toItem(Samples.filed(Samples.AT_A_POINT, true))))
                .isEqualTo(new RequestItems.RequestItem(Samples.filed(Samples.AT_A_POINT, true)));
    }

    @Test
    void anEvent_roundTripsThroughItsItem_publicOrInternal() {
        for (TimelineEvent event : List.of(RESOLVE_EVENT, RESOLVE_EVENT.asInternal(),
                TimelineEvent.of(EventKind.OVERDUE, "system", "system", Samples.FILED, Status.ASSIGNED))) {
            var item = RequestItems.toItem("demo", "261128-0001", event, 3, false);

            assertThat(RequestItems.fromItem(item)).isEqualTo(new RequestItems.EventItem("demo", "261128-0001", event));
        }
    }

    @Test
    void everyEventKind_isStoredUnderItsWireName() {
        for (EventKind kind : EventKind.values()) {
            var event = TimelineEvent.of(kind, "sub", "staff", Samples.FILED, Status.ACCEPTED);
            var item = RequestItems.toItem("demo", "261128-0001", event, 1, false);

            assertThat(item.get("kind").s()).isEqualTo(kind.wire());
            assertThat(((RequestItems.EventItem) RequestItems.fromItem(item)).event().kind()).isEqualTo(kind);
        }
    }

    @Test
    void bookkeepingItems_areNeitherRequestsNorEvents() {
        Map<String, AttributeValue> idempotency = new HashMap<>(RequestItems.idempotencyKey("demo", "sub-1", "k"));
        idempotency.put("type", AttributeValue.fromS("idempotency"));

        assertThat(RequestItems.fromItem(idempotency)).isEqualTo(new RequestItems.OtherItem("idempotency"));
        assertThat(RequestItems.fromItem(RequestItems.counterKey("demo", "261128"))).isEqualTo(new RequestItems.OtherItem(null));
    }

    // ---------------------------------------------------------------- stream images

    @Test
    void aRequestAndItsEvent_roundTripThroughAStreamImage_asTheRuntimeDeliversIt() {
        var requestItem = RequestItems.toItem(RESOLVED);
        var eventItem = RequestItems.toItem("demo", RESOLVED.id(), RESOLVE_EVENT, RESOLVED.version(), false);

        DynamodbEvent delivered = LambdaJson.read(StreamEvents.event(List.of(
                record("1", OperationType.MODIFY, requestItem, RequestItems.toItem(Samples.at(Status.ASSIGNED))),
                record("2", OperationType.INSERT, eventItem, null)), "arn:aws:dynamodb:ap-east-1:123456789012:table/t/stream/s"),
                DynamodbEvent.class);

        var modify = delivered.getRecords().get(0).getDynamodb();
        var insert = delivered.getRecords().get(1).getDynamodb();
        assertThat(RequestItems.fromStreamImage(modify.getNewImage())).isEqualTo(new RequestItems.RequestItem(RESOLVED));
        assertThat(RequestItems.fromStreamImage(modify.getOldImage())).isEqualTo(new RequestItems.RequestItem(Samples.at(Status.ASSIGNED)));
        assertThat(RequestItems.fromStreamImage(insert.getNewImage()))
                .isEqualTo(new RequestItems.EventItem("demo", RESOLVED.id(), RESOLVE_EVENT));
        assertThat(StreamImages.toItem(modify.getNewImage())).isEqualTo(requestItem);
    }

    @Test
    void theStreamFixture_readsAsTheStoreWroteIt() {
        DynamodbEvent batch = LambdaJson.read(HttpEvents.fixtureJson("requests-stream.json"), DynamodbEvent.class);

        var modify = batch.getRecords().get(0);
        var insert = batch.getRecords().get(1);
        assertThat(modify.getEventName()).isEqualTo("MODIFY");
        assertThat(modify.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        var after = (RequestItems.RequestItem) RequestItems.fromStreamImage(modify.getDynamodb().getNewImage());
        var before = (RequestItems.RequestItem) RequestItems.fromStreamImage(modify.getDynamodb().getOldImage());
        assertThat(before.request().status()).isEqualTo(Status.ACCEPTED);
        assertThat(after.request().status()).isEqualTo(Status.ASSIGNED);
        assertThat(after.request().assignee()).isEqualTo(new Assignee("demo-grid-worker", "grid_worker", "王芳"));
        assertThat(after.request().answers()).isEqualTo(Map.of("floor", 7, "trapped", "无人被困"));
        assertThat(after.request().version()).isEqualTo(3);
        var event = (RequestItems.EventItem) RequestItems.fromStreamImage(insert.getDynamodb().getNewImage());
        assertThat(event.requestId()).isEqualTo("261128-0001");
        assertThat(event.event().kind()).isEqualTo(EventKind.ASSIGNED);
        assertThat(event.event().at()).isEqualTo(Instant.parse("2026-11-28T08:16:00.456Z"));

        // Written back by the store's mapping, each image is what it was: the fixture holds exactly the store's attributes.
        for (var image : List.of(modify.getDynamodb().getNewImage(), modify.getDynamodb().getOldImage())) {
            var request = ((RequestItems.RequestItem) RequestItems.fromStreamImage(image)).request();
            assertThat(withParsedAnswers(RequestItems.toItem(request))).isEqualTo(withParsedAnswers(StreamImages.toItem(image)));
        }
        var written = RequestItems.toItem(event.communityId(), event.requestId(), event.event(), 3, false);
        written.put("sk", StreamImages.toItem(insert.getDynamodb().getNewImage()).get("sk"));
        assertThat(written).isEqualTo(StreamImages.toItem(insert.getDynamodb().getNewImage()));
    }

    private static Record record(String sequence, OperationType operation, Map<String, AttributeValue> newImage,
                                 Map<String, AttributeValue> oldImage) {
        var stream = StreamRecord.builder()
                .keys(Map.of("pk", newImage.get("pk"), "sk", newImage.get("sk")))
                .newImage(newImage).oldImage(oldImage)
                .sequenceNumber(sequence).sizeBytes(100L)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                .approximateCreationDateTime(Samples.FILED);
        return Record.builder().eventID("e" + sequence).eventName(operation).eventVersion("1.1").eventSource("aws:dynamodb")
                .awsRegion("ap-east-1").dynamodb(stream.build()).build();
    }

    /** The answers attribute is JSON text whose key order is not part of the mapping. */
    private static Map<String, Object> withParsedAnswers(Map<String, AttributeValue> item) {
        Map<String, Object> out = new HashMap<>(item);
        if (item.containsKey("answers")) out.put("answers", Json.parse(item.get("answers").s(), Map.class));
        return out;
    }
}
