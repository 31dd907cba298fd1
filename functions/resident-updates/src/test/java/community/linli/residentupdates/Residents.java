package community.linli.residentupdates;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Priming;
import community.linli.platform.auth.Role;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.accounts.Account;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.Resolution;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import community.linli.tables.requests.TimelineEvent;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.StreamEvents;
import community.linli.testkit.TableStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Residents with WeChat accounts on moto, their requests written through RequestStore as
 * RequestsFunction writes them, their consent recorded as {@code POST /auth/subscriptions} records
 * it, the RequestsTable's stream read as Lambda's poller reads it, and the fake WeChat API.
 */
final class Residents implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    static final String DESCRIPTION = "我是张明，电话13800000003，身份证630102197205140312，楼道灯不亮了";
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RequestStore requests;
    final AccountStore accounts;
    final FieldCrypto crypto;
    final FakeWeChat wechat;
    final String templateId;
    private final TableStream stream;

    Residents(LocalAws aws) {
        this.aws = aws;
        Map<String, String> env = aws.environment("ResidentUpdatesFunction");
        this.requests = new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), clock);
        this.accounts = new AccountStore(aws.dynamoDb(), aws.name("AccountsTable"));
        this.crypto = new FieldCrypto(aws::kms, aws.provisioned().ref("FieldKey"), null);
        this.wechat = FakeWeChat.forSecret(aws.secretsManager().getSecretValue(r -> r.secretId(env.get("WECHAT_SECRET_ARN"))).secretString());
        aws.overrideEnvironment("ResidentUpdatesFunction", Map.of("WECHAT_API_BASE_URL", wechat.baseUrl().toString()));
        this.templateId = env.get("WECHAT_UPDATE_TEMPLATE_ID");
        this.stream = new TableStream(aws, "RequestsTable");
    }

    ResidentUpdatesHandler handler() {
        return aws.construct("ResidentUpdatesFunction", ResidentUpdatesHandler::new);
    }

    /** A resident's account (signed in with the openid {@code openId}) that allowed {@code sends} update messages. */
    String resident(String openId, int sends) {
        String account = "u-" + openId;
        accounts.put(new Account(account, "demo", Set.of(Role.RESIDENT), List.of("G03")), "hash-" + openId, NOW);
        for (int i = 0; i < sends; i++) {
            accounts.recordSubscriptions(account, crypto.seal(AccountStore.OPENID_FIELD, openId), Set.of(templateId), Set.of(), NOW);
        }
        return account;
    }

    ResidentRequest file(String account) {
        return file(account, false);
    }

    /** A request filed by {@code account} with the contact phone 13800000003, with SMS updates if {@code smsUpdates}. */
    ResidentRequest file(String account, boolean smsUpdates) {
        String id = "261130-" + String.format("%04d", REQUESTS.incrementAndGet());
        Instant at = clock.instant();
        ResidentRequest request = ResidentRequest.filed("demo", id, account, "lighting", DESCRIPTION,
                new Location("G03", "B0301", "1", "302", null, null, null), Priority.NORMAL,
                crypto.seal(ResidentRequest.CONTACT_PHONE_FIELD, "13800000003"), List.of(), Map.of(), false, at,
                at.plus(Duration.ofHours(4))).withSmsUpdates(smsUpdates);
        requests.create(request, TimelineEvent.submitted(request, "resident"), null);
        return request;
    }

    ResidentRequest assign(ResidentRequest request, String sub) {
        Assignee assignee = new Assignee(sub, "grid_worker", "王芳");
        EventKind kind = request.assignee() == null ? EventKind.ASSIGNED : EventKind.TRANSFERRED;
        return change(request, request.change(clock.instant()).status(Status.ASSIGNED).assignee(assignee),
                TimelineEvent.of(kind, "demo-staff", "staff", clock.instant(), Status.ASSIGNED).withAssignee(assignee));
    }

    ResidentRequest resolve(ResidentRequest request) {
        return change(request, request.change(clock.instant()).status(Status.RESOLVED)
                        .resolution(new Resolution("已修好", List.of(), "demo-staff", clock.instant())),
                TimelineEvent.of(EventKind.RESOLVED, "demo-staff", "staff", clock.instant(), Status.RESOLVED).withText("已修好"));
    }

    ResidentRequest reject(ResidentRequest request) {
        return change(request, request.change(clock.instant()).status(Status.REJECTED),
                TimelineEvent.of(EventKind.REJECTED, "demo-staff", "staff", clock.instant(), Status.REJECTED).withReason("不属于社区职责"));
    }

    private ResidentRequest change(ResidentRequest before, ResidentRequest.Builder builder, TimelineEvent event) {
        ResidentRequest after = builder.version(before.version() + 1).build();
        requests.update(after, before.version(), event);
        return after;
    }

    /** The stream's records written since the last call, in shard order. */
    List<Record> newRecords() {
        return stream.newRecords();
    }

    JsonNode deliver(ResidentUpdatesHandler handler, List<Record> records) {
        return Priming.invoke(handler, StreamEvents.event(records, stream.arn()));
    }

    /** An SQS queue subscribed to the AlertsTopic with {@code filterPolicy} (every message when null); its URL. */
    String subscribe(String filterPolicy) {
        var sqs = aws.sqs();
        String url = sqs.createQueue(r -> r.queueName(aws.provisioned().prefix() + "sms-" + REQUESTS.incrementAndGet())).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.sns().subscribe(r -> r.topicArn(aws.arn("AlertsTopic")).protocol("sqs").endpoint(arn)
                .attributes(filterPolicy == null ? Map.of() : Map.of("FilterPolicy", filterPolicy)));
        return url;
    }

    /** The SNS notifications in the queue, as SQS receives them (envelopes with {@code Message} and {@code MessageAttributes}). */
    List<JsonNode> drain(String queueUrl) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) return out;
            for (var message : messages) {
                out.add(community.linli.platform.Json.parse(message.body(), JsonNode.class));
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    long remaining(String account) {
        return accounts.subscription(account, templateId).map(AccountStore.Subscription::remaining).orElse(0L);
    }

    @Override
    public void close() {
        wechat.close();
    }
}
