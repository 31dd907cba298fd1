package community.linli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.RequestStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Template;
import community.linli.testkit.lambda.FakeRuntimeApi;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.LambdaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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
 * <p>Besides wall time, each sample records the CPU time the function's process had used when its
 * first response arrived (all its threads, from {@code /proc/<pid>/task/<tid>/schedstat}): another
 * build on the machine stretches wall time far more than CPU time, and on Lambda, whose share of a
 * vCPU is below one at 1024 MB, CPU time is what a cold start costs. The table is followed by the
 * load average around the runs and by moto's own latency for the calls a submit makes, measured
 * with a warm client, which is the part of the requests target's time that is the emulator's.
 *
 * <p>{@code -Dbreakdown=true} adds a diagnostic: three more runs per target with
 * {@code -Xlog:class+load} (through {@code JAVA_TOOL_OPTIONS}, for both targets alike, never in the
 * table's runs), printing when the runtime client and the handler class were loaded, when init
 * ended and when the response was posted, and how many classes each phase loaded and from where.
 * The logging slows every phase; read it for proportions.
 *
 * <p>Run from the repository root:
 * {@code mvn -B -q verify -DskipTests -Pcold-start} ({@code -Druns=N}, default 10;
 * {@code -Dbreakdown=true}).
 */
public final class ColdStart {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStart() {}

    /** A function to start: its package, handler, variables, and the status its first response must have. */
    record Target(String name, String description, Path zip, String handler, String functionName,
                  Map<String, String> environment, int expectedStatus) {}

    /**
     * Nanoseconds from spawn to the first {@code /next} (end of init) and to the first response, and
     * the process's CPU time when that response arrived ({@code -1} where /proc cannot tell).
     */
    record Sample(long initNanos, long totalNanos, long cpuNanos) {}

    /** The milliseconds a warm client waits for moto, per operation a submit makes. */
    record MotoLatency(double batchGetMillis, double updateMillis, double transactWriteMillis) {
        double submitMillis() {
            return batchGetMillis + updateMillis + transactWriteMillis;
        }
    }

    public static void main(String[] args) throws IOException {
        int runs = Integer.getInteger("runs", 10);
        if (runs < 1) throw new IllegalArgumentException("runs: at least 1");
        Path root = Path.of(System.getProperty("linli.root", ".")).toAbsolutePath().normalize();
        String event = Files.readString(root.resolve("events/requests-submit.json"));

        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(root.resolve("template.yaml")), "bench-");
            List<Target> targets = List.of(echo(root), requests(root, aws));
            for (Target target : targets) {
                measure(target, event, Map.of());
            }
            double loadBefore = loadAverage();
            Map<Target, List<Sample>> samples = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (Target target : targets) {
                    samples.computeIfAbsent(target, t -> new ArrayList<>()).add(measure(target, event, Map.of()));
                }
            }
            double loadAfter = loadAverage();
            System.out.println(table(samples, runs));
            System.out.printf(Locale.ROOT, "Load average (1 min): %.2f before the runs, %.2f after.%n", loadBefore, loadAfter);
            MotoLatency latency = motoLatency(aws);
            System.out.printf(Locale.ROOT, "moto, warm client, median of %d calls each: BatchGetItem %.1f ms, UpdateItem %.1f ms, "
                            + "TransactWriteItems %.1f ms; a submit makes one of each, so about %.0f ms of the requests target is the emulator's.%n",
                    LATENCY_CALLS, latency.batchGetMillis(), latency.updateMillis(), latency.transactWriteMillis(), latency.submitMillis());
            if (Boolean.getBoolean("breakdown")) {
                System.out.println();
                System.out.println(Breakdown.table(targets, target -> Breakdown.measure(target, event)));
            }
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
    static Target requests(Path root, LocalAws aws) {
        DemoCommunity.seed(new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable")));
        return new Target("requests", "RequestsFunction, POST /requests writing to moto",
                existing(root.resolve("functions/requests/target/requests-function.zip")),
                aws.template().handlerOf("RequestsFunction"), "RequestsFunction", aws.environment("RequestsFunction"), 201);
    }

    /** One cold start of {@code target}; {@code extra} variables go to its process (the breakdown's logging). */
    static Sample measure(Target target, String event, Map<String, String> extra) {
        try (var api = new FakeRuntimeApi("arn:aws:lambda:us-east-1:123456789012:function:" + target.functionName());
             var process = LambdaProcess.builder(target.handler()).zip(target.zip()).functionName(target.functionName())
                     .environment(target.environment()).environment(extra).runtimeApi(api).start()) {
            InvocationResult result = api.invoke(event, TIMEOUT);
            long cpu = cpuNanos(process.pid());
            int status = result.isResponse() ? JSON.readTree(result.body()).path("statusCode").asInt() : -1;
            if (status != target.expectedStatus()) {
                throw new IllegalStateException(target.name() + ": expected a " + target.expectedStatus() + " response, got "
                        + result.outcome() + " " + (status == -1 ? "" : status + " ") + result.body()
                        + "\n--- process output ---\n" + process.output());
            }
            return new Sample(result.firstPolledNanos() - process.spawnedAtNanos(), result.completedNanos() - process.spawnedAtNanos(), cpu);
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
                .append("| Target | What | Median (ms) | Min (ms) | Max (ms) | Init median (ms) | CPU median (ms) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Double> cpuMedians = new LinkedHashMap<>();
        samples.forEach((target, list) -> {
            List<Long> totals = list.stream().map(Sample::totalNanos).sorted().toList();
            List<Long> inits = list.stream().map(Sample::initNanos).sorted().toList();
            List<Long> cpus = list.stream().map(Sample::cpuNanos).sorted().toList();
            medians.put(target.name(), median(totals));
            boolean cpuKnown = cpus.getFirst() >= 0;
            if (cpuKnown) cpuMedians.put(target.name(), median(cpus));
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %s |%n", target.name(), target.description(),
                    median(totals) / 1e6, totals.getFirst() / 1e6, totals.getLast() / 1e6, median(inits) / 1e6,
                    cpuKnown ? String.format(Locale.ROOT, "%.0f", median(cpus) / 1e6) : "n/a"));
        });
        if (medians.containsKey("echo") && medians.containsKey("requests")) {
            out.append(String.format(Locale.ROOT, "%nRatio of medians, requests / echo: %.2f%n", medians.get("requests") / medians.get("echo")));
        }
        if (cpuMedians.containsKey("echo") && cpuMedians.containsKey("requests")) {
            out.append(String.format(Locale.ROOT, "Ratio of CPU medians, requests / echo: %.2f%n", cpuMedians.get("requests") / cpuMedians.get("echo")));
        }
        return out.toString();
    }

    static final int LATENCY_CALLS = 50;

    /**
     * moto's latency for the three calls a submit makes (the directory lookup, the day's counter,
     * the request's transaction), through the house client after warming it, so that what remains
     * is the emulator and the loopback. The transaction writes throwaway items of its own.
     */
    static MotoLatency motoLatency(LocalAws aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        var directory = new DirectoryStore(dynamo, aws.name("DirectoryTable"));
        var requests = new RequestStore(dynamo, aws.name("RequestsTable"), Clock.systemUTC());
        String table = aws.name("RequestsTable");
        int[] sequence = {0};
        Runnable lookup = () -> directory.lookup(DemoCommunity.ID, "elevator", "B0301", List.of(2026, 2027));
        Runnable counter = () -> requests.nextTrackingNumber("bench-moto");
        Runnable transaction = () -> {
            String pk = "C#bench-moto#REQ#" + sequence[0]++;
            dynamo.transactWriteItems(r -> r.transactItems(
                    put(table, Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("REQ")), true),
                    put(table, Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("PUB#0")), false)));
        };
        return new MotoLatency(medianMillis(lookup), medianMillis(counter), medianMillis(transaction));
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, boolean onlyNew) {
        return TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(item);
            if (onlyNew) p.conditionExpression("attribute_not_exists(pk)");
        }).build();
    }

    private static double medianMillis(Runnable call) {
        for (int i = 0; i < 10; i++) call.run();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < LATENCY_CALLS; i++) {
            long start = System.nanoTime();
            call.run();
            nanos.add(System.nanoTime() - start);
        }
        return median(nanos.stream().sorted().toList()) / 1e6;
    }

    /**
     * On-CPU time of every thread of process {@code pid} so far, or -1 where /proc does not say. A
     * thread that ends while being read has left its time out; the JVM's threads outlive the sample.
     */
    static long cpuNanos(long pid) {
        List<Path> tasks;
        try (Stream<Path> listing = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks = listing.toList();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        long total = 0;
        for (Path task : tasks) {
            try {
                total += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
            } catch (IOException | RuntimeException gone) {
                // the thread ended between the listing and the read
            }
        }
        return total;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double median(List<Long> sorted) {
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
