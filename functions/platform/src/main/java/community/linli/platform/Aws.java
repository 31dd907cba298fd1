package community.linli.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one factory for AWS SDK clients.
 *
 * <p>Every client uses the URLConnection HTTP client (the Apache and Netty clients are kept out of
 * the jars for cold start), the region from {@code AWS_REGION}, and an explicit credentials
 * provider instead of the default chain: static keys when {@code AWS_ACCESS_KEY_ID} is set, else
 * the container endpoint that Lambda uses under SnapStart. {@code LINLI_AWS_ENDPOINT}, when set,
 * points every client at one emulator (moto) for local runs and tests.
 *
 * <p>Every call has a budget ({@link Calls}): the SDK's standard retry mode with a fixed number
 * of attempts, a timeout per attempt and one for the whole call, retries included, so a call to a
 * dependency that is down or slow ends well inside the function's timeout, as an exception that
 * {@link Outage} recognizes, instead of Lambda killing the invocation.
 */
public final class Aws {
    public static final String ENDPOINT_VARIABLE = "LINLI_AWS_ENDPOINT";

    private Aws() {}

    /**
     * Region, endpoint and credentials, read from the environment once. A client built later (on
     * first use) from these settings sees the same configuration as one built during init.
     */
    public record Settings(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials, Calls calls) {
        public static Settings fromEnv() {
            return new Settings(Region.of(Env.require("AWS_REGION")),
                    Env.optional(ENDPOINT_VARIABLE).map(URI::create), credentialsFromEnv(), Calls.fromEnv());
        }
    }

    /**
     * The budget of one SDK call: at most {@code maxAttempts} attempts (the standard retry mode:
     * exponential backoff with jitter, throttling backing off longer, a retry quota per client),
     * each cut at {@code attemptTimeout}, the whole call cut at {@code callTimeout}.
     * template.yaml's Globals set the three variables for every function, below its timeout
     * (TemplateTest holds each function to it). Tools that run outside Lambda (provisioning, the
     * first admin) leave the timeouts unset, so a slow emulator delays them instead of failing a
     * CreateTable that is then retried onto the table it created; null means no timeout.
     */
    public record Calls(Duration attemptTimeout, Duration callTimeout, int maxAttempts) {
        public static final String ATTEMPT_TIMEOUT_VARIABLE = "LINLI_AWS_ATTEMPT_TIMEOUT_MS";
        public static final String CALL_TIMEOUT_VARIABLE = "LINLI_AWS_CALL_TIMEOUT_MS";
        public static final String MAX_ATTEMPTS_VARIABLE = "LINLI_AWS_MAX_ATTEMPTS";
        /** The standard retry mode's own number of attempts. */
        static final int STANDARD_ATTEMPTS = 3;

        public Calls {
            if (maxAttempts < 1) throw new IllegalArgumentException(MAX_ATTEMPTS_VARIABLE + " must be at least 1");
            if (attemptTimeout != null && callTimeout != null && attemptTimeout.compareTo(callTimeout) > 0) {
                throw new IllegalArgumentException(ATTEMPT_TIMEOUT_VARIABLE + " must not exceed " + CALL_TIMEOUT_VARIABLE);
            }
        }

        public static Calls fromEnv() {
            return new Calls(millis(ATTEMPT_TIMEOUT_VARIABLE), millis(CALL_TIMEOUT_VARIABLE),
                    Env.optional(MAX_ATTEMPTS_VARIABLE).map(Integer::parseInt).orElse(STANDARD_ATTEMPTS));
        }

        private static Duration millis(String variable) {
            return Env.optional(variable).map(Long::parseLong).map(Duration::ofMillis).orElse(null);
        }

        ClientOverrideConfiguration overrides() {
            return ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(attemptTimeout)
                    .apiCallTimeout(callTimeout)
                    .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
                    .addExecutionInterceptor(Outage.RECORDER)
                    .build();
        }
    }

    public static DynamoDbClient dynamoDb() {
        return dynamoDb(Settings.fromEnv());
    }

    public static DynamoDbClient dynamoDb(Settings settings) {
        return configure(DynamoDbClient.builder(), settings).build();
    }

    public static S3Client s3(Settings settings) {
        var builder = configure(S3Client.builder(), settings);
        // moto serves buckets on the path, not on a virtual host.
        settings.endpoint().ifPresent(e -> builder.forcePathStyle(true));
        return builder.build();
    }

    public static S3Presigner s3Presigner(Settings settings) {
        var builder = S3Presigner.builder().region(settings.region()).credentialsProvider(settings.credentials());
        settings.endpoint().ifPresent(e -> builder.endpointOverride(e)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    public static SnsClient sns(Settings settings) {
        return configure(SnsClient.builder(), settings).build();
    }

    public static KmsClient kms(Settings settings) {
        return configure(KmsClient.builder(), settings).build();
    }

    public static SecretsManagerClient secretsManager(Settings settings) {
        return configure(SecretsManagerClient.builder(), settings).build();
    }

    /** {@link #configure(AwsClientBuilder, Settings)} with the settings of the current environment. */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        return configure(builder, Settings.fromEnv());
    }

    /** Applies the house settings to any SDK client builder; tools use it for services the functions do not (SQS). */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, Settings settings) {
        builder.region(settings.region()).credentialsProvider(settings.credentials()).httpClient(httpClient())
                .overrideConfiguration(settings.calls().overrides());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static AwsCredentialsProvider credentialsFromEnv() {
        Optional<String> keyId = Env.optional("AWS_ACCESS_KEY_ID");
        if (keyId.isEmpty()) {
            return ContainerCredentialsProvider.create();
        }
        String secret = Env.require("AWS_SECRET_ACCESS_KEY");
        return StaticCredentialsProvider.create(Env.optional("AWS_SESSION_TOKEN")
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(keyId.get(), secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(keyId.get(), secret)));
    }
}
