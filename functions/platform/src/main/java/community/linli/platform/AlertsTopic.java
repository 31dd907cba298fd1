package community.linli.platform;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The AlertsTopic, as its publishers (AlertsFunction, ResidentUpdatesFunction, NoticesFunction)
 * write to it: one Publish per {@link Message}. The message attributes are the contract with the
 * subscribers, whose filter policies in template.yaml and SmsSenderFunction read them by these
 * names: {@code community}; {@code grids}, a String.Array (one filter policy per grid worker serves
 * alerts and notices alike); {@code role}, {@code recipient}, {@code channel}, {@code urgency},
 * {@code kind}; {@code alertId} or {@code noticeId}, by which a subscriber drops a message delivered
 * twice; and {@code smsVariables}, an SMS template's variables as a JSON object, for the SMS
 * sender's Chinese providers. SNS delivers at most ten attributes to an SQS subscriber with raw
 * delivery; an alert carries nine.
 */
public final class AlertsTopic {
    private final SnsClient sns;
    private final String topicArn;

    public AlertsTopic(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** A message whose body is {@code text}: what an SMS or mail subscriber reads. */
    public static Message message(String text) {
        return new Message(text);
    }

    /** One Publish; the SNS message id. */
    public String publish(Message message) {
        return sns.publish(request(message)).messageId();
    }

    /** The Publish of {@code message}, built, not sent. */
    public PublishRequest request(Message message) {
        return PublishRequest.builder().topicArn(topicArn).subject(message.subject).message(message.text)
                .messageAttributes(message.attributes()).build();
    }

    /** The attributes subscribers filter on, by their wire names, in the order a message carries them. */
    public enum Attribute {
        COMMUNITY("community"), GRIDS("grids"), ROLE("role"), RECIPIENT("recipient"), CHANNEL("channel"), URGENCY("urgency"),
        KIND("kind"), ALERT_ID("alertId"), SMS_VARIABLES("smsVariables"), NOTICE_ID("noticeId");

        private final String wire;

        Attribute(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * A message and the attributes it carries: an attribute left unset, or set to null, an empty
     * list or an empty map, is not sent, so a filter policy that names it does not match.
     */
    public static final class Message {
        private final String text;
        private String subject;
        private final Map<Attribute, MessageAttributeValue> attributes = new EnumMap<>(Attribute.class);

        private Message(String text) {
            this.text = text;
        }

        /** The e-mail subject; an SMS has none. */
        public Message subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** A String attribute; {@code grids} and {@code smsVariables} are set by their own methods, for their types. */
        public Message with(Attribute attribute, String value) {
            if (attribute == Attribute.GRIDS || attribute == Attribute.SMS_VARIABLES) {
                throw new IllegalArgumentException(attribute.wire() + " is set by its own method");
            }
            return put(attribute, "String", value);
        }

        /** {@code grids}, a String.Array (one filter policy per grid worker serves alerts and notices alike). */
        public Message grids(List<String> gridIds) {
            return put(Attribute.GRIDS, "String.Array", gridIds == null || gridIds.isEmpty() ? null : Json.write(gridIds));
        }

        /** The SMS template's variables, a JSON object in the order its text names them (Tencent reads them by position). */
        public Message smsVariables(Map<String, String> variables) {
            return put(Attribute.SMS_VARIABLES, "String", variables == null || variables.isEmpty() ? null : Json.write(variables));
        }

        /** The message attributes as they go on the wire, in {@link Attribute}'s order whoever sets them. */
        public Map<String, MessageAttributeValue> attributes() {
            Map<String, MessageAttributeValue> wire = new LinkedHashMap<>();
            attributes.forEach((attribute, value) -> wire.put(attribute.wire(), value));
            return wire;
        }

        private Message put(Attribute attribute, String dataType, String value) {
            if (value == null) {
                attributes.remove(attribute);
            } else {
                attributes.put(attribute, MessageAttributeValue.builder().dataType(dataType).stringValue(value).build());
            }
            return this;
        }
    }
}
