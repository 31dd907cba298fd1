package community.linli.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.directory.DirectoryHandler;
import community.linli.overduesweep.OverdueSweepHandler;
import community.linli.platform.Json;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.requests.RequestsHandler;
import community.linli.residents.ResidentsHandler;
import community.linli.tables.accounts.Account;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.residents.IdCardNumber;
import community.linli.tables.residents.ResidentStore;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
 * staff do each thing, and the operations of functions not built yet (notices, sign-in, alerts),
 * each priced as the measured operation it resembles. The registry's operations (ResidentsFunction:
 * registration, edits, lists, reveals, lookups, care visits, applications) are measured like the
 * requests', against the demo community's directory, rooms and residents; their KMS calls are the
 * measured ones (a container's first calls, made during the unmeasured warm-up, are left out).
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
     * cn-northwest-1, CNY, read 2026-11-30 from stored copies (the README names each): DynamoDB
     * on-demand writes from amazonaws.cn's DynamoDB pricing page; Lambda (¥0.0001135 per GB-s, its
     * bill line naming no architecture, and ¥1.36 per million requests) and S3 (¥0.00405 per 1,000
     * PUTs, ¥0.0135 per 10,000 GETs) from the Ningxia bill lines quoted in the cost guide of
     * awslabs/sensitive-data-protection-on-aws (June 2023). Not found in any stored copy, so left out
     * rather than guessed: the HTTP API's price, DynamoDB's on-demand read price, SNS and KMS.
     */
    static final Prices CHINA = new Prices("cn-northwest-1", "CNY", 0.0001135, 1.36, Double.NaN, 11.1538, Double.NaN,
            0.00405, 0.00135, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("linli.root", ".")).toAbsolutePath().normalize();
        double coldMillis = Double.parseDouble(System.getProperty("cold.ms", "0"));
        if (coldMillis <= 0) throw new IllegalArgumentException("-Dcold.ms: the cold-start median of the README's table, in ms");
        Map<String, Measured> ops;
        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provision(moto.endpoint(), Template.load(root.resolve("template.yaml")), "cost-");
            DirectoryStore directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
            DemoCommunity.seed(directory);
            DemoCommunity.seedRooms(directory, DemoCommunity.ID);
            DemoCommunity.seedResidents(new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"),
                    new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), Clock.systemUTC()));
            DemoCommunity.seedStaff(new StaffStore(aws.dynamoDb(), aws.name("StaffTable"),
                    new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), Clock.systemUTC()));
            ops = measure(aws);
            ops.putAll(measureResidents(aws));
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
        Persona worker = Persona.gridWorker("G03").withStaffId(DemoCommunity.GRID_WORKER_ID);
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
                "assignee", worker.staffId()))));
        ops.put("transition (start)", once(() -> move(requests, worker, "requests-transition.json", life, Map.of("action", "start"))));
        ops.put("transition (resolve)", once(() -> move(requests, worker, "requests-transition.json", life,
                Map.of("action", "resolve", "text", "已修复"))));
        ops.put("rating", once(() -> move(requests, resident, "requests-rating.json", life, Map.of("score", 5, "comment", "谢谢"))));
        return ops;
    }

    /**
     * The registry's operations through ResidentsFunction, on the demo community's residents (seeded
     * by {@link #main}): what the grid worker of G03, staff and applicants do in a month. Each
     * registration takes a fresh ID-card number; each application comes from a fresh account; an
     * approval's application is filed before its measurement starts.
     */
    static Map<String, Measured> measureResidents(LocalAws aws) {
        ResidentsHandler residents = aws.construct("ResidentsFunction", ResidentsHandler::new);
        AccountStore accounts = new AccountStore(aws.dynamoDb(), aws.name("AccountsTable"));
        Persona worker = Persona.gridWorker("G03").withSub(DemoCommunity.GRID_WORKER_ID);
        Persona staff = Persona.staff();
        Map<String, Measured> ops = new LinkedHashMap<>();
        int[] sequence = {100};
        Supplier<String> idNumber = () -> {
            sequence[0] += 2;
            String first17 = "630102" + "19900101" + String.format(Locale.ROOT, "%03d", sequence[0] % 1000);
            return first17 + IdCardNumber.checkCharacter(first17);
        };
        Supplier<Persona> newcomer = () -> {
            String id = "u-cost-" + UUID.randomUUID().toString().substring(0, 8);
            accounts.put(Account.unbound(id), "openid-hash-" + id, Instant.now());
            return new Persona(id, null, List.of(), List.of());
        };
        Map<String, Object> application = Map.of("communityId", DemoCommunity.ID, "buildingId", "B0301", "unitId", "1", "roomId", "302",
                "name", "丙", "relation", "child");
        ops.put("register a resident", repeated(() -> call(residents, HttpEvents.from("residents-register.json").as(worker)
                .json(Map.of("householdId", DemoCommunity.HOUSEHOLD_ID, "name", "甲", "idNumber", idNumber.get(), "phone", "13712340001",
                        "relation", "child", "residenceType", "permanent", "tags", List.of())).build(), 201)));
        long[] version = {Json.parse(call(residents, HttpEvents.from("residents-get.json").as(worker).pathParameter("id", DemoCommunity.SPOUSE_ID)
                .build(), 200).getBody(), JsonNode.class).get("version").asLong()};
        ops.put("edit a resident (notes)", repeated(() -> version[0] = Json.parse(call(residents, HttpEvents.from("residents-patch.json")
                .as(worker).pathParameter("id", DemoCommunity.SPOUSE_ID).json(Map.of("notes", "退休 " + version[0], "version", version[0]))
                .build(), 200).getBody(), JsonNode.class).get("version").asLong()));
        ops.put("get a resident", repeated(() -> call(residents, HttpEvents.from("residents-get.json").as(worker).build(), 200)));
        ops.put("list a grid's residents (elderly living alone)", repeated(() -> call(residents,
                HttpEvents.from("residents-list.json").as(worker).build(), 200)));
        ops.put("reveal an ID number and phone", repeated(() -> call(residents, HttpEvents.from("residents-reveal.json").as(worker)
                .pathParameter("id", DemoCommunity.HEAD_ID).build(), 200)));
        ops.put("look up by phone", repeated(() -> call(residents, HttpEvents.from("residents-lookup.json").as(staff)
                .json(Map.of("phone", DemoCommunity.PHONE_RESIDENT_PHONE)).build(), 200)));
        ops.put("care visit", repeated(() -> call(residents, HttpEvents.from("residents-visit.json").as(worker)
                .pathParameter("id", DemoCommunity.ELDERLY_ID).build(), 201)));
        ops.put("care visits due (a grid)", repeated(() -> call(residents, HttpEvents.from("residents-care-due.json").as(worker).build(), 200)));
        Persona applicant = newcomer.get();
        ops.put("apply to join (new account)", repeated(newcomer, who -> call(residents, HttpEvents.from("residents-apply.json").as(who)
                .json(application).build(), 201)));
        call(residents, HttpEvents.from("residents-apply.json").as(applicant).json(application).build(), 201);
        ops.put("my applications", repeated(() -> call(residents, HttpEvents.from("residents-my-applications.json").as(applicant).build(), 200)));
        ops.put("pending applications (a grid)", repeated(() -> call(residents, HttpEvents.from("residents-list-applications.json")
                .as(worker).build(), 200)));
        ops.put("approve by registering", repeated(() -> field(call(residents, HttpEvents.from("residents-apply.json").as(newcomer.get())
                .json(application).build(), 201), "id"), id -> call(residents, HttpEvents.from("residents-approve-application.json")
                .as(worker).pathParameter("id", id).json(Map.of("householdId", DemoCommunity.HOUSEHOLD_ID, "idNumber", idNumber.get(),
                        "residenceType", "permanent")).build(), 200)));
        return ops;
    }

    private static Measured repeated(Runnable call) {
        return repeated(() -> null, ignored -> call.run());
    }

    /** Median of {@value #REPEATS} calls after {@value #WARMUP}; each call's {@code setup} runs outside its measurement. */
    private static <T> Measured repeated(Supplier<T> setup, Consumer<T> call) {
        for (int i = 0; i < WARMUP; i++) call.accept(setup.get());
        List<Double> millis = new ArrayList<>();
        Map<String, Double> total = new LinkedHashMap<>();
        for (int i = 0; i < REPEATS; i++) {
            T prepared = setup.get();
            long start = System.nanoTime();
            Map<String, Double> used = CapacityInterceptor.during(() -> call.accept(prepared));
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
     * plus "note"), 5 alerts a day (one SNS publish each, e-mailed to 3 staff). The registry,
     * measured (20,000 residents in about 6,700 households, 15 grid workers): each grid worker
     * registers 10 residents a month (births, move-ins), edits 40, reads 5 a day and lists their grid
     * 3 times a day, reveals one resident's ID number and phone a day and checks who is due a care
     * visit once a day; 300 care visits a month; staff look up 10 residents a day by phone; 3
     * applications to join a day, each approved by registering the applicant (the costlier of the two
     * approvals), each applicant checking its status 3 times, and each grid worker reading its
     * pending applications once a day. Lambda: one cold start per function behind the API and active
     * hour, 16 hours a day.
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
                new Usage("residents registered by grid workers", 15 * 10, "register a resident", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("residents edited", 15 * 40, "edit a resident (notes)", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("resident reads", 15 * 5 * DAYS, "get a resident", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("grid lists", 15 * 3 * DAYS, "list a grid's residents (elderly living alone)", "ResidentsFunction", true,
                        0, 0, 0, 0, 0),
                new Usage("reveals (audited)", 15 * DAYS, "reveal an ID number and phone", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("lookups by phone", 10 * DAYS, "look up by phone", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("care visits", 300, "care visit", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("care visits due", 15 * DAYS, "care visits due (a grid)", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("applications to join", 3 * DAYS, "apply to join (new account)", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("approvals (by registering)", 3 * DAYS, "approve by registering", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("applicants' status checks", 3 * 3 * DAYS, "my applications", "ResidentsFunction", true, 0, 0, 0, 0, 0),
                new Usage("pending applications read", 15 * DAYS, "pending applications (a grid)", "ResidentsFunction", true, 0, 0, 0, 0, 0),
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
        double measuredKms = 0;
        var apiFunctions = new LinkedHashSet<String>();
        for (Usage u : month) {
            Measured m = u.operation() == null ? null : ops.get(u.operation());
            if (m != null) {
                rru += u.perMonth() * m.rru();
                wru += u.perMonth() * m.wru();
                measuredKms += u.perMonth() * m.calls().entrySet().stream().filter(e -> e.getKey().startsWith("KMS "))
                        .mapToDouble(Map.Entry::getValue).sum();
                if (u.function() != null) {
                    invocations += u.perMonth();
                    gbSeconds += u.perMonth() * m.warmMillis() / 1000 * MEMORY_GB;
                }
            }
            if (u.viaApi()) {
                apiCalls += u.perMonth();
                if (u.function() != null) apiFunctions.add(u.function());
            }
        }
        double coldStarts = apiFunctions.size() * 16 * DAYS;
        gbSeconds += coldStarts * coldMillis / 1000 * MEMORY_GB;
        cost[0] = gbSeconds * p.lambdaGbSecond() + invocations / 1e6 * p.lambdaPerMillion();
        cost[1] = apiCalls / 1e6 * p.apiPerMillion();
        cost[2] = wru / 1e6 * p.wruPerMillion();
        cost[3] = rru / 1e6 * p.rruPerMillion();
        cost[4] = sum(month, Usage::s3Puts) / 1000 * p.s3PutPerThousand() + sum(month, Usage::s3Gets) / 1000 * p.s3GetPerThousand();
        cost[5] = sum(month, Usage::snsPublishes) / 1e6 * p.snsPublishPerMillion() + sum(month, Usage::emails) / 1e5 * p.emailPer100k();
        double kmsCalls = sum(month, Usage::kmsCalls) + measuredKms;
        cost[6] = kmsCalls / 1e4 * p.kmsPer10k() + p.kmsKeyMonth();
        String[] quantity = {
                String.format(Locale.ROOT, "%,.0f GB-s, %,.0f invocations", gbSeconds, invocations),
                String.format(Locale.ROOT, "%,.0f calls", apiCalls),
                String.format(Locale.ROOT, "%,.0f WRU", wru),
                String.format(Locale.ROOT, "%,.0f RRU", rru),
                String.format(Locale.ROOT, "%,.0f PUT, %,.0f GET", sum(month, Usage::s3Puts), sum(month, Usage::s3Gets)),
                String.format(Locale.ROOT, "%,.0f publishes, %,.0f e-mails", sum(month, Usage::snsPublishes), sum(month, Usage::emails)),
                String.format(Locale.ROOT, "%,.0f calls, 1 key", kmsCalls)};
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
                out.append(" | ").append(Double.isNaN(row[c]) && c == 0 ? "price not found (" + quantity[i] + ")" : money(row[c]));
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
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value);
    }
}
