package community.linli.residentupdates;

import static community.linli.platform.AlertsTopic.Attribute.ALERT_ID;
import static community.linli.platform.AlertsTopic.Attribute.CHANNEL;
import static community.linli.platform.AlertsTopic.Attribute.COMMUNITY;
import static community.linli.platform.AlertsTopic.Attribute.KIND;
import static community.linli.platform.AlertsTopic.Attribute.RECIPIENT;
import static community.linli.platform.AlertsTopic.Attribute.ROLE;
import static community.linli.platform.AlertsTopic.Attribute.URGENCY;

import community.linli.platform.AlertsTopic;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Sends an update as an SMS to the request's contact phone, when the resident asked for it when
 * filing ({@code smsUpdates}), once: through the {@link AlertsTopic}, as one message with
 * {@code channel: sms}, {@code role: resident}, {@code recipient} the request's tracking number and
 * {@code smsVariables} {@code {"id": <tracking number>}} (the template variables a Chinese provider needs).
 * The phone stays sealed on the request: it is in no message, text or attribute (every SQS or
 * HTTP subscriber with raw delivery would read an attribute), and the SMS sender that delivers the
 * message opens it there, as it opens a staff member's phone in the staff registry. Per update: the
 * GetItem of its sent record, the Publish, the PutItem of the record ({@link RequestStore#publishOnce},
 * as AlertsFunction's {@code Delivery}); no KMS call.
 */
final class SmsUpdates {
    private final RequestStore ledger;
    private final AlertsTopic topic;

    SmsUpdates(RequestStore ledger, SnsClient sns, String topicArn) {
        this.ledger = ledger;
        this.topic = new AlertsTopic(sns, topicArn);
    }

    /** True when it published the SMS now; false when none was asked for, or it had been sent. */
    boolean send(Update update) {
        ResidentRequest request = update.request();
        if (!request.smsUpdates() || request.sealedContactPhone() == null) return false;
        String id = update.id("sms");
        return ledger.publishOnce(request.communityId(), id, () -> topic.publish(message(update, id)));
    }

    PublishRequest request(Update update, String id) {
        return topic.request(message(update, id));
    }

    private static AlertsTopic.Message message(Update update, String id) {
        ResidentRequest request = update.request();
        // The template variables of a Chinese provider's registered template (模板): the tracking number only.
        return AlertsTopic.message(text(update)).with(COMMUNITY, request.communityId())
                .with(ROLE, "resident").with(RECIPIENT, request.id()).with(CHANNEL, "sms").with(URGENCY, request.priority().wire())
                .with(KIND, "resident_" + update.kind().wire).with(ALERT_ID, id)
                .smsVariables(Map.of("id", request.id()));
    }

    static String text(Update update) {
        return update.kind().sms.formatted(update.request().id());
    }
}
