package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB as scripts/moto_server.py serves it, where it changes moto: Scan (items sorted once by
 * their converted keys, each item's size kept until an update changes it) still pages as DynamoDB
 * does, at 1 MB of the items as they are now, resuming in key order; a transaction's retry with its
 * ClientRequestToken succeeds without writing again; and a seed is copied into another test's empty
 * tables instead of being written again ({@link LocalAws#seedOnce}).
 */
@ExtendWith(MotoExtension.class)
@Provision("DirectoryFunction")
class MotoDynamoDbTest {
    static final String BIG = "x".repeat(300_000);

    @Test
    void scan_pagesAtOneMegabyteOfTheItemsAsTheyAreAfterAnUpdate(LocalAws aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        String table = aws.name("DirectoryTable");
        for (String sk : List.of("S1", "S2", "S3", "S4")) {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("P"), "sk", s(sk), "payload", s(BIG))));
        }
        assertThat(dynamo.scan(b -> b.tableName(table)).count()).as("4 x 300 KB: the page ends before 1 MB").isEqualTo(3);

        dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s("P"), "sk", s("S2"))).updateExpression("REMOVE payload"));

        ScanResponse page = dynamo.scan(b -> b.tableName(table));
        assertThat(page.count()).as("the shrunk item is sized as it is now").isEqualTo(4);
        assertThat(page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()).isFalse();
    }

    @Test
    void scan_returnsItemsInKeyOrder_andResumesAfterTheLastKey(LocalAws aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        String table = aws.name("DirectoryTable");
        List<String> keys = List.of("C#b#9", "C#a#10", "C#a#2", "C#c#1");
        for (String pk : keys) {
            for (String sk : List.of("B", "A")) {
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "sk", s(sk))));
            }
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(table).limit(3).exclusiveStartKey(from));
            page.items().forEach(item -> seen.add(item.get("pk").s() + "/" + item.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        assertThat(seen).containsExactly("C#a#10/A", "C#a#10/B", "C#a#2/A", "C#a#2/B", "C#b#9/A", "C#b#9/B",
                "C#c#1/A", "C#c#1/B");
    }

    @Test
    void transactWriteItems_retriedWithItsToken_succeedsWithoutWritingAgain_asDynamoDbDoes(LocalAws aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        String table = aws.name("DirectoryTable");
        java.util.function.Function<String, TransactWriteItemsRequest> firstSeat = token -> TransactWriteItemsRequest.builder()
                .clientRequestToken(token)
                .transactItems(t -> t.put(p -> p.tableName(table).item(Map.of("pk", s("SEAT"), "sk", s("1"), "holder", s("a")))
                        .conditionExpression("attribute_not_exists(pk)")))
                .build();

        dynamo.transactWriteItems(firstSeat.apply("token-1"));
        dynamo.transactWriteItems(firstSeat.apply("token-1"));

        assertThatThrownBy(() -> dynamo.transactWriteItems(firstSeat.apply("token-2")))
                .as("another call, not a retry").isInstanceOf(TransactionCanceledException.class);
        assertThat(dynamo.scan(b -> b.tableName(table)).count()).isEqualTo(1);
    }

    @Test
    void seedOnce_intoAnotherTestsEmptyTables_copiesTheSeededItems_withoutRunningTheSeeder(LocalAws aws, MotoServer moto) {
        String seed = "moto-dynamodb-test-" + java.util.UUID.randomUUID();
        List<String> runs = new ArrayList<>();
        aws.seedOnce(seed, List.of("DirectoryTable"), () -> {
            runs.add(aws.name("DirectoryTable"));
            aws.dynamoDb().putItem(b -> b.tableName(aws.name("DirectoryTable")).item(Map.of("pk", s("C#demo"), "sk", s("G03"),
                    "name", s("第3网格"))));
        });
        LocalAws other = LocalAws.provisionFor(moto.endpoint(), aws.template(), "seed-" + seed.hashCode() + "-", List.of("DirectoryFunction"));
        LocalAws notEmpty = LocalAws.provisionFor(moto.endpoint(), aws.template(), "seed2-" + seed.hashCode() + "-", List.of("DirectoryFunction"));
        notEmpty.dynamoDb().putItem(b -> b.tableName(notEmpty.name("DirectoryTable")).item(Map.of("pk", s("C#x"), "sk", s("x"))));

        other.seedOnce(seed, List.of("DirectoryTable"), () -> runs.add(other.name("DirectoryTable")));
        notEmpty.seedOnce(seed, List.of("DirectoryTable"), () -> runs.add(notEmpty.name("DirectoryTable")));

        assertThat(runs).as("the seeder ran for the first table and for the one that was not empty")
                .containsExactly(aws.name("DirectoryTable"), notEmpty.name("DirectoryTable"));
        var copied = other.dynamoDb().getItem(b -> b.tableName(other.name("DirectoryTable")).key(Map.of("pk", s("C#demo"), "sk", s("G03"))));
        assertThat(copied.item()).containsEntry("name", s("第3网格"));
        var page = other.dynamoDb().query(b -> b.tableName(other.name("DirectoryTable")).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("C#demo"))));
        assertThat(page.count()).isEqualTo(1);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
