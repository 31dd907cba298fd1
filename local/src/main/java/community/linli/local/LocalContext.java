package community.linli.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Context} of one invocation: its request id, the function's names and memory, and the
 * time left before the template's {@code Timeout}. The logger prints to the console, each line
 * tagged with the function's logical id.
 */
record LocalContext(String awsRequestId, String functionName, String invokedFunctionArn, int memoryLimitInMB,
                    long deadlineNanos, LambdaLogger logger) implements Context {

    static LocalContext of(String requestId, LocalFunction.Definition function, long deadlineNanos, PrintStream console) {
        return new LocalContext(requestId, function.name(), function.arn(), function.memoryMb(), deadlineNanos,
                new ConsoleLogger(function.logicalId(), console));
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return invokedFunctionArn; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return memoryLimitInMB; }
    @Override public LambdaLogger getLogger() { return logger; }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, remaining);
    }

    private record ConsoleLogger(String functionLogicalId, PrintStream console) implements LambdaLogger {
        @Override
        public void log(String message) {
            console.println("[" + functionLogicalId + "] " + message.stripTrailing());
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
