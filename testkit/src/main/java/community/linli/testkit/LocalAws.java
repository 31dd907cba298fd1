package community.linli.testkit;

import community.linli.platform.Aws;
import community.linli.platform.Env;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's resources on an emulator: SDK clients built by the house factory ({@link Aws}),
 * the physical names of what {@link Provisioner} created, and each function's environment as
 * Lambda would set it.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";

    private final Aws.Settings settings;
    private final URI endpoint;
    private final Template template;
    private final Provisioned provisioned;
    private final Map<String, String> awsEnvironment;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final KmsClient kms;
    private final SecretsManagerClient secretsManager;
    private final Map<String, Map<String, String>> environmentOverrides = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The clients for each emulator, built once per JVM and shared by every resource set on it: they
     * hold nothing of a test's own (names travel in each request), and building six SDK clients for
     * each of some 1,500 tests was a good part of the test JVMs' CPU time.
     */
    private static final Map<URI, Clients> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalAws(URI endpoint, Template template, Provisioned provisioned, Clients clients) {
        this.awsEnvironment = awsEnvironment(endpoint);
        this.settings = Env.with(awsEnvironment, Aws.Settings::fromEnv);
        this.endpoint = endpoint;
        this.template = template;
        this.provisioned = provisioned;
        this.dynamoDb = clients.dynamoDb;
        this.s3 = clients.s3;
        this.sns = clients.sns;
        this.sqs = clients.sqs;
        this.kms = clients.kms;
        this.secretsManager = clients.secretsManager;
    }

    /** Creates every resource of {@code template} on the emulator at {@code endpoint}, names prefixed with {@code prefix}. */
    public static LocalAws provision(URI endpoint, Template template, String prefix) {
        return provision(endpoint, template, prefix, (Set<String>) null);
    }

    /** Creates only what the functions name in {@code template} ({@link Provisioner#resourcesFor}), names prefixed with {@code prefix}. */
    public static LocalAws provisionFor(URI endpoint, Template template, String prefix, Collection<String> functionLogicalIds) {
        return provision(endpoint, template, prefix, Provisioner.resourcesFor(template, functionLogicalIds));
    }

    private static LocalAws provision(URI endpoint, Template template, String prefix, Set<String> only) {
        Clients clients = clients(endpoint);
        return new LocalAws(endpoint, template, clients.provisioner().provision(template, prefix, only), clients);
    }

    /**
     * A test's resource set: the first of its shape (this emulator, {@code template}, {@code only}, the prefix's
     * length) on this emulator is created through the real APIs as {@link #provision} creates it, and its requests
     * are kept by moto; every later one is made by moto sending those requests again under {@code prefix}, in one
     * request from here (scripts/moto_server.py, 15). A set's 20 to 60 creating calls were a third of all the calls
     * a run of the tests made to moto. {@code only} as for {@link Provisioner#provision}, {@code null} for all.
     */
    public static LocalAws provisionOrClone(URI endpoint, Template template, String prefix, Set<String> only) {
        Clients clients = clients(endpoint);
        Blueprint blueprint = BLUEPRINTS.computeIfAbsent(
                new Shape(endpoint, template, only == null ? null : Set.copyOf(only), prefix.length()), s -> new Blueprint());
        Provisioned first = blueprint.first;
        Provisioned provisioned;
        if (first != null) {
            provisioned = cloned(endpoint, template, blueprint.id, first, prefix);
        } else if (blueprint.recording.compareAndSet(false, true)) {
            // Another thread that finds the first set still being made provisions its own through the real APIs.
            post(endpoint, "/_linli/sets/" + blueprint.id + "/record", Map.of("prefix", prefix));
            try {
                provisioned = clients.provisioner().provision(template, prefix, only);
                post(endpoint, "/_linli/sets/" + blueprint.id + "/keep", Map.of("prefix", prefix));
                blueprint.first = provisioned;
            } finally {
                if (blueprint.first == null) {
                    post(endpoint, "/_linli/sets/" + blueprint.id + "/drop", Map.of("prefix", prefix));
                    blueprint.recording.set(false);
                }
            }
        } else {
            provisioned = clients.provisioner().provision(template, prefix, only);
        }
        return new LocalAws(endpoint, template, provisioned, clients);
    }

    /** {@code first}'s resources made again under {@code prefix} by moto, and what moto answers that a name does not tell. */
    private static Provisioned cloned(URI endpoint, Template template, String shape, Provisioned first, String prefix) {
        Map<String, String> tables = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String logicalId : first.logicalIds()) {
            String name = prefix + first.name(logicalId).substring(first.prefix().length());
            switch (template.typeOf(logicalId)) {
                case "AWS::DynamoDB::Table" -> tables.put(logicalId, name);
                case "AWS::SecretsManager::Secret" -> secrets.put(logicalId, name);
                default -> { }
            }
        }
        Map<?, ?> answer = post(endpoint, "/_linli/sets/" + shape + "/clone", Map.of("prefix", prefix, "region", REGION,
                "tables", List.copyOf(tables.values()), "secrets", List.copyOf(secrets.values())));
        Map<?, ?> tableAnswers = (Map<?, ?>) answer.get("tables");
        Map<?, ?> secretAnswers = (Map<?, ?>) answer.get("secrets");
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        tables.forEach((logicalId, name) -> {
            Map<?, ?> table = (Map<?, ?>) tableAnswers.get(name);
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("Arn", String.valueOf(table.get("Arn")));
            if (table.get("StreamArn") != null) attrs.put("StreamArn", String.valueOf(table.get("StreamArn")));
            attributes.put(logicalId, attrs);
        });
        secrets.forEach((logicalId, name) -> {
            String arn = String.valueOf(secretAnswers.get(name));
            refs.put(logicalId, arn);
            attributes.put(logicalId, Map.of("Id", arn));
        });
        return first.renamed(prefix, refs, attributes);
    }

    /** What sets of one shape have in common ({@link #provisionOrClone}); the template by identity, as one run loads it once. */
    private record Shape(URI endpoint, Template template, Set<String> only, int prefixLength) {}

    /** The first set of a shape, once made, and the name moto keeps its requests under. */
    private static final class Blueprint {
        final String id = java.util.UUID.randomUUID().toString();
        final java.util.concurrent.atomic.AtomicBoolean recording = new java.util.concurrent.atomic.AtomicBoolean();
        volatile Provisioned first;
    }

    private static final Map<Shape, Blueprint> BLUEPRINTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Clients clients(URI endpoint) {
        return CLIENTS.computeIfAbsent(endpoint, e -> {
            Aws.Settings settings = Env.with(awsEnvironment(endpoint), Aws.Settings::fromEnv);
            return new Clients(Aws.dynamoDb(settings), Aws.s3(settings), Aws.sns(settings),
                    Aws.configure(SqsClient.builder(), settings).build(), Aws.kms(settings), Aws.secretsManager(settings),
                    new java.util.concurrent.ConcurrentHashMap<>());
        });
    }

    /** One emulator's clients, and the KMS keys its resource sets share ({@link Provisioner#sharingKeys}). */
    private record Clients(DynamoDbClient dynamoDb, S3Client s3, SnsClient sns, SqsClient sqs, KmsClient kms,
                           SecretsManagerClient secretsManager,
                           Map<String, software.amazon.awssdk.services.kms.model.KeyMetadata> keys) {
        Provisioner provisioner() {
            return new Provisioner(dynamoDb, s3, sns, sqs, kms, secretsManager).sharingKeys(keys);
        }
    }

    /** What every function sees of AWS on this machine: region, throwaway credentials, the emulator. */
    public static Map<String, String> awsEnvironment(URI endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put(Aws.ENDPOINT_VARIABLE, endpoint.toString());
        return env;
    }

    /**
     * The SDK's time budget on the emulator, over the template's (2 s an attempt, 5 s a call, sized
     * for DynamoDB). moto is one Python process on a machine that may be busy, and its
     * TransactWriteItems copies each table it touches, so one call can take seconds; a timed-out
     * attempt's retry is then refused by moto, which ignores the ClientRequestToken that makes a
     * retried transaction idempotent on DynamoDB. Tests and the local app would show failures that
     * production does not have. Fault tests set their own budget ({@link FaultProxy}), which wins.
     */
    static final Map<String, String> EMULATOR_BUDGET = Map.of(
            Aws.Calls.ATTEMPT_TIMEOUT_VARIABLE, "20000",
            Aws.Calls.CALL_TIMEOUT_VARIABLE, "60000");

    /** The environment Lambda would give {@code functionLogicalId}: its template variables resolved, plus AWS settings. */
    public Map<String, String> environment(String functionLogicalId) {
        Map<String, String> env = new LinkedHashMap<>(awsEnvironment);
        env.putAll(provisioned.resolveEnvironment(template, functionLogicalId));
        env.putAll(EMULATOR_BUDGET);
        env.putAll(environmentOverrides.getOrDefault(functionLogicalId, Map.of()));
        return env;
    }

    /**
     * Sets variables of {@code functionLogicalId} that only this machine can fill in, such as the
     * local URL of the token issuer or of the fake WeChat API, over what the template resolves to.
     * Functions constructed afterwards see them.
     */
    public void overrideEnvironment(String functionLogicalId, Map<String, String> variables) {
        environmentOverrides.merge(functionLogicalId, Map.copyOf(variables), (a, b) -> {
            Map<String, String> merged = new LinkedHashMap<>(a);
            merged.putAll(b);
            return Map.copyOf(merged);
        });
    }

    /** Builds a handler through its real no-arg constructor, with the function's environment. */
    public <T> T construct(String functionLogicalId, Supplier<T> constructor) {
        return Env.with(environment(functionLogicalId), constructor);
    }

    /** A DynamoDB client like the functions', whose round trips {@code counter} counts. */
    public DynamoDbClient countingDynamoDb(RoundTrips counter) {
        return counted(Aws.configure(DynamoDbClient.builder(), settings), counter).build();
    }

    /** A KMS client like the functions', whose round trips {@code counter} counts. */
    public KmsClient countingKms(RoundTrips counter) {
        return counted(Aws.configure(KmsClient.builder(), settings), counter).build();
    }

    /** An SNS client like the functions', whose round trips {@code counter} counts. */
    public SnsClient countingSns(RoundTrips counter) {
        return counted(Aws.configure(SnsClient.builder(), settings), counter).build();
    }

    /** Adds {@code counter} to the factory's override configuration (call budget, retries) instead of replacing it. */
    private static <B extends SdkClientBuilder<B, ?>> B counted(B builder, RoundTrips counter) {
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(counter).build());
    }

    /**
     * Runs {@code seeder}, which writes DynamoDB's tables {@code tableLogicalIds} and nothing else, or,
     * when an earlier test on this moto ran the seed of the same {@code seed} name into empty tables,
     * puts a copy of what it wrote into this test's tables instead: one request in place of the
     * seeder's writes (scripts/moto_server.py, 12). {@code seed} must name everything the written
     * items depend on, such as the instant of the clock the seeder's stores read; the KMS keys are the
     * same for every test on a moto ({@link Provisioner#sharingKeys}), so sealed values open alike.
     * The seeder runs as it is when a table is not empty or has a stream.
     */
    public void seedOnce(String seed, List<String> tableLogicalIds, Runnable seeder) {
        List<String> tables = tableLogicalIds.stream().map(this::name).toList();
        Map<?, ?> answer = seeds(seed, "restore", tables);
        if (Boolean.TRUE.equals(answer.get("restored"))) return;
        seeder.run();
        if ("unknown".equals(answer.get("reason"))) seeds(seed, "save", tables);
    }

    private Map<?, ?> seeds(String seed, String action, List<String> tables) {
        return post(endpoint, "/_linli/seeds/" + java.net.URLEncoder.encode(seed, java.nio.charset.StandardCharsets.UTF_8)
                + "/" + action, Map.of("region", REGION, "tables", tables));
    }

    /** A request to one of scripts/moto_server.py's own endpoints, and its JSON answer; anything but 200 fails. */
    private static Map<?, ?> post(URI endpoint, String path, Map<String, ?> body) {
        var request = java.net.http.HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(community.linli.platform.Json.write(body)))
                .build();
        try {
            var response = EMULATOR.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("moto's " + path + ": " + response.body());
            return community.linli.platform.Json.parse(response.body(), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.net.http.HttpClient EMULATOR = java.net.http.HttpClient.newHttpClient();

    public String name(String logicalId) {
        return provisioned.name(logicalId);
    }

    public String arn(String logicalId) {
        return provisioned.arn(logicalId);
    }

    public URI endpoint() { return endpoint; }
    /** Region, emulator endpoint and credentials, for building further clients with core's {@link Aws}. */
    public Aws.Settings settings() { return settings; }
    public Template template() { return template; }
    public Provisioned provisioned() { return provisioned; }
    public DynamoDbClient dynamoDb() { return dynamoDb; }
    public S3Client s3() { return s3; }
    public SnsClient sns() { return sns; }
    public SqsClient sqs() { return sqs; }
    public KmsClient kms() { return kms; }
    public SecretsManagerClient secretsManager() { return secretsManager; }
}
