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

    private LocalAws(URI endpoint, Template template, Provisioned provisioned, Map<String, String> awsEnvironment,
                     DynamoDbClient dynamoDb, S3Client s3, SnsClient sns, SqsClient sqs, KmsClient kms,
                     SecretsManagerClient secretsManager) {
        this.settings = Env.with(awsEnvironment, Aws.Settings::fromEnv);
        this.endpoint = endpoint;
        this.template = template;
        this.provisioned = provisioned;
        this.awsEnvironment = awsEnvironment;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.sns = sns;
        this.sqs = sqs;
        this.kms = kms;
        this.secretsManager = secretsManager;
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
        Map<String, String> env = awsEnvironment(endpoint);
        Clients clients = CLIENTS.computeIfAbsent(endpoint, e -> {
            Aws.Settings settings = Env.with(env, Aws.Settings::fromEnv);
            return new Clients(Aws.dynamoDb(settings), Aws.s3(settings), Aws.sns(settings),
                    Aws.configure(SqsClient.builder(), settings).build(), Aws.kms(settings), Aws.secretsManager(settings),
                    new java.util.concurrent.ConcurrentHashMap<>());
        });
        Provisioned provisioned = new Provisioner(clients.dynamoDb, clients.s3, clients.sns, clients.sqs, clients.kms,
                clients.secretsManager).sharingKeys(clients.keys).provision(template, prefix, only);
        return new LocalAws(endpoint, template, provisioned, env,
                clients.dynamoDb, clients.s3, clients.sns, clients.sqs, clients.kms, clients.secretsManager);
    }

    /** One emulator's clients, and the KMS keys its resource sets share ({@link Provisioner#sharingKeys}). */
    private record Clients(DynamoDbClient dynamoDb, S3Client s3, SnsClient sns, SqsClient sqs, KmsClient kms,
                           SecretsManagerClient secretsManager,
                           Map<String, software.amazon.awssdk.services.kms.model.KeyMetadata> keys) {}

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
        var request = java.net.http.HttpRequest.newBuilder(endpoint.resolve("/_linli/seeds/"
                        + java.net.URLEncoder.encode(seed, java.nio.charset.StandardCharsets.UTF_8) + "/" + action))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        community.linli.platform.Json.write(Map.of("region", REGION, "tables", tables))))
                .build();
        try {
            var response = SEEDS.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("moto's seeds: " + response.body());
            return community.linli.platform.Json.parse(response.body(), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.net.http.HttpClient SEEDS = java.net.http.HttpClient.newHttpClient();

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
