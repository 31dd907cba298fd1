package community.linli.testkit;

import community.linli.platform.Aws;
import community.linli.platform.Env;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table's DynamoDB stream on the emulator, read from its start through the Streams API
 * (DescribeStream, GetShardIterator, GetRecords) as Lambda's poller reads it, for stream consumers'
 * tests and benchmarks. Each call returns what was written since the last one, in shard order.
 */
public final class TableStream {
    private final String arn;
    private final DynamoDbStreamsClient streams;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    public TableStream(LocalAws aws, String tableLogicalId) {
        this.arn = aws.dynamoDb().describeTable(r -> r.tableName(aws.name(tableLogicalId))).table().latestStreamArn();
        this.streams = Env.with(LocalAws.awsEnvironment(aws.endpoint()), () -> Aws.configure(DynamoDbStreamsClient.builder()).build());
        for (var shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
            iterators.put(shard.shardId(), streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        }
    }

    public String arn() {
        return arn;
    }

    /** The records written since the last call, in shard order. */
    public List<Record> newRecords() {
        List<Record> records = new ArrayList<>();
        for (var shard : iterators.entrySet()) {
            String iterator = shard.getValue();
            while (iterator != null) {
                String from = iterator;
                var result = streams.getRecords(r -> r.shardIterator(from));
                records.addAll(result.records());
                iterator = result.nextShardIterator();
                if (result.records().isEmpty()) break;
            }
            shard.setValue(iterator);
        }
        return records;
    }
}
