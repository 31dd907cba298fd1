package community.linli.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A test-only stream consumer that records every batch it is given (the keys, in order). An item
 * with {@code fail: report} is reported in {@code batchItemFailures}, one with {@code fail: throw}
 * makes the whole invocation throw; either only the first {@code times} times it is seen.
 */
public final class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final Queue<List<String>> BATCHES = new ConcurrentLinkedQueue<>();
    private static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();

    static void reset() {
        BATCHES.clear();
        SEEN.clear();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        BATCHES.add(event.getRecords().stream().map(r -> r.getDynamodb().getKeys().get("pk").getS()).toList());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            Map<String, AttributeValue> item = record.getDynamodb().getNewImage();
            if (item == null || !item.containsKey("fail")) continue;
            int seen = SEEN.merge(item.get("pk").getS(), 1, Integer::sum);
            if (seen > Integer.parseInt(item.get("times").getN())) continue;
            if (item.get("fail").getS().equals("throw")) throw new IllegalStateException("failing as the test asked");
            failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
        }
        return new StreamsEventResponse(failures);
    }
}
