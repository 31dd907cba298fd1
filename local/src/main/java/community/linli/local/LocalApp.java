package community.linli.local;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.platform.auth.Role;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.accounts.Account;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.residents.ResidentStore;
import community.linli.tables.staff.Duty;
import community.linli.tables.staff.StaffStore;
import community.linli.directory.PlacesImport;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.FakeSmsProvider;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.LocalAws;
import community.linli.testkit.LocalTokens;
import community.linli.testkit.MotoServer;
import community.linli.testkit.Persona;
import community.linli.testkit.Repo;
import community.linli.testkit.Template;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole template on this machine, without Docker or an AWS account: moto with every table,
 * bucket, topic and key of template.yaml and the demo community in it; every function built once
 * in this JVM; both HTTP APIs on {@code http://localhost:3000}; stream triggers; and alerts shown
 * on the console.
 *
 * <p>Tokens come from the template's own issuer, AuthFunction, signed by moto's KMS: a fake
 * WeChat API on loopback answers its calls, the demo accounts are seeded, and the demo tokens are
 * what {@code POST /auth/wechat} returns for the codes {@code demo-resident}, {@code demo-resident-g05} (a
 * resident of G05), {@code demo-grid-worker},
 * {@code demo-staff} and {@code demo-admin}. The gateway checks tokens against that issuer's
 * published keys. A template without AuthFunction (the local runtime's own tests) gets an
 * in-memory issuer instead. {@link #main} is what {@code scripts/local} runs;
 * tests start it with {@link #start} on a moto they already have.
 *
 * <p>Environment: {@code LINLI_PORT} (default 3000) and {@code LINLI_MOTO_PORT} (default 5050, so
 * the AWS CLI can be pointed at it).
 */
public final class LocalApp implements AutoCloseable {
    public static final String PREFIX = "local-";
    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_MOTO_PORT = 5050;
    /** How long the in-memory issuer's demo tokens last; AuthFunction's last 15 minutes. */
    public static final Duration DEMO_TOKEN_VALIDITY = Duration.ofHours(12);
    /** How often tokens.env is rewritten with fresh tokens from AuthFunction. */
    static final Duration DEMO_TOKEN_RENEWAL = Duration.ofMinutes(10);

    /** Where and how to run; {@link #fromEnvironment} is the command's, tests change what they need. */
    public record Settings(Template template, String prefix, int port, Path tokensFile, PrintStream console) {
        public static Settings fromEnvironment() {
            return new Settings(Template.load(), PREFIX, LocalApp.port("LINLI_PORT", DEFAULT_PORT),
                    Repo.file(".local/tokens.env"), System.out);
        }
    }

    /** A demo persona, the variable its token goes under in tokens.env, and what it is for. */
    record DemoUser(String variable, String description, Persona persona) {}

    private final Settings settings;
    private final MotoServer moto;
    private final boolean ownsMoto;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private LocalAws aws;
    private LocalTokens tokens;
    private FakeWeChat wechat;
    private String issuer;
    private String audience;
    private TokenVerifier verifier;
    private LocalHttpApi api;
    private Map<String, LocalFunction> functions;
    private volatile Map<String, String> demoTokens;
    private List<Trigger> triggers;

    private LocalApp(Settings settings, MotoServer moto, boolean ownsMoto) {
        this.settings = settings;
        this.moto = moto;
        this.ownsMoto = ownsMoto;
    }

    public static void main(String[] args) {
        LocalApp app;
        try {
            Settings settings = Settings.fromEnvironment();
            int motoPort = port("LINLI_MOTO_PORT", DEFAULT_MOTO_PORT);
            requireFree(settings.port(), "LINLI_PORT");
            requireFree(motoPort, "LINLI_MOTO_PORT");
            settings.console().println("Starting moto on port " + motoPort + " ...");
            app = start(MotoServer.start(motoPort), settings, true);
        } catch (RuntimeException e) {
            System.err.println("Linli could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "local-shutdown"));
        app.printBanner();
        app.awaitStop();
    }

    /** Starts everything on {@code moto}, which stays running when the app is closed. */
    public static LocalApp start(MotoServer moto, Settings settings) {
        return start(moto, settings, false);
    }

    private static LocalApp start(MotoServer moto, Settings settings, boolean ownsMoto) {
        LocalApp app = new LocalApp(settings, moto, ownsMoto);
        try {
            app.startAll();
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void startAll() {
        PrintStream console = settings.console();
        api = LocalHttpApi.bind(settings.port(), console);
        running.add(api);
        aws = LocalAws.provision(moto.endpoint(), settings.template(), settings.prefix());
        if (aws.provisioned().has("DirectoryTable")) {
            DirectoryStore directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
            DemoCommunity.seedCatalogue(directory, DemoCommunity.ID);
            // The places arrive as an admin's CSV does: through the import POST /places/import runs.
            var imported = new PlacesImport(directory).run(DemoCommunity.ID, DemoCommunity.placesCsv());
            console.println("Imported the demo community's places from CSV: " + imported.gridsCreated() + " grids, "
                    + imported.buildingsCreated() + " buildings, " + imported.unitsCreated() + " units, "
                    + imported.roomsCreated() + " rooms.");
        }
        if (aws.provisioned().has("StaffTable")) {
            // The demo staff go through the store as an admin's registrations do: phones sealed with moto's FieldKey.
            var crypto = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
            StaffStore staff = new StaffStore(aws.dynamoDb(), aws.name("StaffTable"), crypto, Clock.systemUTC());
            DemoCommunity.seedStaff(staff);
            DemoCommunity.seedDuty(staff);
            DemoCommunity.seedHolidayDuty(staff, LocalDate.now(Duty.ZONE));
            DemoCommunity.seedAlertPreferences(staff);
        }
        if (aws.provisioned().has("ResidentsTable")) {
            // The demo households and residents go through the store as a grid worker's registrations do.
            var crypto = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
            DemoCommunity.seedResidents(new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), crypto, Clock.systemUTC()));
        }
        if (settings.template().resources().containsKey(IMPORT_FUNCTION)) {
            // moto's DynamoDB is not thread-safe: concurrent TransactWriteItems fail with 500, so imports run one worker here.
            aws.overrideEnvironment(IMPORT_FUNCTION, Map.of("IMPORT_CONCURRENCY", "1"));
        }
        if (settings.template().resources().containsKey(SMS_FUNCTION)) startSmsProvider();
        boolean ownIssuer = settings.template().resources().containsKey(ISSUER_FUNCTION);
        if (ownIssuer) startIssuer();
        functions = new LinkedHashMap<>();
        for (String logicalId : settings.template().logicalIdsOfType("AWS::Serverless::Function")) {
            Object condition = settings.template().resource(logicalId).get("Condition");
            if (condition != null && !aws.provisioned().condition(String.valueOf(condition))) continue;
            functions.put(logicalId, LocalFunction.load(aws, logicalId, console));
        }
        if (ownIssuer) {
            issuer = url().toString();
            audience = HttpApiGateway.jwtAudience(aws).orElseThrow(() -> new IllegalStateException("The HttpApi has no JWT audience"));
            verifier = new IssuerKeys(url(), audience, Clock.systemUTC());
        } else {
            tokens = LocalTokens.generate(url().resolve("/local-issuer").toString());
            issuer = tokens.issuer();
            audience = tokens.audience();
            verifier = tokens::verify;
        }
        running.add(AlertConsole.start(aws, moto, console));
        triggers = Triggers.start(aws, functions, console);
        running.addAll(triggers);
        api.start(HttpApiGateway.fromTemplate(aws, verifier, functions, console, api.port()));
        demoTokens = mintDemoTokens();
        writeTokens();
        if (ownIssuer) renewDemoTokens();
    }

    static final String SMS_FUNCTION = "SmsSenderFunction";
    static final String SMS_SIGN_NAME = "邻里社区";

    /**
     * With {@code LINLI_SMS_PROVIDER=aliyun} or {@code tencent}, SmsSenderFunction sends through a fake of
     * that provider on loopback (its credentials in the template's SmsSecret, a template id per kind of
     * SMS), which prints each SMS it accepts with the phone masked; without it, the template's default
     * {@code sns} provider sends on moto, and the alert console prints what moto's SNS sent.
     */
    private void startSmsProvider() {
        String provider = System.getenv().getOrDefault("LINLI_SMS_PROVIDER", "sns");
        if ("sns".equals(provider)) return;
        FakeSmsProvider.Kind kind = switch (provider) {
            case "aliyun" -> FakeSmsProvider.Kind.ALIYUN;
            case "tencent" -> FakeSmsProvider.Kind.TENCENT;
            default -> throw new IllegalArgumentException("LINLI_SMS_PROVIDER must be sns, aliyun or tencent, not " + provider);
        };
        Map<String, String> templates = new LinkedHashMap<>();
        for (String sms : List.of("new_request", "assigned", "transferred", "reopened", "low_rating", "pre_overdue", "overdue",
                "overdue_on_duty", "overdue_head", "resident_assigned", "resident_resolved", "resident_rejected")) {
            templates.put(sms, "SMS_LOCAL_" + sms.toUpperCase(java.util.Locale.ROOT));
        }
        FakeSmsProvider fake = FakeSmsProvider.start(kind, "local-key-id", "local-key-secret", SMS_SIGN_NAME, java.util.Set.copyOf(templates.values()));
        running.add(fake);
        String secretArn = aws.environment(SMS_FUNCTION).get("SMS_SECRET_ARN");
        aws.secretsManager().putSecretValue(r -> r.secretId(secretArn).secretString(fake.secretJson()));
        aws.overrideEnvironment(SMS_FUNCTION, Map.of("SMS_PROVIDER", provider, "SMS_API_BASE_URL", fake.baseUrl().toString(),
                "SMS_SIGN_NAME", SMS_SIGN_NAME, "SMS_TEMPLATES", Json.write(templates), "SMS_APP_ID", "1400000000"));
        PrintStream console = settings.console();
        fake.onMessage(sms -> {
            console.printf("%n[%s] SMS by %s to %s (【%s】 template %s)%n    %s%n", java.time.LocalTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    provider, community.linli.platform.Masks.phone(sms.phone()), sms.signName(), sms.templateId(), sms.variables());
            console.flush();
        });
    }

    static final String ISSUER_FUNCTION = "AuthFunction";
    static final String IMPORT_FUNCTION = "ResidentsImportFunction";
    static final String UPDATES_FUNCTION = "ResidentUpdatesFunction";

    /**
     * The fake WeChat API for AuthFunction and ResidentUpdatesFunction (with the app id and secret of
     * the template's secret; the subscribe messages it accepts are printed),
     * the local URL as its issuer, and the demo accounts: the openid of each demo code signs in to
     * the account of the demo user of that name.
     */
    private void startIssuer() {
        Map<String, String> env = aws.environment(ISSUER_FUNCTION);
        wechat = FakeWeChat.forSecret(aws.secretsManager().getSecretValue(r -> r.secretId(env.get("WECHAT_SECRET_ARN"))).secretString());
        running.add(wechat);
        aws.overrideEnvironment(ISSUER_FUNCTION, Map.of("TOKEN_ISSUER", url().toString(),
                "WECHAT_API_BASE_URL", wechat.baseUrl().toString()));
        if (settings.template().resources().containsKey(UPDATES_FUNCTION)) {
            aws.overrideEnvironment(UPDATES_FUNCTION, Map.of("WECHAT_API_BASE_URL", wechat.baseUrl().toString()));
            wechat.onSubscribeMessage(message -> WeChatConsole.print(settings.console(), message));
        }
        FieldCrypto crypto = new FieldCrypto(aws.kms(), env.get(FieldCrypto.FIELD_KEY_VARIABLE), env.get(FieldCrypto.LOOKUP_KEY_VARIABLE));
        AccountStore accounts = new AccountStore(aws.dynamoDb(), env.get("ACCOUNTS_TABLE"));
        for (DemoUser user : demoUsers()) {
            Persona persona = user.persona();
            List<Role> roles = persona.groups().stream().map(Role::ofGroup).toList();
            accounts.put(new Account(persona.sub(), persona.communityId(), java.util.Set.copyOf(roles), persona.gridIds(),
                            null, null, persona.staffId()),
                    crypto.lookupHash(AccountStore.OPENID, FakeWeChat.demoOpenId(persona.sub())), java.time.Instant.now());
        }
    }

    /** One token per demo user: signed in through POST /auth/wechat, or minted by the in-memory issuer. */
    private Map<String, String> mintDemoTokens() {
        Map<String, String> minted = new LinkedHashMap<>();
        for (DemoUser user : demoUsers()) {
            minted.put(user.variable(), tokens != null ? tokens.mint(user.persona(), DEMO_TOKEN_VALIDITY)
                    : signIn(user.persona().sub()).path("accessToken").asText());
        }
        return minted;
    }

    /** What {@code POST /auth/wechat} answers for {@code code}, through the gateway. */
    public JsonNode signIn(String code) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve("/auth/wechat"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("code", code)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST /auth/wechat answered " + response.statusCode() + ": " + response.body());
            }
            return Json.parse(response.body(), JsonNode.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot sign in locally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signing in", e);
        }
    }

    /** Rewrites tokens.env with fresh tokens before the old ones expire, so `source .local/tokens.env` always works. */
    private void renewDemoTokens() {
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .daemon().name("local-token-renewal").unstarted(r));
        renewal.scheduleAtFixedRate(() -> {
            try {
                demoTokens = mintDemoTokens();
                writeTokens();
            } catch (RuntimeException e) {
                settings.console().println("[local] renewing the demo tokens failed: " + e.getMessage());
            }
        }, DEMO_TOKEN_RENEWAL.toSeconds(), DEMO_TOKEN_RENEWAL.toSeconds(), TimeUnit.SECONDS);
        running.add(renewal::shutdownNow);
    }

    static List<DemoUser> demoUsers() {
        return List.of(
                new DemoUser("RESIDENT_TOKEN", "resident", Persona.resident().withSub("demo-resident")),
                new DemoUser("G05_RESIDENT_TOKEN", "resident of G05", new Persona("demo-resident-g05", DemoCommunity.ID,
                        List.of("residents"), List.of("G05"))),
                new DemoUser("GRID_WORKER_TOKEN", "grid worker of G03",
                        Persona.gridWorker("G03").withSub("demo-grid-worker").withStaffId(DemoCommunity.GRID_WORKER_ID)),
                new DemoUser("STAFF_TOKEN", "community staff", Persona.staff().withSub("demo-staff").withStaffId(DemoCommunity.STAFF_ID)),
                new DemoUser("ADMIN_TOKEN", "community admin", Persona.admin().withSub("demo-admin").withStaffId(DemoCommunity.ADMIN_ID)));
    }

    /** The API's base URL, such as {@code http://localhost:3000}. */
    public URI url() {
        return URI.create("http://localhost:" + api.port());
    }

    /** The in-memory issuer, for a template without AuthFunction; with it, tokens come from {@link #signIn}. */
    public LocalTokens tokens() {
        if (tokens == null) throw new IllegalStateException(ISSUER_FUNCTION + " issues the tokens here; sign in with POST /auth/wechat");
        return tokens;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** The gateway's check of a token: its claims, or why API Gateway would refuse it. */
    public Map<String, Object> verify(String token) throws LocalTokens.InvalidToken {
        return verifier.verify(token);
    }

    /** The fake WeChat API AuthFunction talks to, when the template has AuthFunction. */
    public FakeWeChat wechat() {
        if (wechat == null) throw new IllegalStateException("This template has no " + ISSUER_FUNCTION);
        return wechat;
    }

    public LocalAws aws() {
        return aws;
    }

    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) throw new IllegalArgumentException(logicalId + " is not running");
        return function;
    }

    /** The demo personas' tokens by their tokens.env variable, such as {@code RESIDENT_TOKEN}. */
    public Map<String, String> demoTokens() {
        return Map.copyOf(demoTokens);
    }

    private void writeTokens() {
        StringBuilder env = new StringBuilder("# Demo tokens of the running local app; `source` this file. " + (tokens == null
                ? "They last 15 minutes; the app rewrites this file every " + DEMO_TOKEN_RENEWAL.toMinutes() + " minutes.\n"
                : "They last " + DEMO_TOKEN_VALIDITY.toHours() + " h.\n"));
        demoTokens.forEach((variable, token) -> env.append(variable).append('=').append(token).append('\n'));
        env.append("LINLI_URL=").append(url()).append('\n');
        try {
            Files.createDirectories(settings.tokensFile().toAbsolutePath().getParent());
            Files.writeString(settings.tokensFile(), env);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + settings.tokensFile(), e);
        }
    }

    void printBanner() {
        PrintStream out = settings.console();
        out.println();
        out.println("Linli is running locally.");
        out.println();
        out.println("  API     " + url() + "   (stop with Ctrl-C)");
        for (Template.Route route : settings.template().httpApiRoutes()) {
            out.printf("          %-28s -> %s%s%n", route.routeKey(), route.functionLogicalId(), route.authorized() ? "" : "  (no token needed)");
        }
        for (Trigger trigger : triggers) out.println("  Trigger " + trigger.describe());
        out.println("  Tokens  issuer " + issuer + ", audience " + audience + (tokens == null
                ? ", keys " + url() + "/.well-known/jwks.json (AuthFunction, signed by KMS on moto); WeChat is faked at " + wechat.baseUrl()
                : " (in memory)"));
        out.println("  AWS     moto at " + moto.endpoint() + ", resources named " + settings.prefix() + "<LogicalId>, e.g.");
        out.println("          AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws --region " + LocalAws.REGION
                + " --endpoint-url " + moto.endpoint() + " dynamodb list-tables");
        out.println();
        out.println("Demo users of community \"" + DemoCommunity.ID + "\" (" + (tokens == null
                ? "tokens valid 15 min, renewed in " + displayPath(settings.tokensFile()) + " every " + DEMO_TOKEN_RENEWAL.toMinutes()
                        + " min; or sign in again: curl -s -X POST " + url() + "/auth/wechat -H 'Content-Type: application/json' -d '{\"code\":\"demo-resident\"}'"
                : "tokens valid " + DEMO_TOKEN_VALIDITY.toHours() + " h, also in " + displayPath(settings.tokensFile())) + "):");
        for (DemoUser user : demoUsers()) {
            out.println();
            out.println("  " + user.description() + ":");
            out.println("  " + user.variable() + "=" + demoTokens.get(user.variable()));
        }
        if (tokens == null) {
            out.println();
            out.println("Any other code starting with demo- (demo-newcomer) signs in a new account; the phone-button code");
            out.println("demo-phone-13900000002 then gives it the rights of the registered staff member with that phone.");
        }
        if (settings.template().httpApiRoutes().stream().anyMatch(r -> r.routeKey().equals("GET /categories"))) {
            out.println();
            out.println("Try it (what a resident may report; README.md walks through the whole request loop):");
            out.println();
            out.println(curlExample(url(), demoTokens.get("RESIDENT_TOKEN")));
        }
        out.println();
        out.println("Alerts published to SNS and SMS sent by the functions are printed below.");
        out.println();
        out.flush();
    }

    /**
     * A curl command to paste: the categories a resident may report. It only reads, so that the
     * README's walkthrough, pasted after it, finds the app as it started (its first request is 0001).
     */
    static String curlExample(URI url, String token) {
        return "curl -s " + url.resolve("/categories") + " -H " + shellQuote("Authorization: Bearer " + token);
    }

    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String displayPath(Path file) {
        Path root = Repo.root();
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops triggers, pollers and the HTTP server, then moto if this app started it. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) return;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                settings.console().println("[local] stopping " + running.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
        if (ownsMoto) moto.close();
        stopped.countDown();
    }

    static int port(String variable, int otherwise) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) return otherwise;
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, not " + value);
        }
    }

    /** Fails early, and clearly, when another process (often an earlier run) holds the port. */
    private static void requireFree(int port, String variable) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is in use (is another scripts/local running?); set "
                    + variable + " to use another", e);
        }
    }
}
