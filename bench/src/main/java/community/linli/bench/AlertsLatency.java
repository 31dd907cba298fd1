package community.linli.bench;

import community.linli.alerts.AlertsHandler;
import community.linli.platform.Aws;
import community.linli.platform.Priming;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.TimelineEvent;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.RoundTrips;
import community.linli.testkit.StreamEvents;
import community.linli.testkit.TableStream;
import community.linli.testkit.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * AlertsFunction's stream-record-to-SNS latency per batch, and its AWS calls per alert, against
 * moto. Per batch size, new urgent requests of G03 are written as RequestsFunction writes them (each
 * calls for two alerts: G03's worker and the staff member), their records read from the stream as
 * Lambda's poller reads them (GetRecords), and the batch handed to the handler (one warm container,
 * public constructor, the stream entry point). A record's latency runs from its
 * {@code ApproximateCreationDateTime} (DynamoDB rounds it down to the second; moto keeps the
 * milliseconds) to the answer of the last Publish it caused; beside it, from the write's own answer.
 * Lambda's polling and batching window (up to {@code MaximumBatchingWindowInSeconds}, 1 s) come on
 * top in AWS; moto's answers are slower than DynamoDB's and SNS's, so this is the function's share
 * and an upper bound of it.
 *
 * <pre>./scripts/bench alerts-latency [-Druns=5]</pre>
 */
public final class AlertsLatency {
    private static final int[] BATCH_SIZES = {1, 5, 25};
    private static final Pattern TRACKING_NUMBER = Pattern.compile("\\d{6}-\\d{4}");

    private AlertsLatency() {}

    /** Counts every call of the clients it is added to, by service and operation, and when each Publish answered. */
    static final class Calls implements ExecutionInterceptor {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final Map<String, Long> lastPublishAnswer = new ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            counts.merge(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PublishRequest publish) {
                Matcher number = TRACKING_NUMBER.matcher(publish.message());
                if (number.find()) lastPublishAnswer.put(number.group(), System.currentTimeMillis());
            }
        }

        void reset() {
            counts.clear();
            lastPublishAnswer.clear();
        }
    }

    public static void main(String[] args) {
        int runs = Integer.getInteger("runs", 5);
        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(), "bench-");
            Clock clock = Clock.systemUTC();
            DirectoryStore directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
            DemoCommunity.seed(directory);
            DemoCommunity.seedStaff(new StaffStore(aws.dynamoDb(), aws.name("StaffTable"),
                    new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), clock));
            Calls calls = new Calls();
            DynamoDbClient dynamo = Aws.configure(DynamoDbClient.builder(), aws.settings())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(calls)).build();
            SnsClient sns = Aws.configure(SnsClient.builder(), aws.settings()).overrideConfiguration(o -> o.addExecutionInterceptor(calls)).build();
            Map<String, String> env = aws.environment("AlertsFunction");
            AlertsHandler handler = new AlertsHandler(new RequestStore(dynamo, env.get("REQUESTS_TABLE"), clock),
                    StaffStore.reader(dynamo, env.get("STAFF_TABLE")), new DirectoryStore(dynamo, env.get("DIRECTORY_TABLE")),
                    sns, env.get("ALERTS_TOPIC"), env.get("ALERT_LINK_BASE_URL"), clock);
            RequestStore writer = new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), clock);
            TableStream stream = new TableStream(aws, "RequestsTable");

            batch(handler, writer, stream, calls, 2);
            System.out.println("AlertsFunction, stream record to SNS (moto; " + runs + " batches per size, one warm container; "
                    + "new urgent requests of G03, two alerts each):");
            System.out.println();
            System.out.println("| Requests per batch | Records | Alerts | Record to last Publish, median / max (ms) "
                    + "| Write's answer to last Publish, median / max (ms) | Handler per batch, median (ms) | AWS calls per alert |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---|");
            Map<String, Integer> perAlert = null;
            for (int size : BATCH_SIZES) {
                List<Long> fromRecord = new ArrayList<>();
                List<Long> fromWrite = new ArrayList<>();
                List<Long> handlerTimes = new ArrayList<>();
                Map<String, Integer> totals = new HashMap<>();
                int records = 0;
                int alerts = 0;
                for (int run = 0; run < runs; run++) {
                    Batch batch = batch(handler, writer, stream, calls, size);
                    fromRecord.addAll(batch.fromRecord());
                    fromWrite.addAll(batch.fromWrite());
                    handlerTimes.add(batch.handlerMillis());
                    batch.calls().forEach((k, v) -> totals.merge(k, v, Integer::sum));
                    records += batch.records();
                    alerts += batch.alerts();
                }
                int alertCount = alerts;
                perAlert = totals;
                System.out.println("| " + size + " | " + records / runs + " | " + alerts / runs + " | " + median(fromRecord) + " / "
                        + Collections.max(fromRecord) + " | " + median(fromWrite) + " / " + Collections.max(fromWrite) + " | "
                        + median(handlerTimes) + " | " + String.format(java.util.Locale.ROOT, "%.2f",
                        totals.values().stream().mapToInt(Integer::intValue).sum() / (double) alertCount) + " ("
                        + totals.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT, "%.2f", e.getValue() / (double) alertCount))
                        .collect(Collectors.joining(", ")) + ") |");
            }
            System.out.println();
            System.out.println("Calls of the last size, in all: " + new java.util.TreeMap<>(perAlert));
        }
    }

    record Batch(int records, int alerts, List<Long> fromRecord, List<Long> fromWrite, long handlerMillis, Map<String, Integer> calls) {}

    private static Batch batch(AlertsHandler handler, RequestStore writer, TableStream stream, Calls calls, int size) {
        Map<String, Long> written = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            ResidentRequest request = request(writer);
            writer.create(request, TimelineEvent.submitted(request, "resident"), null);
            written.put(request.id(), System.currentTimeMillis());
        }
        List<Record> records = new ArrayList<>();
        while (requestInserts(records) < written.size()) records.addAll(stream.newRecords());
        calls.reset();
        long start = System.nanoTime();
        var response = Priming.invoke(handler, StreamEvents.event(records, stream.arn()));
        long handlerMillis = (System.nanoTime() - start) / 1_000_000;
        if (!response.path("batchItemFailures").isEmpty()) throw new IllegalStateException("The batch failed: " + response);
        List<Long> fromRecord = new ArrayList<>();
        List<Long> fromWrite = new ArrayList<>();
        for (Record record : records) {
            if (!"INSERT".equals(record.eventNameAsString())) continue;
            var id = record.dynamodb().newImage().get("id");
            if (id == null || !written.containsKey(id.s()) || record.dynamodb().newImage().get("type") == null
                    || !"request".equals(record.dynamodb().newImage().get("type").s())) continue;
            Long published = calls.lastPublishAnswer.get(id.s());
            if (published == null) throw new IllegalStateException("No alert for " + id.s());
            fromRecord.add(published - record.dynamodb().approximateCreationDateTime().toEpochMilli());
            fromWrite.add(published - written.get(id.s()));
        }
        int alerts = calls.counts.getOrDefault("Sns Publish", calls.counts.getOrDefault("SNS Publish", 0));
        return new Batch(records.size(), alerts, fromRecord, fromWrite, handlerMillis, new HashMap<>(calls.counts));
    }

    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger();

    private static ResidentRequest request(RequestStore writer) {
        Instant at = Instant.now();
        String id = "261130-" + String.format("%04d", NUMBERS.incrementAndGet());
        return ResidentRequest.filed(DemoCommunity.ID, id, "bench-resident", "elevator", "电梯停了",
                new Location(DemoCommunity.gridId(3), DemoCommunity.buildingId(3, 1), "1", "302", null, null, null),
                Priority.URGENT, null, List.of(), Map.of(), false, at, at.plus(Duration.ofHours(4)));
    }

    /** How many of {@code records} are a request item's INSERT (the rest are its timeline entry and bookkeeping). */
    private static long requestInserts(List<Record> records) {
        return records.stream().filter(r -> "INSERT".equals(r.eventNameAsString()) && r.dynamodb().newImage().get("type") != null
                && "request".equals(r.dynamodb().newImage().get("type").s())).count();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
