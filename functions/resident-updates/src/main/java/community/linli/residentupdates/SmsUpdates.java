package community.linli.residentupdates;

import community.linli.platform.Log;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Sends an update as an SMS to the request's contact phone, when the resident asked for it when
 * filing ({@code smsUpdates}), once: through the AlertsTopic, as one message with
 * {@code channel: sms}, {@code role: resident}, {@code recipient} the request's tracking number and
 * {@code smsVariables} {@code {"id": <tracking number>}} (the template variables a Chinese provider needs).
 * The phone stays sealed on the request: it is in no message, text or attribute (every SQS or
 * HTTP subscriber with raw delivery would read an attribute), and the SMS sender that delivers the
 * message opens it there, as it opens a staff member's phone in the staff registry. Per update: the
 * GetItem of its sent record, the Publish, the PutItem of the record (as AlertsFunction's
 * {@code Delivery}); no KMS call.
 */
final class SmsUpdates {
    private final RequestStore ledger;
    private final SnsClient sns;
    private final String topicArn;

    SmsUpdates(RequestStore ledger, SnsClient sns, String topicArn) {
        this.ledger = ledger;
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** True when it published the SMS now; false when none was asked for, or it had been sent. */
    boolean send(Update update) {
        ResidentRequest request = update.request();
        if (!request.smsUpdates() || request.sealedContactPhone() == null) return false;
        String id = update.id("sms");
        if (ledger.alertSent(request.communityId(), id)) return false;
        String messageId = sns.publish(request(update, id)).messageId();
        if (!ledger.recordAlertSent(request.communityId(), id, messageId)) {
            Log.warn("updates.published_twice", "alertId", id, "requestId", request.id());
        }
        return true;
    }

    PublishRequest request(Update update, String id) {
        ResidentRequest request = update.request();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("community", text(request.communityId()));
        attributes.put("role", text("resident"));
        attributes.put("recipient", text(request.id()));
        attributes.put("channel", text("sms"));
        attributes.put("urgency", text(request.priority().wire()));
        attributes.put("kind", text("resident_" + update.kind().wire));
        attributes.put("alertId", text(id));
        // The template variables of a Chinese provider's registered template (模板): the tracking number only.
        attributes.put("smsVariables", text(community.linli.platform.Json.write(Map.of("id", request.id()))));
        return PublishRequest.builder().topicArn(topicArn).message(text(update))
                .messageAttributes(attributes).build();
    }

    static String text(Update update) {
        return update.kind().sms.formatted(update.request().id());
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
