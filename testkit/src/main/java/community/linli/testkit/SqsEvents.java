package community.linli.testkit;

import community.linli.platform.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The {@code SQSEvent} JSON Lambda's SQS poller sends for received messages (the shape of
 * {@code events/residents-import-uploaded.json}): each record with its message id, receipt handle,
 * body, system attributes, message attributes (those the receive asked for), MD5 and the queue's ARN. The local app's SQS trigger, the import tests
 * and the import benchmark build their events here.
 */
public final class SqsEvents {
    private SqsEvents() {}

    public static String event(List<Message> messages, String queueArn) {
        List<Map<String, Object>> records = messages.stream().map(m -> {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            Map<String, String> attributes = new LinkedHashMap<>();
            m.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.put("attributes", attributes);
            // As Lambda's event carries them: stringValue, the list values (always empty) and dataType.
            Map<String, Object> messageAttributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((name, value) -> {
                Map<String, Object> attribute = new LinkedHashMap<>();
                if (value.stringValue() != null) attribute.put("stringValue", value.stringValue());
                attribute.put("stringListValues", List.of());
                attribute.put("binaryListValues", List.of());
                attribute.put("dataType", value.dataType());
                messageAttributes.put(name, attribute);
            });
            record.put("messageAttributes", messageAttributes);
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", LocalAws.REGION);
            return record;
        }).toList();
        return Json.write(Map.of("Records", records));
    }
}
