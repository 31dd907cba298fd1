package community.linli.testkit.lambda;

import community.linli.testkit.LocalAws;
import community.linli.testkit.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A function's packaged zip run as Lambda runs it: the handler string and {@code CodeUri} from
 * template.yaml ({@code functions/<name>} packages {@code functions/<name>/target/<name>-function.zip}),
 * the real runtime interface client in its own JVM, the environment the template gives the function
 * (plus {@code extraEnvironment}), and one event from events/.
 */
public final class PackagedFunction {
    /** What one invocation returned, and everything the function's process printed. */
    public record Run(InvocationResult result, String output) {}

    private PackagedFunction() {}

    public static Run invoke(LocalAws aws, String functionLogicalId, String fixture, String logName,
                             Map<String, String> extraEnvironment) throws IOException {
        String codeUri = String.valueOf(aws.template().properties(functionLogicalId).get("CodeUri"));
        String name = Path.of(codeUri).getFileName().toString();
        String event = Files.readString(Repo.file("events/" + fixture));
        Path log = Repo.file(codeUri + "/target/lambda-logs/" + logName + ".log");
        var builder = LambdaProcess.builder(aws.template().handlerOf(functionLogicalId))
                .zip(Repo.file(codeUri + "/target/" + name + "-function.zip"))
                .functionName(functionLogicalId)
                .environment(aws.environment(functionLogicalId));
        extraEnvironment.forEach(builder::environment);
        try (var api = new FakeRuntimeApi();
             var function = builder.runtimeApi(api).log(log).start()) {
            InvocationResult result = api.invoke(event, Duration.ofSeconds(60));
            return new Run(result, function.output());
        }
    }
}
