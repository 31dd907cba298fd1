package community.linli.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB read and write request units and the calls to S3, SNS and KMS that any SDK client in
 * this JVM makes, computed from the items it sends and receives by DynamoDB's published rules
 * (moto answers a constant ConsumedCapacity): a read is 1 unit per 4 KB, half for an eventually
 * consistent one, and a Query or BatchGetItem rounds the sum of the items it returns; a write is 1
 * unit per 1 KB of the item, 2 in a transaction. Item size is the attribute names' UTF-8 bytes
 * plus the values' (strings in UTF-8, numbers about one byte per two digits plus one, 3 bytes per
 * list or map plus 1 per element). For an UpdateItem, which sends no whole item, the size is its
 * key and the values it sets: a lower bound, exact for our counters and flags, which are small
 * items. A ConditionCheck in a transaction is counted as a transactional write of its key.
 */
public final class CapacityInterceptor implements ExecutionInterceptor {
    /** Request units and calls so far, by name: {@code RRU}, {@code WRU}, {@code S3 HeadObject}, … */
    private static final Map<String, Double> TOTALS = new TreeMap<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        if (!"DynamoDB".equalsIgnoreCase(service)) {
            add(service + " " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1);
            return;
        }
        switch (context.request()) {
            case GetItemRequest get when context.response() instanceof GetItemResponse r ->
                    add("RRU", reads(get.consistentRead(), r.hasItem() ? size(r.item()) : 0));
            case QueryRequest query when context.response() instanceof QueryResponse r ->
                    add("RRU", reads(query.consistentRead(), r.items().stream().mapToLong(CapacityInterceptor::size).sum()));
            case BatchGetItemRequest batch when context.response() instanceof BatchGetItemResponse r ->
                    r.responses().forEach((table, items) -> items.forEach(item ->
                            add("RRU", reads(batch.requestItems().get(table).consistentRead(), size(item)))));
            case PutItemRequest put -> add("WRU", writes(size(put.item())));
            case UpdateItemRequest update -> add("WRU", writes(size(update.key()) + size(update.expressionAttributeValues())));
            case TransactWriteItemsRequest transaction -> {
                for (TransactWriteItem item : transaction.transactItems()) add("WRU", 2 * writes(transactionSize(item)));
            }
            default -> add("DynamoDB other", 1);
        }
    }

    private static long transactionSize(TransactWriteItem item) {
        if (item.put() != null) return size(item.put().item());
        if (item.update() != null) return size(item.update().key()) + size(item.update().expressionAttributeValues());
        if (item.conditionCheck() != null) return size(item.conditionCheck().key());
        return size(item.delete().key());
    }

    private static double reads(Boolean consistent, long bytes) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return Boolean.TRUE.equals(consistent) ? units : units / 2;
    }

    private static double writes(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    static long size(Map<String, AttributeValue> item) {
        if (item == null) return 0;
        long bytes = 0;
        for (var entry : item.entrySet()) bytes += utf8(entry.getKey()) + size(entry.getValue());
        return bytes;
    }

    private static long size(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(CapacityInterceptor::utf8).sum();
            case NS -> value.ns().stream().mapToLong(CapacityInterceptor::number).sum();
            case BS -> value.bs().stream().map(SdkBytes::asByteArray).mapToLong(b -> b.length).sum();
            case L -> 3 + elements(value.l());
            case M -> 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> 0;
        };
    }

    private static long elements(Collection<AttributeValue> values) {
        return values.stream().mapToLong(v -> 1 + size(v)).sum();
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long number(String n) {
        long digits = n.chars().filter(Character::isDigit).count();
        return (digits + 1) / 2 + 1;
    }

    private static void add(String name, double amount) {
        synchronized (TOTALS) {
            TOTALS.merge(name, amount, Double::sum);
        }
    }

    /** What {@code action} consumed, by name. */
    static Map<String, Double> during(Runnable action) {
        synchronized (TOTALS) {
            TOTALS.clear();
        }
        action.run();
        synchronized (TOTALS) {
            return new TreeMap<>(TOTALS);
        }
    }
}
