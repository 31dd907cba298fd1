package community.linli.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts the HTTP round trips an SDK client makes, by operation (GetItem, Query, ...), retries
 * included: each transmitted request is one. Deterministic, so tests assert these counts and the
 * benchmark prints them. Also counts the items DynamoDB Queries returned: a query that reads what
 * it need not read costs one round trip all the same.
 */
public final class RoundTrips implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger itemsQueried = new AtomicInteger();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse query && query.count() != null) itemsQueried.addAndGet(query.count());
    }

    /** Items returned by Queries since the last {@link #reset}. */
    public int itemsQueried() {
        return itemsQueried.get();
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Operation name to count, in no particular order. */
    public Map<String, Integer> byOperation() {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), e.getValue().get()));
        return out;
    }

    public void reset() {
        counts.clear();
        itemsQueried.set(0);
    }

    /** Counts the round trips {@code action} makes. */
    public Map<String, Integer> during(Runnable action) {
        reset();
        action.run();
        return byOperation();
    }
}
