package community.linli.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.directory.DirectoryHandler;
import community.linli.overduesweep.OverdueSweepHandler;
import community.linli.platform.Json;
import community.linli.requests.RequestsHandler;
import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a month of one community costs, from measured figures and stated assumptions.
 *
 * <p>Measured here, against moto, through each function's stream entry point as built by its
 * public constructor: every operation's DynamoDB read and write request units
 * ({@link CapacityInterceptor}, from the sizes of the items it reads and writes), the S3, SNS and
 * KMS calls it makes, and its warm duration (median of {@value #REPEATS} calls after
 * {@value #WARMUP} unmeasured ones, or of one call for the steps of a request's life, which happen
 * once). Measured by {@link ColdStart}: the cold-start duration, passed in as {@code -Dcold.ms}
 * (the median of the README's table). Assumed, and printed: how often residents, grid workers and
 * staff do each thing, and the operations of functions not built yet (notices, sign-in, alerts,
 * the registry), each priced as the measured operation it resembles.
 *
 * <p>Durations on this machine against moto are longer than on Lambda against DynamoDB (moto
 * answers in 10 to 30 ms a call), so the Lambda line is an upper bound. Free tiers are left out.
 * The S3 calls are assumed (a HeadObject per photo a submit names, a PUT per upload, a GET per
 * view): the measured submit carries no photo.
 *
 * <pre>mvn -B -q verify -DskipTests -Pmonthly-cost [-Dcold.ms=…]</pre>
 */
public final class MonthlyCost {
    static final int WARMUP = 5;
    static final int REPEATS = 15;
    static final double DAYS = 30;
    static final double MEMORY_GB = 1.0;

    private MonthlyCost() {}

    /** One operation as measured: request units, other calls by name, warm milliseconds. */
    record Measured(double rru, double wru, Map<String, Double> calls, double warmMillis) {}

    /**
     * One line of the month: what is done, how often a month, the measured operation it costs like
     * (or none), the function it runs in (none: no invocation of its own), whether it comes through
     * the HTTP API, and the KMS, SNS, e-mail and S3 calls each occurrence makes.
     */
    record Usage(String what, double perMonth, String operation, String function, boolean viaApi,
                 double kmsCalls, double snsPublishes, double emails, double s3Puts, double s3Gets) {}

    /** Prices of one region, with where each was read. A missing price is {@code NaN}, printed as "not found". */
    record Prices(String region, String currency, double lambdaGbSecond, double lambdaPerMillion, double apiPerMillion,
                  double wruPerMillion, double rruPerMillion, double s3PutPerThousand, double s3GetPerThousand,
                  double snsPublishPerMillion, double emailPer100k, double kmsPer10k, double kmsKeyMonth) {}

    /** us-east-1, USD, from the stored pages named in the README, read 2026-11-30. */
    static final Prices GLOBAL = new Prices("us-east-1", "USD", 0.0000133334, 0.20, 1.00, 0.625, 0.125,
            0.005, 0.0004, 0.50, 2.00, 0.03, 1.00);
    /**
     * cn-northwest-1, CNY, read 2026-11-30 from the stored copy of amazonaws.cn's DynamoDB pricing
     * page; only the on-demand write price could be read there. Every other China price was not
     * found in the stored pages and is left out rather than guessed.
     */
    static final Prices CHINA = new Prices("cn-northwest-1", "CNY", Double.NaN, Double.NaN, Double.NaN, 11.1538, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("linli.root", ".")).toAbsolutePath().normalize();
        double coldMillis = Double.parseDouble(System.getProperty("cold.ms", "0"));
        if (coldMillis <= 0) throw new IllegalArgumentException("-Dcold.ms: the cold-start median of the README's table, in ms");
        Map<String, Measured> ops;
        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(root.resolve("template.yaml")), "cost-");
            DemoCommunity.seed(new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable")));
            ops = measure(aws);
        }
        System.out.println("Measured per operation (moto; warm ms on this machine):\n");
        System.out.println("| Operation | RRU | WRU | Other calls | Warm (ms) |\n|---|---:|---:|---|---:|");
        ops.forEach((name, m) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %s | %.0f |%n", name, m.rru(), m.wru(),
                m.calls().isEmpty() ? "" : m.calls().toString(), m.warmMillis()));
        List<Usage> month = month();
        System.out.println("\nThe seed community's month (20,000 residents, 15 grid workers, 5 staff):\n");
        System.out.println("| What | Per month | Costs like |\n|---|---:|---|");
        month.forEach(u -> System.out.printf(Locale.ROOT, "| %s | %,.0f | %s |%n", u.what(), u.perMonth(),
                u.operation() == null ? "(no function)" : u.operation()));
        System.out.println();
        for (Prices prices : List.of(GLOBAL, CHINA)) {
            System.out.println(table(prices, month, ops, coldMillis));
        }
    }

    /** Runs every operation the month is made of, through the handlers as Lambda builds them. */
    static Map<String, Measured> measure(LocalAws aws) {
        RequestsHandler requests = aws.construct("RequestsFunction", RequestsHandler::new);
        DirectoryHandler directory = aws.construct("DirectoryFunction", DirectoryHandler::new);
        OverdueSweepHandler sweep = aws.construct("OverdueSweepFunction", OverdueSweepHandler::new);
        Persona resident = Persona.resident();
        Persona staff = Persona.staff();
        Persona worker = Persona.gridWorker("G03");
        Map<String, Measured> ops = new LinkedHashMap<>();
        int[] key = {0};
        ops.put("submit", repeated(() -> call(requests, HttpEvents.from("requests-submit.json").as(resident)
                .header("Idempotency-Key", "cost-" + key[0]++).build(), 201)));
        String id = field(call(requests, HttpEvents.from("requests-submit.json").as(resident).build(), 201), "id");
        ops.put("upload slot (presigned PUT)", repeated(() -> call(requests, HttpEvents.from("uploads-photo.json").as(resident).build(), 201)));
        ops.put("get a request", repeated(() -> call(requests, HttpEvents.from("requests-get.json").as(resident).pathParameter("id", id).build(), 200)));
        ops.put("my requests", repeated(() -> call(requests, HttpEvents.from("requests-mine.json").as(resident).build(), 200)));
        ops.put("inbox", repeated(() -> call(requests, HttpEvents.from("requests-inbox.json").as(staff).build(), 200)));
        ops.put("note", repeated(() -> call(requests, HttpEvents.from("requests-note.json").as(staff).pathParameter("id", id).build(), 201)));
        ops.put("categories", repeated(() -> call(directory, HttpEvents.from("directory-list-categories.json").as(resident).build(), 200)));
        ops.put("sweep (nothing due)", repeated(() -> Invoke.stream(sweep, "{}", null)));
        String life = field(call(requests, HttpEvents.from("requests-submit.json").as(resident).build(), 201), "id");
        ops.put("triage (patch)", once(() -> move(requests, staff, "requests-patch.json", life, Map.of("priority", "urgent"))));
        ops.put("transition (assign)", once(() -> move(requests, staff, "requests-transition.json", life, Map.of("action", "assign",
                "assignee", Map.of("sub", worker.sub(), "role", "grid_worker", "name", "王芳")))));
        ops.put("transition (start)", once(() -> move(requests, worker, "requests-transition.json", life, Map.of("action", "start"))));
        ops.put("transition (resolve)", once(() -> move(requests, worker, "requests-transition.json", life,
                Map.of("action", "resolve", "text", "已修复"))));
        ops.put("rating", once(() -> move(requests, resident, "requests-rating.json", life, Map.of("score", 5, "comment", "谢谢"))));
        return ops;
    }

    private static Measured repeated(Runnable call) {
        for (int i = 0; i < WARMUP; i++) call.run();
        List<Double> millis = new ArrayList<>();
        Map<String, Double> total = new LinkedHashMap<>();
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            Map<String, Double> used = CapacityInterceptor.during(call);
            millis.add((System.nanoTime() - start) / 1e6);
            used.forEach((k, v) -> total.merge(k, v / REPEATS, Double::sum));
        }
        return measured(total, millis.stream().sorted().toList().get(REPEATS / 2));
    }

    private static Measured once(Runnable call) {
        long start = System.nanoTime();
        Map<String, Double> used = CapacityInterceptor.during(call);
        return measured(used, (System.nanoTime() - start) / 1e6);
    }

    private static Measured measured(Map<String, Double> used, double millis) {
        Map<String, Double> calls = new LinkedHashMap<>(used);
        double rru = calls.getOrDefault("RRU", 0.0);
        double wru = calls.getOrDefault("WRU", 0.0);
        calls.remove("RRU");
        calls.remove("WRU");
        return new Measured(rru, wru, calls, millis);
    }

    private static APIGatewayV2HTTPResponse call(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler,
                                                 APIGatewayV2HTTPEvent event, int expected) {
        APIGatewayV2HTTPResponse response = Invoke.http(handler, event);
        if (response.getStatusCode() != expected) {
            throw new IllegalStateException(event.getRouteKey() + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response;
    }

    /** A change to request {@code id} based on its current version. */
    private static void move(RequestsHandler handler, Persona who, String fixture, String id, Map<String, Object> fields) {
        long version = Json.parse(call(handler, HttpEvents.from("requests-get.json").as(Persona.staff()).pathParameter("id", id).build(), 200)
                .getBody(), JsonNode.class).get("version").asLong();
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("version", version);
        call(handler, HttpEvents.from(fixture).as(who).pathParameter("id", id).json(body).build(), 200);
    }

    private static String field(APIGatewayV2HTTPResponse response, String name) {
        return Json.parse(response.getBody(), JsonNode.class).get(name).asText();
    }

    /**
     * The seed community's month. Requests: 40 a day (about one per resident every 18 months), each
     * with a retry key; 30% carry a photo, viewed three times. Each request's life: a triage, four
     * transitions (assign, start, resolve, and the resident's confirm, priced as a transition), two
     * notes, a rating for 60% of them, and ten reads of it (resident and staff). Besides: 300 looks
     * a day at "my requests", 600 inbox pages a day (20 staff and grid workers, 30 each), 140
     * category lists a day, the sweep every five minutes. Not built yet, priced as the operation they
     * resemble: 6,000 notice reads a day (30% of residents read one; as "get a request"), 6,000
     * sign-ins a day (one KMS Sign each, and a read and a write of the session; as "get a request"
     * plus "note"), 500 sign-ups and 1,500 registry edits a month (as "note"), 5 alerts a day
     * (one SNS publish each, e-mailed to 3 staff). Lambda: one cold start per function and active
     * hour, 16 hours a day, for the five functions.
     */
    static List<Usage> month() {
        double requests = 40 * DAYS;
        double photos = 0.3 * requests;
        return List.of(
                new Usage("submit a request (a HeadObject per photo)", requests, "submit", "RequestsFunction", true, 0, 0, 0, 0, 0.3),
                new Usage("upload slot for a photo (and the photo's PUT)", photos, "upload slot (presigned PUT)", "RequestsFunction", true,
                        0, 0, 0, 1, 0),
                new Usage("photo views (presigned GET)", 3 * photos, null, null, false, 0, 0, 0, 0, 1),
                new Usage("read a request", 10 * requests, "get a request", "RequestsFunction", true, 0, 0, 0, 0, 0),
                new Usage("my requests", 300 * DAYS, "my requests", "RequestsFunction", true, 0, 0, 0, 0, 0),
                new Usage("inbox pages", 600 * DAYS, "inbox", "RequestsFunction", true, 0, 0, 0, 0, 0),
                new Usage("triage", requests, "triage (patch)", "RequestsFunction", true, 0, 0, 0, 0, 0),
                new Usage("transitions", 4 * requests, "transition (assign)", "RequestsFunction", true, 0, 0, 0, 0, 0),
                new Usage("notes", 2 * requests, "note", "RequestsFunction", true, 0, 0, 0, 0, 0),
                new Usage("ratings", 0.6 * requests, "rating", "RequestsFunction", true, 0, 0, 0, 0, 0),
                new Usage("category lists", 140 * DAYS, "categories", "DirectoryFunction", true, 0, 0, 0, 0, 0),
                new Usage("overdue sweeps", 12 * 24 * DAYS, "sweep (nothing due)", "OverdueSweepFunction", false, 0, 0, 0, 0, 0),
                new Usage("notice reads (not built; as a request read)", 6000 * DAYS, "get a request", "NoticesFunction", true,
                        0, 0, 0, 0, 0),
                new Usage("sign-ins (not built; a read, a write, a KMS Sign)", 6000 * DAYS, "get a request", "AuthFunction", true,
                        1, 0, 0, 0, 0),
                new Usage("sign-in session writes", 6000 * DAYS, "note", null, false, 0, 0, 0, 0, 0),
                new Usage("sign-ups and registry edits (not built; as a note)", 2000, "note", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("alerts (not built; SNS to 3 e-mails)", 5 * DAYS, null, null, false, 0, 1, 3, 0, 0));
    }

    static final String[] SERVICES = {"Lambda", "API Gateway (HTTP API)", "DynamoDB writes", "DynamoDB reads", "S3 requests", "SNS",
            "KMS"};

    /** The month per service for one, 10 and 100 communities, in {@code prices}' currency. */
    static String table(Prices p, List<Usage> month, Map<String, Measured> ops, double coldMillis) {
        double[] cost = new double[SERVICES.length];
        double gbSeconds = 0;
        double invocations = 0;
        double apiCalls = 0;
        double rru = 0;
        double wru = 0;
        for (Usage u : month) {
            Measured m = u.operation() == null ? null : ops.get(u.operation());
            if (m != null) {
                rru += u.perMonth() * m.rru();
                wru += u.perMonth() * m.wru();
                if (u.function() != null) {
                    invocations += u.perMonth();
                    gbSeconds += u.perMonth() * m.warmMillis() / 1000 * MEMORY_GB;
                }
            }
            if (u.viaApi()) apiCalls += u.perMonth();
        }
        double coldStarts = 5 * 16 * DAYS;
        gbSeconds += coldStarts * coldMillis / 1000 * MEMORY_GB;
        cost[0] = gbSeconds * p.lambdaGbSecond() + invocations / 1e6 * p.lambdaPerMillion();
        cost[1] = apiCalls / 1e6 * p.apiPerMillion();
        cost[2] = wru / 1e6 * p.wruPerMillion();
        cost[3] = rru / 1e6 * p.rruPerMillion();
        cost[4] = sum(month, Usage::s3Puts) / 1000 * p.s3PutPerThousand() + sum(month, Usage::s3Gets) / 1000 * p.s3GetPerThousand();
        cost[5] = sum(month, Usage::snsPublishes) / 1e6 * p.snsPublishPerMillion() + sum(month, Usage::emails) / 1e5 * p.emailPer100k();
        double kmsCalls = sum(month, Usage::kmsCalls);
        cost[6] = kmsCalls / 1e4 * p.kmsPer10k() + p.kmsKeyMonth();
        var out = new StringBuilder(String.format(Locale.ROOT,
                "%s, %s a month (%,.0f invocations, %,.0f GB-s with %,.0f cold starts of %.0f ms; %,.0f RRU, %,.0f WRU; %,.0f KMS calls):%n%n",
                p.region(), p.currency(), invocations, gbSeconds, coldStarts, coldMillis, rru, wru, kmsCalls));
        out.append("| Service | 1 community | 10 | 100 |\n|---|---:|---:|---:|\n");
        double[] totals = new double[3];
        boolean partial = false;
        for (int i = 0; i < SERVICES.length; i++) {
            // The key is paid once, whatever the number of communities; everything else grows with them.
            double fixed = i == 6 ? p.kmsKeyMonth() : 0;
            double perCommunity = cost[i] - fixed;
            double[] row = {cost[i], fixed + 10 * perCommunity, fixed + 100 * perCommunity};
            out.append("| ").append(SERVICES[i]);
            for (int c = 0; c < 3; c++) {
                out.append(" | ").append(money(row[c]));
                if (!Double.isNaN(row[c])) totals[c] += row[c];
            }
            out.append(" |\n");
            partial |= Double.isNaN(cost[i]);
        }
        out.append(String.format(Locale.ROOT, "| **total%s** | **%s** | **%s** | **%s** |%n", partial ? " of the prices found" : "",
                money(totals[0]), money(totals[1]), money(totals[2])));
        return out.toString();
    }

    private static double sum(List<Usage> month, java.util.function.ToDoubleFunction<Usage> field) {
        return month.stream().mapToDouble(u -> u.perMonth() * field.applyAsDouble(u)).sum();
    }

    private static String money(double value) {
        return Double.isNaN(value) ? "price not found" : String.format(Locale.ROOT, "%.2f", value);
    }
}
