package community.linli.smssender;

import static community.linli.platform.AlertsTopic.Attribute.ALERT_ID;
import static community.linli.platform.AlertsTopic.Attribute.COMMUNITY;
import static community.linli.platform.AlertsTopic.Attribute.KIND;
import static community.linli.platform.AlertsTopic.Attribute.RECIPIENT;
import static community.linli.platform.AlertsTopic.Attribute.ROLE;
import static community.linli.platform.AlertsTopic.Attribute.SMS_VARIABLES;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.AlertsTopic;
import community.linli.platform.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SMS of the AlertsTopic as an SQS record brings it (the subscription's raw delivery: the body
 * is the text, the SNS message attributes are the record's message attributes): who it is for
 * ({@code role}, {@code recipient}: a staff id, or for a resident the tracking number), in which
 * {@code community}, its {@code kind}, its {@code alertId} and the template variables
 * ({@code smsVariables}, JSON) a Chinese provider's registered template is filled with.
 */
record SmsMessage(String messageId, String communityId, String role, String recipient, String kind, String alertId,
                  Map<String, String> variables, String text) {

    /** The role whose {@code recipient} is a tracking number, not a staff id. */
    static final String RESIDENT = "resident";

    /** A record with every attribute the sender needs, or null when one is missing (a message no sender can deliver). */
    static SmsMessage of(JsonNode record) {
        JsonNode attributes = record.path("messageAttributes");
        String community = attribute(attributes, COMMUNITY);
        String role = attribute(attributes, ROLE);
        String recipient = attribute(attributes, RECIPIENT);
        String alertId = attribute(attributes, ALERT_ID);
        if (community == null || role == null || recipient == null || alertId == null) return null;
        Map<String, String> variables = new LinkedHashMap<>();
        String json = attribute(attributes, SMS_VARIABLES);
        if (json != null) {
            try {
                Json.parse(json, JsonNode.class).properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
            } catch (RuntimeException malformed) {
                variables.clear();
            }
        }
        return new SmsMessage(record.path("messageId").asText(), community, role, recipient, attribute(attributes, KIND), alertId,
                variables, record.path("body").asText(""));
    }

    boolean toResident() {
        return RESIDENT.equals(role);
    }

    /**
     * An SQS message attribute as Lambda's event carries it ({@code stringValue}), by the name the
     * AlertsTopic's publishers give it; null when absent or empty.
     */
    private static String attribute(JsonNode attributes, AlertsTopic.Attribute name) {
        JsonNode value = attributes.path(name.wire()).path("stringValue");
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
