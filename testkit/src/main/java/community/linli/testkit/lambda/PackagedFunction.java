package community.linli.testkit.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.testkit.LambdaJson;
import community.linli.testkit.LocalAws;
import community.linli.testkit.OpenApiContract;
import community.linli.testkit.Repo;
import community.linli.testkit.Template;
import community.linli.testkit.TemplateModules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function of template.yaml run as Lambda runs it, from the deployment zip that {@code sam build}
 * ships ({@code <CodeUri>/target/<artifactId>.zip}): its handler string and memory size from the
 * template, the real runtime interface client in its own JVM ({@link LambdaProcess}), the
 * environment the template gives it with every name resolved on moto, and one event. Every
 * function's runtime test goes through here:
 *
 * <pre>{@code
 * var run = PackagedFunction.of(aws, "DirectoryFunction").invoke("directory-list-categories.json");
 * APIGatewayV2HTTPResponse response = run.httpResponse();   // checked against openapi.yaml
 * }</pre>
 *
 * The function's output (its logs, the runtime's errors) goes to
 * {@code <CodeUri>/target/lambda-logs/<log name>.log} and into every failure message.
 */
public final class PackagedFunction {
    /** Lambda would stop the function at its Timeout; here a cold JVM shares a small machine, so it gets at least this long. */
    private static final Duration MIN_WAIT = Duration.ofSeconds(60);

    private final LocalAws aws;
    private final String function;
    private final Path zip;
    private final Path logDir;
    private final Map<String, String> extraEnvironment = new LinkedHashMap<>();
    private String logName;

    private PackagedFunction(LocalAws aws, String function) {
        this.aws = aws;
        this.function = function;
        Template template = aws.template();
        String codeUri = template.codeUriOf(function);
        this.zip = new TemplateModules(Repo.root(), template).zip(codeUri);
        this.logDir = Repo.file(codeUri).resolve("target/lambda-logs");
        this.logName = function;
    }

    /** The function {@code functionLogicalId} of {@code aws}'s template, against {@code aws}'s resources. */
    public static PackagedFunction of(LocalAws aws, String functionLogicalId) {
        return new PackagedFunction(aws, functionLogicalId);
    }

    /** A variable set on top of the template's (e.g. {@code AWS_LAMBDA_INITIALIZATION_TYPE}). */
    public PackagedFunction environment(String name, String value) {
        extraEnvironment.put(name, value);
        return this;
    }

    /** The log file's name under target/lambda-logs; the function's logical id unless given. */
    public PackagedFunction log(String name) {
        this.logName = name;
        return this;
    }

    public Path zip() {
        return zip;
    }

    /** Starts the function in a fresh execution environment, hands it events/{@code fixture}, and stops it. */
    public Run invoke(String fixture) {
        try {
            return invokeJson(Files.readString(Repo.file("events/" + fixture)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read events/" + fixture, e);
        }
    }

    /**
     * Starts the function as SnapStart does before a snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE}
     * {@code snap-start}): the runtime client runs the priming hooks, then asks the fake Runtime API
     * for {@code restore/next}, which it does not serve, so the run ends there with an init error.
     * Fails unless it ended exactly so, with priming logged as done and never as failed; the caller
     * then checks what priming must not have written. {@code fixture} is never delivered.
     */
    public Run primeForSnapshot(String fixture) {
        Run run = environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start").invoke(fixture);
        boolean stoppedAtRestore = run.result().outcome() == InvocationResult.Outcome.INIT_ERROR
                && run.result().body() != null && run.result().body().contains("restore/next");
        if (!stoppedAtRestore || !run.output().contains("\"event\":\"snapstart.primed\"")
                || run.output().contains("snapstart.priming_failed")) {
            throw new AssertionError(function + " did not prime and stop at restore/next: " + run.result() + "\n" + run.output());
        }
        return run;
    }

    /** Starts the function in a fresh execution environment, hands it {@code eventJson}, and stops it. */
    public Run invokeJson(String eventJson) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: runtime tests run after `package` (mvn verify, or an IT run)");
        }
        Template template = aws.template();
        Object memory = template.properties(function).getOrDefault("MemorySize", template.globalsFunction().get("MemorySize"));
        Object timeout = template.properties(function).getOrDefault("Timeout", template.globalsFunction().get("Timeout"));
        Duration wait = timeout == null ? MIN_WAIT : max(Duration.ofSeconds(Long.parseLong(String.valueOf(timeout))), MIN_WAIT);
        var builder = LambdaProcess.builder(template.handlerOf(function))
                .zip(zip)
                .functionName(function)
                .environment(aws.environment(function))
                .environment(extraEnvironment)
                .log(logDir.resolve(logName + ".log"));
        if (memory != null) builder.memoryMb(Integer.parseInt(String.valueOf(memory)));
        try (var api = new FakeRuntimeApi();
             var process = builder.runtimeApi(api).start()) {
            InvocationResult result = api.invoke(eventJson, wait);
            return new Run(function, eventJson, result, process.output());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What one invocation returned, the event it was given, and everything the function's process printed. */
    public record Run(String function, String event, InvocationResult result, String output) {
        /** The handler's result JSON; an AssertionError carrying the function's output unless it responded. */
        public String response() {
            if (!result.isResponse()) {
                throw new AssertionError(function + " did not respond but ended with " + result.outcome() + ": "
                        + result.body() + "\n--- its output:\n" + output);
            }
            return result.body();
        }

        /**
         * The HTTP API response, as the runtime serialized it, after checking it against the event's route in
         * openapi.yaml (every response a test receives is).
         */
        public APIGatewayV2HTTPResponse httpResponse() {
            APIGatewayV2HTTPResponse response = LambdaJson.read(response(), APIGatewayV2HTTPResponse.class);
            String[] route = Json.parse(event, JsonNode.class).path("routeKey").asText().split(" ", 2);
            if (route.length != 2) throw new AssertionError("The event has no HTTP API routeKey: " + event);
            OpenApiContract.load().assertResponse(route[0], route[1], response);
            return response;
        }

        /** The handler's result parsed as JSON. */
        public JsonNode json() {
            return Json.parse(response(), JsonNode.class);
        }
    }
}
