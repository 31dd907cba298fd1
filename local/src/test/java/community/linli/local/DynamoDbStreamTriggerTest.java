package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

class DynamoDbStreamTriggerTest {
    final List<Record> batch = List.of(record("100"), record("200"), record("300"));

    @Test
    void noFailures_meansTheWholeBatchIsDone() {
        assertThat(DynamoDbStreamTrigger.processedBeforeFirstFailure("{\"batchItemFailures\":[]}", batch)).isEqualTo(3);
        assertThat(DynamoDbStreamTrigger.processedBeforeFirstFailure("{}", batch)).isEqualTo(3);
        assertThat(DynamoDbStreamTrigger.processedBeforeFirstFailure("null", batch)).isEqualTo(3);
    }

    @Test
    void reportedFailures_keepEverythingFromTheLowestOneForTheRetry() {
        String response = "{\"batchItemFailures\":[{\"itemIdentifier\":\"300\"},{\"itemIdentifier\":\"200\"}]}";

        assertThat(DynamoDbStreamTrigger.processedBeforeFirstFailure(response, batch)).isEqualTo(1);
    }

    @Test
    void anIdentifierOutsideTheBatch_orAnUnreadableResponse_failsTheWholeBatch() {
        assertThat(DynamoDbStreamTrigger.processedBeforeFirstFailure("{\"batchItemFailures\":[{\"itemIdentifier\":\"999\"}]}", batch))
                .isZero();
        assertThat(DynamoDbStreamTrigger.processedBeforeFirstFailure("{\"batchItemFailures\":[{}]}", batch)).isZero();
        assertThat(DynamoDbStreamTrigger.processedBeforeFirstFailure("{not json", batch)).isZero();
    }

    static Record record(String sequenceNumber) {
        return Record.builder().dynamodb(d -> d.sequenceNumber(sequenceNumber)).build();
    }
}
