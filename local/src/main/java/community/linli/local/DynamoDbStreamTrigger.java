package community.linli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.testkit.LocalAws;
import community.linli.testkit.Provisioned;
import community.linli.testkit.StreamEvents;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A function's {@code Type: DynamoDB} event, run as Lambda's event source mapping runs it: each
 * shard of the table's stream is read through the DynamoDB Streams API from {@code StartingPosition}
 * and delivered in order, at most {@code BatchSize} records at a time, as the JSON of a
 * {@code DynamodbEvent}.
 *
 * <p>A failed batch is retried from its first unprocessed record, so later records wait, as on a
 * real shard. The whole batch fails when the function throws. With {@code FunctionResponseTypes:
 * [ReportBatchItemFailures]}, the response's {@code batchItemFailures} decide: none means success;
 * otherwise the records before the lowest sequence number named are done and the rest is retried;
 * an unreadable response, or an {@code itemIdentifier} that names no record of the batch, fails the
 * whole batch. Without that setting the response is ignored, as Lambda ignores it. Retries go on
 * until success unless {@code MaximumRetryAttempts} says otherwise; a discarded batch is reported.
 * {@code FilterCriteria} is not evaluated locally: every record reaches the function.
 */
final class DynamoDbStreamTrigger implements Trigger {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    private static final int MAX_GET_RECORDS = 1000;

    /** One shard: where reading goes on, and the records read but not yet processed. */
    private static final class Shard {
        private final String id;
        private String iterator;
        private final Deque<Record> pending = new ArrayDeque<>();
        private int attempts;
        private long retryAtNanos;

        private Shard(String id, String iterator) {
            this.id = id;
            this.iterator = iterator;
        }
    }

    private final LocalFunction function;
    private final String eventName;
    private final String streamArn;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final int maximumRetryAttempts;
    private final DynamoDbStreamsClient streams;
    private final PrintStream console;
    private final List<Shard> shards = new ArrayList<>();
    private Poller poller;

    private DynamoDbStreamTrigger(LocalFunction function, String eventName, String streamArn, int batchSize,
                                  boolean reportBatchItemFailures, int maximumRetryAttempts,
                                  DynamoDbStreamsClient streams, PrintStream console) {
        this.function = function;
        this.eventName = eventName;
        this.streamArn = streamArn;
        this.batchSize = batchSize;
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.maximumRetryAttempts = maximumRetryAttempts;
        this.streams = streams;
        this.console = console;
    }

    static DynamoDbStreamTrigger start(LocalAws aws, LocalFunction function, String eventName,
                                       Map<String, Object> properties, PrintStream console) {
        Provisioned provisioned = aws.provisioned();
        String streamArn = provisioned.resolve(properties.get("Stream"));
        String startingPosition = provisioned.resolve(properties.get("StartingPosition"));
        if (streamArn == null || startingPosition == null) {
            throw new IllegalArgumentException(function.logicalId() + "." + eventName + ": a DynamoDB event needs Stream and StartingPosition");
        }
        Object batch = properties.get("BatchSize");
        Object retries = properties.get("MaximumRetryAttempts");
        Object responseTypes = properties.get("FunctionResponseTypes");
        boolean report = responseTypes instanceof List<?> list && list.stream().map(provisioned::resolve)
                .anyMatch("ReportBatchItemFailures"::equals);
        if (properties.containsKey("FilterCriteria")) {
            console.println("[local] " + function.logicalId() + "." + eventName + ": FilterCriteria is not applied locally");
        }
        DynamoDbStreamsClient streams = Env.with(LocalAws.awsEnvironment(aws.endpoint()),
                () -> Aws.configure(DynamoDbStreamsClient.builder()).build());
        DynamoDbStreamTrigger trigger = new DynamoDbStreamTrigger(function, eventName, streamArn,
                batch == null ? 100 : Integer.parseInt(provisioned.resolve(batch)), report,
                retries == null ? -1 : Integer.parseInt(provisioned.resolve(retries)), streams, console);
        if ("false".equals(provisioned.resolve(properties.get("Enabled")))) return trigger;
        try {
            trigger.openShards(ShardIteratorType.fromValue(startingPosition));
            trigger.poller = Poller.start("stream-" + function.logicalId() + "-" + eventName, POLL, trigger::poll, console);
            return trigger;
        } catch (RuntimeException e) {
            trigger.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return function.logicalId() + " <- stream of " + tableName() + " (" + eventName + ", batch " + batchSize
                + (reportBatchItemFailures ? ", ReportBatchItemFailures" : "") + (poller == null ? ", disabled" : "") + ")";
    }

    private void openShards(ShardIteratorType position) {
        String lastShard = null;
        do {
            String from = lastShard;
            StreamDescription description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(from))
                    .streamDescription();
            for (var shard : description.shards()) {
                String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(position)).shardIterator();
                shards.add(new Shard(shard.shardId(), iterator));
            }
            lastShard = description.lastEvaluatedShardId();
        } while (lastShard != null);
    }

    private void poll() {
        for (Shard shard : shards) {
            if (shard.iterator != null && shard.pending.size() < batchSize) {
                int limit = Math.min(MAX_GET_RECORDS, batchSize - shard.pending.size());
                var result = streams.getRecords(r -> r.shardIterator(shard.iterator).limit(limit));
                shard.pending.addAll(result.records());
                shard.iterator = result.nextShardIterator();
            }
            if (!shard.pending.isEmpty() && System.nanoTime() - shard.retryAtNanos >= 0) deliver(shard);
        }
    }

    private void deliver(Shard shard) {
        List<Record> batch = shard.pending.stream().limit(batchSize).toList();
        long started = System.nanoTime();
        int processed;
        String outcome;
        try {
            String output = function.invoke(StreamEvents.event(batch, streamArn));
            processed = reportBatchItemFailures ? processedBeforeFirstFailure(output, batch) : batch.size();
            outcome = processed == batch.size() ? "OK" : "batchItemFailures from record " + (processed + 1);
        } catch (LocalFunction.Failed e) {
            processed = 0;
            outcome = "function error " + e.errorType();
        }
        console.printf("[stream] %s -> %s: %d record(s) %s (%d ms)%n", tableName(), function.logicalId(), batch.size(),
                outcome, (System.nanoTime() - started) / 1_000_000);
        for (int i = 0; i < processed; i++) shard.pending.removeFirst();
        if (processed == batch.size()) {
            shard.attempts = 0;
            return;
        }
        shard.attempts = processed > 0 ? 1 : shard.attempts + 1;
        if (maximumRetryAttempts >= 0 && shard.attempts > maximumRetryAttempts) {
            for (int i = processed; i < batch.size(); i++) shard.pending.removeFirst();
            console.printf("[stream] %s: discarded %d record(s) of shard %s after %d retries (MaximumRetryAttempts)%n",
                    function.logicalId(), batch.size() - processed, shard.id, maximumRetryAttempts);
            shard.attempts = 0;
            return;
        }
        shard.retryAtNanos = System.nanoTime() + backoff(shard.attempts).toNanos();
    }

    /** How many records of the batch count as done, read from a {@code StreamsEventResponse}. */
    static int processedBeforeFirstFailure(String output, List<Record> batch) {
        JsonNode failures;
        try {
            JsonNode response = Json.MAPPER.readTree(output);
            failures = response == null ? null : response.get("batchItemFailures");
        } catch (JsonProcessingException unreadable) {
            return 0;
        }
        if (failures == null || failures.isNull() || failures.isEmpty()) return batch.size();
        int first = batch.size();
        for (JsonNode failure : failures) {
            String sequenceNumber = failure.path("itemIdentifier").asText("");
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) index = i;
            }
            if (index < 0) return 0;
            first = Math.min(first, index);
        }
        return first;
    }

    private static Duration backoff(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10));
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    private String tableName() {
        String[] parts = streamArn.split("/");
        return parts.length > 1 ? parts[1] : streamArn;
    }

    @Override
    public void close() {
        if (poller != null) poller.close();
        streams.close();
    }
}
