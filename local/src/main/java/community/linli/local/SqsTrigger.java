package community.linli.local;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.testkit.LocalAws;
import community.linli.testkit.SqsEvents;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A function's {@code Type: SQS} event, run as Lambda's SQS poller runs it: long-polls the queue
 * for up to {@code BatchSize} messages, invokes the function with the JSON of an {@code SQSEvent}
 * ({@link SqsEvents}), and
 * deletes the messages that succeeded. When the function throws, none is deleted; with
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}, the ones its {@code batchItemFailures}
 * name are kept. A kept message comes back once the queue's visibility timeout has passed, as on
 * SQS (the template's redrive policy is not applied locally).
 */
final class SqsTrigger implements Trigger {
    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final int WAIT_SECONDS = 1;

    private final LocalAws aws;
    private final LocalFunction function;
    private final String eventName;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final PrintStream console;
    private Poller poller;

    private SqsTrigger(LocalAws aws, LocalFunction function, String eventName, String queueUrl, String queueArn, int batchSize,
                       boolean reportBatchItemFailures, PrintStream console) {
        this.aws = aws;
        this.function = function;
        this.eventName = eventName;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.console = console;
    }

    static SqsTrigger start(LocalAws aws, LocalFunction function, String eventName, Map<String, Object> properties, PrintStream console) {
        String queueArn = aws.provisioned().resolve(properties.get("Queue"));
        if (queueArn == null) throw new IllegalArgumentException(function.logicalId() + "." + eventName + ": an SQS event needs Queue");
        String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        String queueUrl = aws.sqs().getQueueUrl(r -> r.queueName(queueName)).queueUrl();
        Object batch = properties.get("BatchSize");
        Object responseTypes = properties.get("FunctionResponseTypes");
        boolean report = responseTypes instanceof List<?> list && list.stream().map(aws.provisioned()::resolve)
                .anyMatch("ReportBatchItemFailures"::equals);
        SqsTrigger trigger = new SqsTrigger(aws, function, eventName, queueUrl, queueArn,
                batch == null ? 10 : Integer.parseInt(aws.provisioned().resolve(batch)), report, console);
        if ("false".equals(aws.provisioned().resolve(properties.get("Enabled")))) return trigger;
        trigger.poller = Poller.start("sqs-" + function.logicalId() + "-" + eventName, PAUSE, trigger::poll, console);
        return trigger;
    }

    @Override
    public String describe() {
        return function.logicalId() + " <- queue " + queueArn.substring(queueArn.lastIndexOf(':') + 1) + " (" + eventName + ", batch "
                + batchSize + (reportBatchItemFailures ? ", ReportBatchItemFailures" : "") + (poller == null ? ", disabled" : "") + ")";
    }

    private void poll() {
        List<Message> messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Math.min(10, batchSize))
                .waitTimeSeconds(WAIT_SECONDS).messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        if (messages.isEmpty()) return;
        long started = System.nanoTime();
        Set<String> failed = new HashSet<>();
        String outcome;
        try {
            String output = function.invoke(SqsEvents.event(messages, queueArn));
            if (reportBatchItemFailures) failed.addAll(failures(output));
            outcome = failed.isEmpty() ? "OK" : failed.size() + " batchItemFailures";
        } catch (LocalFunction.Failed e) {
            messages.forEach(m -> failed.add(m.messageId()));
            outcome = "function error " + e.errorType();
        }
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        console.printf("[sqs] %s -> %s: %d message(s) %s (%d ms)%n", queueArn.substring(queueArn.lastIndexOf(':') + 1),
                function.logicalId(), messages.size(), outcome, (System.nanoTime() - started) / 1_000_000);
    }

    /** The message ids an {@code SQSBatchResponse} names; an unreadable response fails them all (none named means success). */
    private static Set<String> failures(String output) {
        Set<String> ids = new HashSet<>();
        JsonNode response = Json.parse(output, JsonNode.class);
        if (response != null) response.path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
        return ids;
    }

    @Override
    public void close() {
        if (poller != null) poller.close();
    }
}
