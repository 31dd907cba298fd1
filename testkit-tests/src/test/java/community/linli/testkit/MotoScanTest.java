package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * moto's Scan as scripts/moto_server.py serves it (items sorted once by their converted keys, each
 * item's size kept until an update changes it) still pages as DynamoDB does: at 1 MB of the items
 * as they are now, resuming in key order.
 */
@ExtendWith(MotoExtension.class)
@Provision("DirectoryFunction")
class MotoScanTest {
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

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
