package community.linli.smssender;


import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.platform.Priming;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.TimelineEvent;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.SqsEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The demo community's staff registry on moto (phones sealed with the FieldKey), requests with a
 * sealed contact phone, the template's SmsSenderSubscription (made by testkit's Provisioner as
 * CloudFormation would make it: the SmsQueue subscribed to the AlertsTopic with the template's filter
 * policy and raw delivery), SMS published on the AlertsTopic with the attributes AlertsFunction and
 * ResidentUpdatesFunction give them, and the SmsQueue read and delivered to the handler as Lambda's
 * SQS poller does: a failed message comes back (here at once), a done one is deleted.
 */
final class SmsWorld {
    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    static final String CONTACT_PHONE = "13800000003";
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger ALERTS = new AtomicInteger();

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RequestStore requests;
    final StaffStore staff;
    final FieldCrypto crypto;
    final String queueUrl;
    final String queueArn;

    SmsWorld(LocalAws aws) {
        this.aws = aws;
        this.crypto = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
        this.requests = new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), clock);
        this.staff = new StaffStore(aws.dynamoDb(), aws.name("StaffTable"), crypto, clock);
        DemoCommunity.seedStaff(aws, clock);
        this.queueUrl = aws.sqs().getQueueUrl(r -> r.queueName(aws.name("SmsQueue"))).queueUrl();
        this.queueArn = aws.arn("SmsQueue");
    }

    SmsSenderHandler handler() {
        return aws.construct("SmsSenderFunction", SmsSenderHandler::new);
    }

    /** A handler with the environment's collaborators and {@code overrides} of its environment (the provider, its URL). */
    SmsSenderHandler handler(Map<String, String> overrides) {
        aws.overrideEnvironment("SmsSenderFunction", overrides);
        return handler();
    }

    // ---------------------------------------------------------------- what the publishers publish

    /** A request filed with the contact phone, sealed as RequestsFunction seals it, with SMS updates if asked. */
    ResidentRequest file(boolean smsUpdates) {
        String id = "261130-" + String.format("%04d", 5000 + REQUESTS.incrementAndGet());
        Instant at = clock.instant();
        ResidentRequest request = ResidentRequest.filed(DemoCommunity.ID, id, "resident-sub-0001", "lighting", "楼道灯不亮了，联系我13800000003",
                new Location("G03", "B0301", "1", "302", null, null, null), Priority.NORMAL,
                crypto.seal(ResidentRequest.CONTACT_PHONE_FIELD, CONTACT_PHONE), List.of(), Map.of(), false, at,
                at.plus(Duration.ofHours(4))).withSmsUpdates(smsUpdates);
        requests.create(request, TimelineEvent.submitted(request, "resident"), null);
        return request;
    }

    /** An urgent new request's SMS to G03's grid worker, with the attributes AlertsFunction's Delivery gives it; its alert id. */
    String alertGridWorker(String requestId) {
        return publish("新诉求" + requestId + "：电梯故障，9号楼。https://linli.community/m/r/" + requestId, "grid_worker",
                DemoCommunity.GRID_WORKER_ID, "new_request", "sms",
                Map.of("id", requestId, "category", "电梯故障", "building", "9号楼"));
    }

    /** An alert to {@code staffId} in {@code role} on {@code channel}; its alert id. */
    String alertStaff(String requestId, String role, String staffId, String channel) {
        return publish("诉求" + requestId + "超期未办结：电梯故障，9号楼。https://linli.community/m/r/" + requestId, role, staffId,
                "overdue", channel, Map.of("id", requestId, "category", "电梯故障", "building", "9号楼"));
    }

    /** The SMS update of an assignment, with the attributes ResidentUpdatesFunction's SmsUpdates gives it; its alert id. */
    String updateResident(ResidentRequest request) {
        return publish("您的诉求" + request.id() + "已派单，工作人员将尽快与您联系。", "resident", request.id(), "resident_assigned", "sms",
                Map.of("id", request.id()));
    }

    private String publish(String text, String role, String recipient, String kind, String channel, Map<String, String> variables) {
        String alertId = "alert-" + ALERTS.incrementAndGet() + "-" + System.nanoTime();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("community", text(DemoCommunity.ID));
        attributes.put("grids", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"G03\"]").build());
        attributes.put("role", text(role));
        attributes.put("recipient", text(recipient));
        attributes.put("channel", text(channel));
        attributes.put("urgency", text("urgent"));
        attributes.put("kind", text(kind));
        attributes.put("alertId", text(alertId));
        attributes.put("smsVariables", text(Json.write(ordered(variables))));
        aws.sns().publish(r -> r.topicArn(aws.arn("AlertsTopic")).message(text).messageAttributes(attributes));
        return alertId;
    }

    /** The variables in the order the texts name them: id, then category, then building. */
    private static Map<String, String> ordered(Map<String, String> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("id", "score", "category", "building")) {
            if (variables.containsKey(name)) out.put(name, variables.get(name));
        }
        return out;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    // ---------------------------------------------------------------- the poller

    /** One receive of up to ten messages, delivered as one SQS event; the handler's response. */
    JsonNode deliverOnce(SmsSenderHandler handler) {
        List<Message> messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageAttributeNames("All").attributeNamesWithStrings("All")).messages();
        if (messages.isEmpty()) return null;
        JsonNode response = Priming.invoke(handler, SqsEvents.event(messages, queueArn));
        Set<String> failed = new HashSet<>();
        response.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                aws.sqs().changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            } else {
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return response;
    }

    /** Receives and delivers until the queue is empty (at most {@code rounds} receives); the number of failed deliveries. */
    int deliverAll(SmsSenderHandler handler, int rounds) {
        int failures = 0;
        for (int i = 0; i < rounds; i++) {
            JsonNode response = deliverOnce(handler);
            if (response == null) return failures;
            failures += response.path("batchItemFailures").size();
        }
        throw new AssertionError("the SmsQueue was not empty after " + rounds + " receives");
    }

    /** The SMS moto's SNS has sent to phone numbers with these message ids (its {@code /moto-api/data.json}), as number and text. */
    List<Map.Entry<String, String>> snsSms(Set<String> messageIds) {
        return snsSmsWhere(sms -> messageIds.contains(sms.path("message_id").asText()));
    }

    /** Every SMS moto's SNS has sent to a phone number whose text contains {@code part}, as number and text. */
    List<Map.Entry<String, String>> snsSmsContaining(String part) {
        return snsSmsWhere(sms -> sms.path("message").asText().contains(part));
    }

    private List<Map.Entry<String, String>> snsSmsWhere(java.util.function.Predicate<JsonNode> which) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/moto-api/data.json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<Map.Entry<String, String>> out = new ArrayList<>();
            Json.parse(body, JsonNode.class).path("sns").path("SMS").forEach(sms -> {
                if (which.test(sms)) {
                    out.add(Map.entry(sms.path("phone_number").asText(), sms.path("message").asText()));
                }
            });
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The outcome the SMS's sent record holds ({@code sns:<id>}, {@code not_sent:<reason>}), or null when there is none. */
    String outcome(String alertId) {
        var item = aws.dynamoDb().getItem(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("C#demo#ALERT#" + alertId),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(RequestStore.SMS_SK)))).item();
        return item == null || item.isEmpty() ? null : item.get("outcome").s();
    }

    Clock clock() {
        return clock;
    }
}
