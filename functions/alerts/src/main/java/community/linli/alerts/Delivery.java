package community.linli.alerts;

import static community.linli.platform.AlertsTopic.Attribute.ALERT_ID;
import static community.linli.platform.AlertsTopic.Attribute.CHANNEL;
import static community.linli.platform.AlertsTopic.Attribute.COMMUNITY;
import static community.linli.platform.AlertsTopic.Attribute.KIND;
import static community.linli.platform.AlertsTopic.Attribute.RECIPIENT;
import static community.linli.platform.AlertsTopic.Attribute.ROLE;
import static community.linli.platform.AlertsTopic.Attribute.URGENCY;

import community.linli.platform.AlertsTopic;
import community.linli.tables.requests.RequestStore;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes an alert once ({@link RequestStore#publishOnce}): a strongly consistent GetItem of its
 * sent record, the SNS Publish, and a PutItem of the record only if absent; three calls an alert,
 * and one GetItem for an alert sent before. A batch retried after a failure finds the alerts it
 * sent and sends only the rest. Both copies of an alert published twice carry the same
 * {@code alertId}, by which a subscriber can drop the second.
 *
 * <p>Each alert is one message on the {@link AlertsTopic} with the attributes that subscriptions
 * filter on: {@code community}, {@code grids} (its grid, or a digest's grids), {@code role},
 * {@code recipient}, {@code channel}, {@code urgency}, {@code kind}, and {@code alertId}; an SMS
 * adds {@code smsVariables} ({@link AlertTexts#smsVariables}), for the SMS sender's Chinese
 * providers.
 */
final class Delivery {
    private final RequestStore ledger;
    private final AlertsTopic topic;

    Delivery(RequestStore ledger, SnsClient sns, String topicArn) {
        this.ledger = ledger;
        this.topic = new AlertsTopic(sns, topicArn);
    }

    /** True when it published the alert now, false when it had been sent. */
    boolean send(Alert alert) {
        return send(alert, grids(alert));
    }

    /** As {@link #send(Alert)}, for an alert about several grids (a digest): {@code grids} is its {@code grids} attribute. */
    boolean send(Alert alert, List<String> grids) {
        return ledger.publishOnce(alert.communityId(), alert.id(), () -> topic.publish(message(alert, grids)));
    }

    /** Whether the alert has been sent: the first call of {@link #send}, alone (priming). */
    boolean sent(String communityId, String alertId) {
        return ledger.alertSent(communityId, alertId);
    }

    PublishRequest request(Alert alert) {
        return topic.request(message(alert, grids(alert)));
    }

    private static List<String> grids(Alert alert) {
        return alert.gridId() == null ? List.of() : List.of(alert.gridId());
    }

    private static AlertsTopic.Message message(Alert alert, List<String> grids) {
        return AlertsTopic.message(alert.text()).subject(alert.subject())
                .with(COMMUNITY, alert.communityId()).grids(grids)
                .with(ROLE, alert.recipient().role()).with(RECIPIENT, alert.recipient().id()).with(CHANNEL, alert.channel().wire())
                .with(URGENCY, alert.urgency()).with(KIND, alert.kind().wire()).with(ALERT_ID, alert.id())
                .smsVariables(alert.smsVariables());
    }
}
