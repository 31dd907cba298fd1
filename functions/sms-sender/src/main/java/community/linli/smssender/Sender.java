package community.linli.smssender;

import community.linli.platform.Log;
import community.linli.tables.requests.RequestStore;
import java.util.Map;

/**
 * Sends each SMS once: a strongly consistent GetItem of its record ({@code C#c#ALERT#alertId / SMS}
 * in the RequestsTable), the phone ({@link Phones}), the provider's call, then the record, a PutItem
 * only if absent, with the provider's message id. A message seen again (SQS delivers at least once;
 * a batch partly failed comes back) finds its record and sends nothing.
 *
 * <p>What no retry can mend is recorded as not sent, with its reason, and logged without the phone:
 * no phone to be had ({@link Phones.NoPhone}), no template registered for the kind, the provider's
 * final refusal ({@link SmsProvider.Refused}). Anything else (throttling, a 5xx, a timeout, a
 * dependency down) is thrown: the message fails and SQS brings it back, and after
 * {@code maxReceiveCount} receives it goes to the dead-letter queue and its alarm.
 */
final class Sender {
    /** What became of one message. */
    enum Outcome { SENT, DONE_BEFORE, NOT_SENT }

    private final RequestStore ledger;
    private final Phones phones;
    private final SmsProvider provider;
    private final Map<String, String> templates;

    Sender(RequestStore ledger, Phones phones, SmsProvider provider, Map<String, String> templates) {
        this.ledger = ledger;
        this.phones = phones;
        this.provider = provider;
        this.templates = Map.copyOf(templates);
    }

    /** What became of {@code message}. */
    Outcome deliver(SmsMessage message) {
        if (ledger.smsDone(message.communityId(), message.alertId())) return Outcome.DONE_BEFORE;
        String templateId = null;
        if (provider.needsTemplates()) {
            templateId = message.kind() == null ? null : templates.get(message.kind());
            if (templateId == null) return notSent(message, "no_template");
            if (message.variables().isEmpty()) return notSent(message, "no_template_variables");
        }
        String phone;
        try {
            phone = phones.of(message);
        } catch (Phones.NoPhone e) {
            return notSent(message, e.reason());
        }
        var sms = new SmsProvider.Sms(phone, message.text(), templateId, message.variables(), message.alertId());
        String providerId;
        try {
            providerId = provider.send(sms);
        } catch (SmsProvider.Refused e) {
            return notSent(message, provider.name() + ":" + e.code());
        }
        if (!ledger.recordSms(message.communityId(), message.alertId(), provider.name() + ":" + providerId)) {
            Log.warn("sms.sent_twice", "alertId", message.alertId(), "kind", message.kind());
        }
        Log.info("sms.sent", "alertId", message.alertId(), "kind", message.kind(), "role", message.role(), "provider", provider.name());
        return Outcome.SENT;
    }

    private Outcome notSent(SmsMessage message, String reason) {
        ledger.recordSms(message.communityId(), message.alertId(), "not_sent:" + reason);
        Log.warn("sms.not_sent", "alertId", message.alertId(), "kind", message.kind(), "role", message.role(), "reason", reason);
        return Outcome.NOT_SENT;
    }

    /** The reads of a delivery, for nobody and writing nothing (SnapStart priming). */
    void prime(String communityId) {
        ledger.smsDone(communityId, communityId);
        phones.prime(communityId);
    }

    SmsProvider provider() {
        return provider;
    }
}
