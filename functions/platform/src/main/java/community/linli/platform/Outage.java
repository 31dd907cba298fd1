package community.linli.platform;

import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A dependency (DynamoDB, S3, SNS, KMS) that throttled, failed on its side or did not answer in
 * time, after the SDK's retries ({@link Aws.Calls}): the failure a client should retry later,
 * as opposed to a bug or a misconfiguration (access denied, a missing table, a bad request),
 * which stays unexpected.
 *
 * <p>Recognized: {@link ApiCallTimeoutException} and {@link ApiCallAttemptTimeoutException}; an
 * {@link SdkClientException} caused by an I/O failure (refused or reset connection, socket
 * timeout); an {@link AwsServiceException} that is throttling or has a 5xx status; and a
 * DynamoDB transaction cancelled because an item was throttled ({@code ThrottlingError}), in
 * which case DynamoDB wrote none of it.
 *
 * @param kind      {@code throttled}, {@code failed} (5xx), {@code timeout} or {@code unreachable}
 * @param service   the SDK's service name (DynamoDb, S3, Sns, Kms)
 * @param operation the SDK operation (TransactWriteItems, HeadObject), when the call is known
 * @param errorCode AWS's error code, or the client exception's class
 * @param awsRequestId AWS's request id, for the provider's support; null when none came back
 */
public record Outage(String kind, String service, String operation, String errorCode, Integer status, String awsRequestId) {
    /** The interceptor {@link Aws} adds to every client: remembers which call failed on this thread. */
    static final ExecutionInterceptor RECORDER = new Recorder();

    private static final ThreadLocal<Failed> LAST_FAILED = new ThreadLocal<>();

    private record Failed(Throwable exception, String service, String operation) {}

    /** The outage {@code error} is, looking through its causes; empty for any other failure. */
    public static Optional<Outage> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SdkException sdk) return classify(sdk);
        }
        return Optional.empty();
    }

    private static Optional<Outage> classify(SdkException e) {
        String kind = switch (e) {
            case ApiCallTimeoutException _, ApiCallAttemptTimeoutException _ -> "timeout";
            case TransactionCanceledException cancelled when throttled(cancelled) -> "throttled";
            case AwsServiceException service when service.isThrottlingException() -> "throttled";
            case AwsServiceException service when service.statusCode() >= 500 -> "failed";
            case SdkClientException client when causedByIo(client) -> "unreachable";
            default -> null;
        };
        if (kind == null) return Optional.empty();
        Failed failed = LAST_FAILED.get();
        LAST_FAILED.remove();
        boolean recorded = failed != null && failed.exception() == e;
        String service = recorded ? failed.service() : null;
        String operation = recorded ? failed.operation() : null;
        if (e instanceof AwsServiceException aws) {
            var details = aws.awsErrorDetails();
            if (service == null && details != null) service = details.serviceName();
            return Optional.of(new Outage(kind, service, operation, details == null ? null : details.errorCode(),
                    aws.statusCode(), aws.requestId()));
        }
        return Optional.of(new Outage(kind, service, operation, e.getClass().getSimpleName(), null, null));
    }

    private static boolean throttled(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code).anyMatch("ThrottlingError"::equals);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) return true;
        }
        return false;
    }

    /** The exception alone says neither service (for a timeout) nor operation; the SDK's execution context does. */
    private static final class Recorder implements ExecutionInterceptor {
        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            LAST_FAILED.set(new Failed(context.exception(), attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
        }
    }
}
