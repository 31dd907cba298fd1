package community.linli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Shows on the console what staff would receive: every message published to one of the template's
 * SNS topics (through an SQS queue subscribed to each, as the tests prove alerts), an alert to a
 * person as the SMS or email they get with whom it is for, and every SMS a
 * function sends straight to a phone number (which moto records in its {@code /moto-api/data.json}).
 * Phone numbers are masked; alert texts are printed as published, since they are written for staff.
 */
final class AlertConsole implements AutoCloseable {
    private static final Duration SMS_POLL = Duration.ofSeconds(1);

    private final PrintStream console;
    private final List<Poller> pollers = new ArrayList<>();

    private AlertConsole(PrintStream console) {
        this.console = console;
    }

    /** Subscribes a queue to every provisioned topic and starts printing; {@code moto} also shows direct SMS. */
    static AlertConsole start(LocalAws aws, MotoServer moto, PrintStream console) {
        AlertConsole alerts = new AlertConsole(console);
        try {
            for (String topic : aws.template().logicalIdsOfType("AWS::SNS::Topic")) {
                if (aws.provisioned().has(topic)) alerts.watchTopic(aws, topic);
            }
            if (moto != null) alerts.watchSms(moto);
            return alerts;
        } catch (RuntimeException e) {
            alerts.close();
            throw e;
        }
    }

    private void watchTopic(LocalAws aws, String topic) {
        SqsClient sqs = aws.sqs();
        String queueUrl = sqs.createQueue(r -> r.queueName(aws.provisioned().prefix() + "console-" + topic)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.sns().subscribe(r -> r.topicArn(aws.arn(topic)).protocol("sqs").endpoint(queueArn));
        pollers.add(Poller.start("alerts-" + topic, Duration.ZERO, () -> {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                printAlert(topic, message.body());
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }, console));
    }

    private void watchSms(MotoServer moto) {
        Set<String> seen = new HashSet<>();
        smsMessages(moto).forEach(sms -> seen.add(sms.path("message_id").asText()));
        pollers.add(Poller.start("sms", SMS_POLL, () -> {
            for (JsonNode sms : smsMessages(moto)) {
                if (seen.add(sms.path("message_id").asText())) {
                    print("SMS to " + maskPhone(sms.path("phone_number").asText()), sms.path("message").asText());
                }
            }
        }, console));
    }

    private static List<JsonNode> smsMessages(MotoServer moto) {
        List<JsonNode> messages = new ArrayList<>();
        Json.parse(moto.data(), JsonNode.class).path("sns").path("SMS").forEach(messages::add);
        return messages;
    }

    /**
     * An SNS notification as SQS receives it: the envelope with {@code Subject}, {@code Message} and
     * {@code MessageAttributes}. An alert to a person (AlertsFunction's: {@code channel} and
     * {@code recipient}) is shown as what that person gets, an SMS or an email, with whom it is for.
     */
    private void printAlert(String topic, String envelope) {
        JsonNode notification = Json.parse(envelope, JsonNode.class);
        String subject = notification.path("Subject").asText("");
        JsonNode attributes = notification.path("MessageAttributes");
        String channel = attributes.path("channel").path("Value").asText("");
        String recipient = attributes.path("recipient").path("Value").asText("");
        if (!channel.isEmpty() && !recipient.isEmpty()) {
            String grids = attributes.path("grids").path("Value").asText("");
            String role = attributes.path("role").path("Value").asText("") + (grids.isEmpty() ? "" : ", " + grids.replaceAll("[\\[\\]\"]", ""));
            print(channel.toUpperCase(java.util.Locale.ROOT) + " to " + recipient + " (" + role + ") on " + topic
                    + ("email".equals(channel) && !subject.isEmpty() ? ": " + subject : ""), notification.path("Message").asText(""));
            return;
        }
        print("ALERT on " + topic + (subject.isEmpty() ? "" : ": " + subject), readable(notification.path("Message").asText("")));
    }

    private void print(String title, String text) {
        StringBuilder out = new StringBuilder()
                .append("\n[").append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)).append("] ").append(title).append('\n');
        text.lines().forEach(line -> out.append("    ").append(line).append('\n'));
        console.print(out);
        console.flush();
    }

    /** A JSON message is pretty-printed; anything else is shown as is. */
    private static String readable(String message) {
        try {
            JsonNode json = Json.MAPPER.readTree(message);
            if (json != null && json.isContainerNode()) return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException notJson) {
            // plain text, shown as is
        }
        return message;
    }

    /** Keeps the country code and the last four digits: {@code +86*******5678}. */
    static String maskPhone(String phone) {
        if (phone.length() <= 7) return "*".repeat(phone.length());
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    @Override
    public void close() {
        pollers.forEach(Poller::close);
    }
}
