package community.linli.bench;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every DynamoDB and KMS request any SDK client in this JVM sends (KMS operations prefixed
 * {@code KMS }). The SDK loads it as a global
 * interceptor (resource {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so
 * the functions are measured exactly as they are built, through their public constructors.
 */
public final class CountingInterceptor implements ExecutionInterceptor {
    private static final Map<String, Integer> COUNTS = new TreeMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String key;
        if ("DynamoDB".equalsIgnoreCase(service)) key = operation;
        else if ("KMS".equalsIgnoreCase(service)) key = "KMS " + operation;
        else return;
        synchronized (COUNTS) {
            COUNTS.merge(key, 1, Integer::sum);
        }
    }

    /** The requests {@code action} sent, by operation. */
    static Map<String, Integer> during(Runnable action) {
        synchronized (COUNTS) {
            COUNTS.clear();
        }
        action.run();
        synchronized (COUNTS) {
            return new TreeMap<>(COUNTS);
        }
    }
}
