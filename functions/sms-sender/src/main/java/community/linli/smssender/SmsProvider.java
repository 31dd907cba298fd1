package community.linli.smssender;

import java.util.Map;

/**
 * Sends one SMS to one mainland mobile number. {@link #send} answers the provider's message id; it
 * throws {@link Refused} when the provider refuses the message for good (a bad number, a template
 * or signature not approved, its variables rejected), which a retry cannot change, and any other
 * exception (throttling, a 5xx, a timeout, credentials refused) when a retry may succeed.
 */
interface SmsProvider {
    /** {@code phone}: 11 digits; {@code text}: the SMS as SNS would send it; {@code templateId} and {@code variables}: the registered template's; {@code reference}: the alert id. */
    record Sms(String phone, String text, String templateId, Map<String, String> variables, String reference) {}

    String send(Sms sms);

    /** The provider's name: {@code sns}, {@code aliyun}, {@code tencent}. */
    String name();

    /** Whether the provider sends registered templates (模板) and so needs a template id per kind. */
    boolean needsTemplates();

    /** The provider refused this message for good; {@code code} is its error code, never the phone. */
    final class Refused extends RuntimeException {
        private final String code;

        Refused(String code) {
            super("refused: " + code, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** The provider failed in a way a retry may mend; {@code reason} names it, never the phone. */
    final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
