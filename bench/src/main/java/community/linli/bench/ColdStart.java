package community.linli.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.platform.Json;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.requests.RequestsHandler;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.residents.ResidentStore;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LambdaJson;
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
 * <p>Targets: two floors, {@code echo-stream} ({@link StreamEchoHandler}, a stream handler writing
 * constant bytes: the true floor) and {@code echo-pojo} ({@link EchoHandler}, a typed HTTP API
 * handler returning a constant, which makes the runtime load its serialization library); the
 * floors of two parts every function has, {@code sdk-floor}, {@code sdk-lean-floor} and
 * {@code json-floor} ({@link #partFloors}); and every
 * function from its deployment zip against moto (from the project's .venv, made by
 * scripts/bootstrap) with the tables of template.yaml and the demo community seeded:
 * RequestsFunction reading one request ({@code GET /requests/{id}}) and submitting one
 * ({@code POST /requests}), DirectoryFunction listing categories ({@code GET /categories}), and
 * OverdueSweepFunction run by its schedule's input, and AlertsFunction handed a new request's
 * stream batch. The floors get the submit's event bytes.
 *
 * <p>Besides wall time, each sample records the CPU time the function's process had used when its
 * first response arrived (all its threads, from {@code /proc/<pid>/task/<tid>/schedstat}) and its
 * peak resident set ({@code VmHWM} in {@code /proc/<pid>/status}): another
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
 * {@code -Dbreakdown=true}; {@code -Dtargets=echo-stream,requests-get} to measure only those, for
 * trying a change, never for the README's table; {@code -Dbefore.zip=a.zip,b.zip} adds, per zip
 * (other builds of requests-function.zip), a target named after it under requests-get's event, so
 * a change is measured against what it changes in one interleaved run).
 */
public final class ColdStart {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStart() {}

    /**
     * A function to start: its package, handler, variables, the event it gets, and what its first
     * response must be: an HTTP API response with {@code expectedStatus}, or, for a function that
     * is not behind the API ({@code expectedStatus} 0), any JSON object holding {@code expectedField}.
     */
    record Target(String name, String description, Path zip, String handler, String functionName,
                  Map<String, String> environment, String event, int expectedStatus, String expectedField) {
        Target(String name, String description, Path zip, String handler, String functionName,
               Map<String, String> environment, String event, int expectedStatus) {
            this(name, description, zip, handler, functionName, environment, event, expectedStatus, null);
        }
    }

    /**
     * Nanoseconds from spawn to the first {@code /next} (end of init) and to the first response, the
     * process's CPU time when that response arrived, and its peak resident set in kB then
     * ({@code -1} where /proc cannot tell).
     */
    record Sample(long initNanos, long totalNanos, long cpuNanos, long peakRssKb) {}

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
        String submit = Files.readString(root.resolve("events/requests-submit.json"));

        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(root.resolve("template.yaml")), "bench-");
            DemoCommunity.seed(aws);
            DemoCommunity.seedResidents(new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"),
                    new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), Clock.systemUTC()));
            DemoCommunity.seedStaff(new StaffStore(aws.dynamoDb(), aws.name("StaffTable"),
                    new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), Clock.systemUTC()));
            List<Target> targets = new ArrayList<>(List.of(echoStream(root, submit), echoPojo(root, submit)));
            targets.addAll(partFloors(root, aws, submit));
            targets.addAll(functions(root, aws, submit));
            Target get = targets.stream().filter(t -> t.name().equals("requests-get")).findFirst().orElseThrow();
            for (String before : System.getProperty("before.zip", "").split(",")) {
                if (before.isBlank()) continue;
                String name = Path.of(before).getFileName().toString().replace(".zip", "");
                targets.add(new Target(name, "requests-get, from " + name + ".zip", existing(Path.of(before)),
                        get.handler(), get.functionName(), get.environment(), get.event(), get.expectedStatus()));
            }
            String only = System.getProperty("targets", "");
            if (!only.isBlank()) targets.removeIf(t -> !List.of(only.split(",")).contains(t.name()));
            for (Target target : targets) {
                measure(target, Map.of());
            }
            double loadBefore = loadAverage();
            Map<Target, List<Sample>> samples = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (Target target : targets) {
                    samples.computeIfAbsent(target, t -> new ArrayList<>()).add(measure(target, Map.of()));
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
                System.out.println(Breakdown.table(targets, Breakdown::measure));
            }
        }
    }

    static Target echoStream(Path root, String event) {
        return new Target("echo-stream", "true floor: stream handler writing constant bytes",
                existing(root.resolve("bench/target/echo-function.zip")),
                StreamEchoHandler.class.getName() + "::handleRequest", "EchoFunction", Map.of(), event, 200);
    }

    static Target echoPojo(Path root, String event) {
        return new Target("echo-pojo", "typed floor: APIGatewayV2HTTPEvent in, constant response out",
                existing(root.resolve("bench/target/echo-function.zip")),
                EchoHandler.class.getName() + "::handleRequest", "EchoFunction", Map.of(), event, 200);
    }

    /**
     * What two parts of every function cost alone, each in a stream handler that writes constant
     * bytes: {@code sdk-floor} builds the house DynamoDB client and makes one GetItem
     * ({@link SdkFloorHandler}; {@code sdk-lean-floor} the same with the leanest client the SDK
     * builds), {@code json-floor} reads the event as a tree and writes a record with the
     * house mapper ({@link JsonFloorHandler}). Not floors of the table's ratios: what a function
     * cannot go below while it keeps SDK v2 and databind on its first request's path.
     */
    static List<Target> partFloors(Path root, LocalAws aws, String event) {
        Path zip = existing(root.resolve("bench/target/floors-function.zip"));
        return List.of(
                new Target("sdk-floor", "SDK floor: stream handler, the house DynamoDB client built in init, one GetItem, constant bytes out",
                        zip, SdkFloorHandler.class.getName() + "::handleRequest", "FloorFunction",
                        aws.environment("RequestsFunction"), event, 200),
                new Target("sdk-lean-floor", "SDK floor, the leanest client: region, static keys, URLConnection defaults, endpoint; one GetItem",
                        zip, SdkFloorHandler.class.getName() + "::handleRequest", "FloorFunction",
                        with(aws.environment("RequestsFunction"), "LINLI_FLOOR_LEAN", "true"), event, 200),
                new Target("json-floor", "databind floor: stream handler, the event read as a tree, a record written with Json.MAPPER, no AWS call",
                        zip, JsonFloorHandler.class.getName() + "::handleRequest", "FloorFunction", Map.of(), event, 200));
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(environment);
        copy.put(name, value);
        return copy;
    }

    /**
     * Every function of the template from its deployment zip, with the tables of template.yaml on
     * moto and the demo community seeded: the submit's elevator request in building B0301 is
     * accepted (201), one request stored beforehand is read back by its resident (200), the
     * sweep runs with its schedule's input, the issuer publishes its keys, an admin lists staff, the
     * grid worker of G03 lists the elderly living alone there (the demo residents and staff seeded),
     * AlertsFunction alerts G03's worker and staff of the submit's request, and a resident of G03
     * lists the notices live for them.
     */
    static List<Target> functions(Path root, LocalAws aws, String submit) {
        RequestsHandler stored = aws.construct("RequestsFunction", RequestsHandler::new);
        APIGatewayV2HTTPResponse created = Invoke.http(stored, LambdaJson.read(submit, APIGatewayV2HTTPEvent.class));
        if (created.getStatusCode() != 201) throw new IllegalStateException("seeding a request: " + created.getBody());
        String id = Json.parse(created.getBody(), JsonNode.class).get("id").asText();
        var get = HttpEvents.fixture("requests-get.json");
        get.setPathParameters(Map.of("id", id));
        get.setRawPath("/requests/" + id);
        get.getRequestContext().getHttp().setPath("/requests/" + id);
        return List.of(
                function(root, aws, "requests-get", "RequestsFunction, GET /requests/{id} (one Query)",
                        "RequestsFunction", "requests", LambdaJson.write(get), 200, null),
                function(root, aws, "requests-submit", "RequestsFunction, POST /requests (3 writes and reads)",
                        "RequestsFunction", "requests", submit, 201, null),
                function(root, aws, "directory-categories", "DirectoryFunction, GET /categories (one Query)",
                        "DirectoryFunction", "directory", HttpEvents.fixtureJson("directory-list-categories.json"), 200, null),
                function(root, aws, "sweep", "OverdueSweepFunction, its schedule's input (the communities' Query; per community GetItem, Query, PutItem)",
                        "OverdueSweepFunction", "overdue-sweep", HttpEvents.fixtureJson("overdue-sweep-schedule.json"), 0, "flagged"),
                function(root, aws, "auth-jwks", "AuthFunction, GET /.well-known/jwks.json (KMS GetPublicKey)",
                        "AuthFunction", "auth", HttpEvents.fixtureJson("auth-jwks.json"), 200, null),
                function(root, aws, "staff-list", "StaffFunction, GET /staff by an admin (one Query)",
                        "StaffFunction", "staff", HttpEvents.fixtureJson("staff-list.json"), 200, null),
                function(root, aws, "notices-list", "NoticesFunction, GET /notices by a resident of G03 (GetItem, a Query per list they read)",
                        "NoticesFunction", "notices", HttpEvents.fixtureJson("notices-list.json"), 200, null),
                function(root, aws, "residents-list", "ResidentsFunction, GET /residents?grid=G03&tag=elderly_alone by its grid worker (Query, BatchGetItem)",
                        "ResidentsFunction", "residents", HttpEvents.fixtureJson("residents-list.json"), 200, null),
                function(root, aws, "residents-import", "ResidentsImportFunction, the SQS event of an upload for an import the community lacks"
                        + " (one refused UpdateItem)",
                        "ResidentsImportFunction", "residents-import", HttpEvents.fixtureJson("residents-import-uploaded.json"), 0, "batchItemFailures"),
                function(root, aws, "alerts", "AlertsFunction, the stream batch of a new urgent request in G03 (Query, BatchGetItem,"
                        + " then per alert a GetItem, and Publish + PutItem on the first run only: later runs find them sent)",
                        "AlertsFunction", "alerts", HttpEvents.fixtureJson("alerts-new-request.json"), 0, "batchItemFailures"),
                function(root, aws, "resident-updates", "ResidentUpdatesFunction, the stream batch of a resolution whose requester"
                        + " allowed no message (GetItem of its sent record, GetItem of the consent: nothing sent)",
                        "ResidentUpdatesFunction", "resident-updates", HttpEvents.fixtureJson("resident-updates-resolved.json"), 0, "batchItemFailures"),
                function(root, aws, "sms-sender", "SmsSenderFunction, the SQS event of an SMS to G03's grid worker, sns provider (GetItem of its"
                        + " sent record; on the first run only also the phone's GetItem, KMS Decrypt, Publish and PutItem: later runs find it sent)",
                        "SmsSenderFunction", "sms-sender", HttpEvents.fixtureJson("sms-sender-queued.json"), 0, "batchItemFailures"));
    }

    /**
     * {@code functionLogicalId} from its module's deployment zip ({@code functions/<module>/target/<module>-function.zip}),
     * with the handler and the environment the template gives it on moto.
     */
    private static Target function(Path root, LocalAws aws, String name, String description, String functionLogicalId,
                                   String module, String event, int expectedStatus, String expectedField) {
        return new Target(name, description, existing(root.resolve("functions/" + module + "/target/" + module + "-function.zip")),
                aws.template().handlerOf(functionLogicalId), functionLogicalId, aws.environment(functionLogicalId), event,
                expectedStatus, expectedField);
    }

    /** One cold start of {@code target}; {@code extra} variables go to its process (the breakdown's logging). */
    static Sample measure(Target target, Map<String, String> extra) {
        try (var api = new FakeRuntimeApi("arn:aws:lambda:us-east-1:123456789012:function:" + target.functionName());
             var process = LambdaProcess.builder(target.handler()).zip(target.zip()).functionName(target.functionName())
                     .environment(target.environment()).environment(extra).runtimeApi(api).start()) {
            InvocationResult result = api.invoke(target.event(), TIMEOUT);
            long cpu = cpuNanos(process.pid());
            long rss = peakRssKb(process.pid());
            JsonNode response = result.isResponse() ? JSON.readTree(result.body()) : JSON.nullNode();
            boolean expected = target.expectedStatus() == 0
                    ? response.has(target.expectedField())
                    : response.path("statusCode").asInt() == target.expectedStatus();
            if (!expected) {
                throw new IllegalStateException(target.name() + ": expected " + (target.expectedStatus() == 0
                        ? "a result with " + target.expectedField() : "a " + target.expectedStatus() + " response")
                        + ", got " + result.outcome() + " " + result.body() + "\n--- process output ---\n" + process.output());
            }
            return new Sample(result.firstPolledNanos() - process.spawnedAtNanos(), result.completedNanos() - process.spawnedAtNanos(),
                    cpu, rss);
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
                .append("| Target | What | Median (ms) | Min | Max | Init (ms) | First invoke (ms) | CPU (ms) | Peak RSS (MB) "
                        + "| × stream floor | × stream floor, CPU | × POJO floor | × POJO floor, CPU |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, double[]> medians = new LinkedHashMap<>();
        samples.forEach((target, list) -> medians.put(target.name(), new double[] {
                median(sorted(list, Sample::totalNanos)), median(sorted(list, Sample::cpuNanos))}));
        double[] stream = medians.get("echo-stream");
        double[] pojo = medians.get("echo-pojo");
        samples.forEach((target, list) -> {
            List<Long> totals = sorted(list, Sample::totalNanos);
            List<Long> cpus = sorted(list, Sample::cpuNanos);
            List<Long> rss = sorted(list, Sample::peakRssKb);
            double total = median(totals);
            double init = median(sorted(list, Sample::initNanos));
            double cpu = median(cpus);
            boolean cpuKnown = cpus.getFirst() >= 0;
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %s |%n",
                    target.name(), target.description(), total / 1e6, totals.getFirst() / 1e6, totals.getLast() / 1e6,
                    init / 1e6, (total - init) / 1e6, cpuKnown ? String.format(Locale.ROOT, "%.0f", cpu / 1e6) : "n/a",
                    rss.getFirst() >= 0 ? String.format(Locale.ROOT, "%.0f", median(rss) / 1024) : "n/a",
                    ratio(total, stream, 0), cpuKnown ? ratio(cpu, stream, 1) : "n/a",
                    ratio(total, pojo, 0), cpuKnown ? ratio(cpu, pojo, 1) : "n/a"));
        });
        return out.toString();
    }

    private static String ratio(double value, double[] floor, int column) {
        return floor == null || floor[column] <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", value / floor[column]);
    }

    private static List<Long> sorted(List<Sample> samples, java.util.function.ToLongFunction<Sample> field) {
        return samples.stream().mapToLong(field).sorted().boxed().toList();
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

    /** Peak resident set of process {@code pid} so far, in kB ({@code VmHWM}), or -1 where /proc does not say. */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
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
