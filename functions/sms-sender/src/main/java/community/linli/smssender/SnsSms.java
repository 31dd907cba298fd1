package community.linli.smssender;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The {@code sns} provider (the global regions): SNS Publish with {@code PhoneNumber} (E.164,
 * {@code +86} and the 11 digits) and the text as it is, as a transactional SMS. SNS refusing the
 * number or the text ({@code InvalidParameter}) is final; anything else (throttling, 5xx) is thrown
 * for a retry. The China regions have no SNS SMS: the template refuses this provider there.
 */
final class SnsSms implements SmsProvider {
    private static final Map<String, MessageAttributeValue> TRANSACTIONAL = Map.of("AWS.SNS.SMS.SMSType",
            MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());

    private final SnsClient sns;

    SnsSms(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public String send(Sms sms) {
        try {
            return sns.publish(r -> r.phoneNumber("+86" + sms.phone()).message(sms.text()).messageAttributes(TRANSACTIONAL)).messageId();
        } catch (InvalidParameterException | InvalidParameterValueException e) {
            throw new Refused(e.awsErrorDetails() == null ? "InvalidParameter" : e.awsErrorDetails().errorCode());
        }
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public boolean needsTemplates() {
        return false;
    }
}
