package community.linli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Which SDK failures are an outage (503, retry later) and which stay unexpected (500). */
class OutageTest {
    static AwsServiceException kms(int status, String code) {
        return KmsException.builder().statusCode(status).requestId("r-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("Kms").build()).build();
    }

    static TransactionCanceledException cancelled(String... codes) {
        return (TransactionCanceledException) TransactionCanceledException.builder().statusCode(400)
                .cancellationReasons(java.util.Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList())
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").serviceName("DynamoDb").build())
                .build();
    }

    static Optional<String> kind(Throwable e) {
        return Outage.of(e).map(Outage::kind);
    }

    @Test
    void throttling_isAnOutage_withTheServiceCodeAndRequestId() {
        Outage outage = Outage.of(kms(400, "ThrottlingException")).orElseThrow();

        assertThat(outage.kind()).isEqualTo("throttled");
        assertThat(outage.service()).isEqualTo("Kms");
        assertThat(outage.errorCode()).isEqualTo("ThrottlingException");
        assertThat(outage.awsRequestId()).isEqualTo("r-1");
    }

    @Test
    void a5xx_isAnOutage_butA4xxOtherThanThrottlingIsNot() {
        assertThat(kind(kms(500, "KMSInternalException"))).contains("failed");
        assertThat(kind(DynamoDbException.builder().statusCode(503).build())).contains("failed");
        assertThat(kind(kms(400, "AccessDeniedException"))).isEmpty();
        assertThat(kind(kms(400, "ValidationException"))).isEmpty();
    }

    @Test
    void timeouts_andIoFailures_areOutages_otherClientFailuresAreNot() {
        assertThat(kind(ApiCallTimeoutException.create(5000))).contains("timeout");
        assertThat(kind(ApiCallAttemptTimeoutException.create(2000))).contains("timeout");
        assertThat(kind(SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused")))).contains("unreachable");
        assertThat(kind(SdkClientException.create("Unable to marshall request"))).isEmpty();
    }

    @Test
    void aTransactionCancelledForAThrottledItem_isAnOutage_butOneCancelledByACondition_isNot() {
        assertThat(kind(cancelled("None", "ThrottlingError"))).contains("throttled");
        assertThat(kind(cancelled("None", "ConditionalCheckFailed"))).isEmpty();
    }

    @Test
    void anOutageWrappedInAnotherException_isFoundThroughItsCauses() {
        assertThat(kind(new IllegalStateException("while sealing", kms(400, "ThrottlingException")))).contains("throttled");
        assertThat(kind(new IllegalStateException("a bug"))).isEmpty();
    }
}
