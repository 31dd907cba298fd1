package community.linli.alerts;

import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.tables.requests.RequestStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes an alert once: a strongly consistent GetItem of its sent record, the SNS Publish, and
 * a PutItem of the record only if absent; three calls an alert, and one GetItem for an alert sent
 * before. A batch retried after a failure finds the alerts it sent and sends only the rest. An
 * alert is published twice only if SNS accepted a Publish whose answer was lost (the SDK retries
 * the call), or if its Publish succeeded and the PutItem right after it failed; in the second case
 * the next Publish finds the record written and logs {@code alerts.published_twice}. Both copies
 * carry the same {@code alertId}, by which a subscriber can drop the second.
 *
 * <p>Each alert is one message with the attributes that subscriptions filter on: {@code community},
 * {@code grids} (a String.Array, as notices carry it, so one filter policy per grid worker serves
 * both), {@code role}, {@code recipient}, {@code channel}, {@code urgency}, {@code kind}, and
 * {@code alertId}; an SMS adds {@code smsVariables}, its template's variables as a JSON object
 * ({@link AlertTexts#smsVariables}), for the SMS sender's Chinese providers: nine attributes, of
 * the ten SNS delivers to an SQS subscriber with raw delivery.
 */
final class Delivery {
    /** The message attribute with an SMS's template variables (JSON), which SmsSenderFunction reads. */
    static final String SMS_VARIABLES = "smsVariables";

    private final RequestStore ledger;
    private final SnsClient sns;
    private final String topicArn;

    Delivery(RequestStore ledger, SnsClient sns, String topicArn) {
        this.ledger = ledger;
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** True when it published the alert now, false when it had been sent. */
    boolean send(Alert alert) {
        return send(alert, alert.gridId() == null ? List.of() : List.of(alert.gridId()));
    }

    /** As {@link #send(Alert)}, for an alert about several grids (a digest): {@code grids} is its {@code grids} attribute. */
    boolean send(Alert alert, List<String> grids) {
        if (ledger.alertSent(alert.communityId(), alert.id())) return false;
        String messageId = sns.publish(request(alert, grids)).messageId();
        if (!ledger.recordAlertSent(alert.communityId(), alert.id(), messageId)) {
            Log.warn("alerts.published_twice", "alertId", alert.id(), "requestId", alert.requestId());
        }
        return true;
    }

    /** Whether the alert has been sent: the first call of {@link #send}, alone (priming). */
    boolean sent(String communityId, String alertId) {
        return ledger.alertSent(communityId, alertId);
    }

    PublishRequest request(Alert alert) {
        return request(alert, alert.gridId() == null ? List.of() : List.of(alert.gridId()));
    }

    private PublishRequest request(Alert alert, List<String> grids) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("community", text(alert.communityId()));
        if (!grids.isEmpty()) {
            attributes.put("grids", MessageAttributeValue.builder().dataType("String.Array").stringValue(Json.write(grids)).build());
        }
        attributes.put("role", text(alert.recipient().role()));
        attributes.put("recipient", text(alert.recipient().id()));
        attributes.put("channel", text(alert.channel().wire()));
        attributes.put("urgency", text(alert.urgency()));
        attributes.put("kind", text(alert.kind().wire()));
        attributes.put("alertId", text(alert.id()));
        if (!alert.smsVariables().isEmpty()) attributes.put(SMS_VARIABLES, text(Json.write(alert.smsVariables())));
        return PublishRequest.builder().topicArn(topicArn).subject(alert.subject()).message(alert.text())
                .messageAttributes(attributes).build();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
