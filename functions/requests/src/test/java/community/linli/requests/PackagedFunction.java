package community.linli.requests;

import community.linli.testkit.LocalAws;
import community.linli.testkit.Repo;
import community.linli.testkit.lambda.FakeRuntimeApi;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.LambdaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The packaged requests-function.zip run as Lambda runs it: the handler string from template.yaml,
 * the real runtime interface client in its own JVM, the environment the template gives the
 * function (plus {@code extraEnvironment}), and one event from events/.
 */
final class PackagedFunction {
    static final String FUNCTION = "RequestsFunction";

    /** What one invocation returned, and everything the function's process printed. */
    record Run(InvocationResult result, String output) {}

    private PackagedFunction() {}

    static Run invoke(LocalAws aws, String fixture, String logName, Map<String, String> extraEnvironment) throws IOException {
        return invoke(aws, FUNCTION, Files.readString(Repo.file("events/" + fixture)), logName, extraEnvironment);
    }

    /** {@code event} to {@code logicalId}, one of the functions the zip holds (RequestsFunction, OverdueSweepFunction). */
    static Run invoke(LocalAws aws, String logicalId, String event, String logName, Map<String, String> extraEnvironment)
            throws IOException {
        Path log = Repo.file("functions/requests/target/lambda-logs/" + logName + ".log");
        var builder = LambdaProcess.builder(aws.template().handlerOf(logicalId))
                .zip(Repo.file("functions/requests/target/requests-function.zip"))
                .functionName(logicalId)
                .environment(aws.environment(logicalId));
        extraEnvironment.forEach(builder::environment);
        try (var api = new FakeRuntimeApi();
             var function = builder.runtimeApi(api).log(log).start()) {
            InvocationResult result = api.invoke(event, Duration.ofSeconds(60));
            return new Run(result, function.output());
        }
    }
}
