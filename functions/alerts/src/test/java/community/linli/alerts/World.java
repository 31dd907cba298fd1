package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.platform.Priming;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.Rating;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.Resolution;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import community.linli.tables.requests.TimelineEvent;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.StreamEvents;
import community.linli.testkit.TableStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The demo community on moto (directory and staff registry seeded), requests written through
 * RequestStore as RequestsFunction writes them, the RequestsTable's stream read through the
 * DynamoDB Streams API as Lambda's poller reads it, and SQS queues subscribed to the AlertsTopic
 * with filter policies, as a deployer subscribes people. Every message read back from a queue
 * passes {@link PrivacyScan}.
 */
final class World {
    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RequestStore requests;
    final DirectoryStore directory;
    final StaffStore staff;
    final String streamArn;
    private final TableStream stream;

    private World(LocalAws aws) {
        this.aws = aws;
        this.requests = new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), clock);
        this.directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
        this.staff = new StaffStore(aws.dynamoDb(), aws.name("StaffTable"),
                new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), clock);
        this.stream = new TableStream(aws, "RequestsTable");
        this.streamArn = stream.arn();
    }

    /** The demo community's directory and registry, seeded before the stream is read: their writes are on no stream. */
    static World demo(LocalAws aws) {
        World world = new World(aws);
        DemoCommunity.seed(aws);
        DemoCommunity.seedStaff(aws, world.clock);
        return world;
    }

    AlertsHandler handler() {
        return aws.construct("AlertsFunction", () -> new AlertsHandler(clock));
    }

    /** A handler whose batches run at the world's clock: who is on duty depends on it. */
    AlertsHandler handlerOnTheWorldsClock() {
        var env = aws.environment("AlertsFunction");
        return new AlertsHandler(requests, StaffStore.reader(aws.dynamoDb(), env.get("STAFF_TABLE")), directory, aws.sns(),
                env.get("ALERTS_TOPIC"), env.get("ALERT_LINK_BASE_URL"), clock);
    }

    // ---------------------------------------------------------------- requests, as RequestsFunction writes them

    ResidentRequest file(String category, int grid, Priority urgency) {
        return file(category, new Location(DemoCommunity.gridId(grid), DemoCommunity.buildingId(grid, 1), "1", "302", null, null, null),
                urgency, false, "楼道灯不亮了");
    }

    ResidentRequest file(String category, Location location, Priority urgency, boolean hideIdentity, String description) {
        String id = "261130-" + String.format("%04d", REQUESTS.incrementAndGet());
        Instant at = clock.instant();
        ResidentRequest request = ResidentRequest.filed(DemoCommunity.ID, id, "resident-sub-0001", category, description, location,
                urgency, "lf1.sealed-contact-phone", List.of(), Map.of(), hideIdentity, at, at.plus(Duration.ofHours(4)));
        requests.create(request, TimelineEvent.submitted(request, "resident"), null);
        return request;
    }

    ResidentRequest assign(ResidentRequest request, String staffId, String role, String name) {
        Assignee assignee = new Assignee(staffId, role, name);
        EventKind kind = request.assignee() == null ? EventKind.ASSIGNED : EventKind.TRANSFERRED;
        return change(request, request.change(clock.instant()).status(Status.ASSIGNED).assignee(assignee),
                TimelineEvent.of(kind, DemoCommunity.STAFF_ID, "staff", clock.instant(), Status.ASSIGNED).withAssignee(assignee));
    }

    ResidentRequest resolve(ResidentRequest request) {
        return change(request, request.change(clock.instant()).status(Status.RESOLVED)
                        .resolution(new Resolution("已修好", List.of(), DemoCommunity.STAFF_ID, clock.instant())),
                TimelineEvent.of(EventKind.RESOLVED, DemoCommunity.STAFF_ID, "staff", clock.instant(), Status.RESOLVED).withText("已修好"));
    }

    ResidentRequest reopen(ResidentRequest request) {
        return change(request, request.change(clock.instant()).status(Status.REOPENED).reopenCount(request.reopenCount() + 1),
                TimelineEvent.of(EventKind.REOPENED, request.requesterSub(), "resident", clock.instant(), Status.REOPENED)
                        .withReason("还是不亮"));
    }

    ResidentRequest rate(ResidentRequest request, int score) {
        return change(request, request.change(clock.instant()).status(Status.CLOSED)
                        .rating(new Rating(score, "太慢了", clock.instant())),
                TimelineEvent.of(EventKind.RATED, request.requesterSub(), "resident", clock.instant(), Status.CLOSED));
    }

    private ResidentRequest change(ResidentRequest before, ResidentRequest.Builder builder, TimelineEvent event) {
        ResidentRequest after = builder.version(before.version() + 1).build();
        requests.update(after, before.version(), event);
        return after;
    }

    /** The overdue sweep's mark of the request's due time, as the sweep writes it. */
    boolean markOverdue(ResidentRequest request) {
        return requests.flagOverdue(request);
    }

    /** The overdue sweep's mark of a later step of the request's escalation, as the sweep writes it. */
    boolean markEscalation(ResidentRequest request, EscalationStep step) {
        return requests.markEscalation(request, step);
    }

    // ---------------------------------------------------------------- the stream

    /** The stream's records written since the last call, in shard order. */
    List<Record> newRecords() {
        return stream.newRecords();
    }

    /** Sends {@code records} through the handler's stream entry point as one batch; returns its response. */
    JsonNode deliver(AlertsHandler handler, List<Record> records) {
        return Priming.invoke(handler, StreamEvents.event(records, streamArn));
    }

    /** Everything new on the stream, delivered in one batch to a fresh handler; the batch must succeed. */
    void deliverNew() {
        JsonNode response = deliver(handler(), newRecords());
        assertThat(response.path("batchItemFailures")).as(response.toString()).isEmpty();
    }

    // ---------------------------------------------------------------- subscribers

    /** An SQS queue subscribed to the AlertsTopic with {@code filterPolicy} (on message attributes); its URL. */
    String subscribe(String filterPolicy) {
        var sqs = aws.sqs();
        String url = sqs.createQueue(r -> r.queueName(aws.provisioned().prefix() + "inbox-" + QUEUES.incrementAndGet())).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> attributes = filterPolicy == null ? Map.of() : Map.of("FilterPolicy", filterPolicy);
        aws.sns().subscribe(r -> r.topicArn(aws.arn("AlertsTopic")).protocol("sqs").endpoint(arn).attributes(attributes));
        return url;
    }

    /** The notifications in the queue, read until it is empty; each passes {@link PrivacyScan}. */
    List<Notification> drain(String queueUrl) {
        List<Notification> out = new ArrayList<>();
        while (true) {
            List<Message> messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) return out;
            for (Message message : messages) {
                Notification notification = Notification.of(message.body());
                PrivacyScan.check(notification);
                out.add(notification);
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** An SNS notification as an SQS subscriber receives it, with its message attributes. */
    record Notification(String subject, String message, Map<String, String> attributes) {
        static Notification of(String envelope) {
            JsonNode json = Json.parse(envelope, JsonNode.class);
            Map<String, String> attributes = new LinkedHashMap<>();
            json.path("MessageAttributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().path("Value").asText()));
            return new Notification(json.path("Subject").asText(null), json.path("Message").asText(), attributes);
        }

        String attribute(String name) {
            return attributes.get(name);
        }
    }
}
