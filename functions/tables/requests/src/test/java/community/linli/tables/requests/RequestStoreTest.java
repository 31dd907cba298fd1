package community.linli.tables.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The store's reading of a cancelled transaction, without AWS: by each write's reason, never by the message. */
class RequestStoreTest {
    @Test
    void failedAt_readsTheReasonOfThatWrite() {
        var e = TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(CancellationReason.builder().code("None").build(),
                        CancellationReason.builder().code("None").build(),
                        CancellationReason.builder().code("ConditionalCheckFailed").message("The conditional request failed").build())
                .build();

        assertThat(RequestStore.failedAt(e, 2)).isTrue();
        assertThat(RequestStore.failedAt(e, 0)).isFalse();
        assertThat(RequestStore.failedAt(e, 3)).isFalse();
    }

    @Test
    void failedAt_withoutReasons_isFalse_whateverTheMessageSays() {
        var e = TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]")
                .build();

        assertThat(RequestStore.failedAt(e, 0)).isFalse();
    }

    @Test
    void failedAt_anotherReasonAtThatWrite_isFalse() {
        var e = TransactionCanceledException.builder().message("ConditionalCheckFailed somewhere")
                .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build())
                .build();

        assertThat(RequestStore.failedAt(e, 0)).isFalse();
    }
}
