package community.linli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.core.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Template;
import community.linli.testkit.lambda.FakeRuntimeApi;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.LambdaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start of each target: from spawning its JVM to its first response arriving at the Runtime
 * API, with the runtime interface client, JVM flags and environment of the managed Java runtime
 * ({@link LambdaProcess}). Every run is a fresh process, a fresh Runtime API and a freshly unpacked
 * zip; targets alternate run by run so that machine noise spreads over all of them, after one
 * unmeasured run each to warm the OS file cache. Prints a Markdown table.
 *
 * <p>Targets: {@code echo}, the floor ({@link EchoHandler}), and {@code requests}, RequestsFunction's
 * deployment zip submitting events/requests-submit.json against moto (from the project's .venv,
 * made by scripts/bootstrap) with the tables of template.yaml. Both get the same event bytes.
 *
 * <p>Run from the repository root:
 * {@code mvn -B -q verify -DskipTests -Pcold-start} ({@code -Druns=N}, default 10).
 */
public final class ColdStart {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStart() {}

    /** A function to start: its package, handler, variables, and the status its first response must have. */
    record Target(String name, String description, Path zip, String handler, String functionName,
                  Map<String, String> environment, int expectedStatus) {}

    /** Nanoseconds from spawn to the first {@code /next} (end of init) and to the first response. */
    record Sample(long initNanos, long totalNanos) {}

    public static void main(String[] args) throws IOException {
        int runs = Integer.getInteger("runs", 10);
        if (runs < 1) throw new IllegalArgumentException("runs: at least 1");
        Path root = Path.of(System.getProperty("linli.root", ".")).toAbsolutePath().normalize();
        String event = Files.readString(root.resolve("events/requests-submit.json"));

        try (MotoServer moto = MotoServer.start()) {
            List<Target> targets = List.of(echo(root), requests(root, moto));
            for (Target target : targets) {
                measure(target, event);
            }
            Map<Target, List<Sample>> samples = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (Target target : targets) {
                    samples.computeIfAbsent(target, t -> new ArrayList<>()).add(measure(target, event));
                }
            }
            System.out.println(table(samples, runs));
        }
    }

    static Target echo(Path root) {
        return new Target("echo", "floor: constant HTTP API response, same RIC and event",
                existing(root.resolve("bench/target/echo-function.zip")),
                EchoHandler.class.getName() + "::handleRequest", "EchoFunction", Map.of(), 200);
    }

    /**
     * RequestsFunction from its deployment zip, with the tables of template.yaml on moto and the demo
     * community seeded, so that the event's elevator request in building B0301 is accepted (201).
     */
    static Target requests(Path root, MotoServer moto) {
        LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(root.resolve("template.yaml")), "bench-");
        DemoCommunity.seed(new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable")));
        return new Target("requests", "RequestsFunction, POST /requests writing to moto",
                existing(root.resolve("functions/requests/target/requests-function.zip")),
                aws.template().handlerOf("RequestsFunction"), "RequestsFunction", aws.environment("RequestsFunction"), 201);
    }

    static Sample measure(Target target, String event) {
        try (var api = new FakeRuntimeApi("arn:aws:lambda:us-east-1:123456789012:function:" + target.functionName());
             var process = LambdaProcess.builder(target.handler()).zip(target.zip()).functionName(target.functionName())
                     .environment(target.environment()).runtimeApi(api).start()) {
            InvocationResult result = api.invoke(event, TIMEOUT);
            int status = result.isResponse() ? JSON.readTree(result.body()).path("statusCode").asInt() : -1;
            if (status != target.expectedStatus()) {
                throw new IllegalStateException(target.name() + ": expected a " + target.expectedStatus() + " response, got "
                        + result.outcome() + " " + (status == -1 ? "" : status + " ") + result.body()
                        + "\n--- process output ---\n" + process.output());
            }
            return new Sample(result.firstPolledNanos() - process.spawnedAtNanos(), result.completedNanos() - process.spawnedAtNanos());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String table(Map<Target, List<Sample>> samples, int runs) {
        var out = new StringBuilder();
        out.append("Cold start: JVM spawn to first response at the Runtime API; ").append(runs)
                .append(" runs per target, alternating, after one unmeasured run each.\n")
                .append("JDK ").append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, flags ").append(String.join(" ", LambdaProcess.jvmFlags(1024))).append("\n\n")
                .append("| Target | What | Median (ms) | Min (ms) | Max (ms) | Init median (ms) |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((target, list) -> {
            List<Long> totals = list.stream().map(Sample::totalNanos).sorted().toList();
            List<Long> inits = list.stream().map(Sample::initNanos).sorted().toList();
            medians.put(target.name(), median(totals));
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f |%n", target.name(), target.description(),
                    median(totals) / 1e6, totals.getFirst() / 1e6, totals.getLast() / 1e6, median(inits) / 1e6));
        });
        if (medians.containsKey("echo") && medians.containsKey("requests")) {
            out.append(String.format(Locale.ROOT, "%nRatio of medians, requests / echo: %.2f%n", medians.get("requests") / medians.get("echo")));
        }
        return out.toString();
    }

    private static double median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static Path existing(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: run `mvn -B -q install -DskipTests` at the repository root first");
        }
        return zip;
    }
}
