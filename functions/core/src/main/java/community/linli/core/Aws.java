package community.linli.core;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
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
 */
public final class Aws {
    public static final String ENDPOINT_VARIABLE = "LINLI_AWS_ENDPOINT";

    private Aws() {}

    public static DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    public static S3Client s3() {
        var builder = configure(S3Client.builder());
        // moto serves buckets on the path, not on a virtual host.
        endpoint().ifPresent(e -> builder.forcePathStyle(true));
        return builder.build();
    }

    public static S3Presigner s3Presigner() {
        var builder = S3Presigner.builder().region(region()).credentialsProvider(credentials());
        endpoint().ifPresent(e -> builder.endpointOverride(e)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    public static SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    public static KmsClient kms() {
        return configure(KmsClient.builder()).build();
    }

    /** Applies the house settings to any SDK client builder; tools use it for services the functions do not (SQS). */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region()).credentialsProvider(credentials()).httpClient(httpClient());
        endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static Region region() {
        return Region.of(Env.require("AWS_REGION"));
    }

    private static Optional<URI> endpoint() {
        return Env.optional(ENDPOINT_VARIABLE).map(URI::create);
    }

    private static AwsCredentialsProvider credentials() {
        Optional<String> keyId = Env.optional("AWS_ACCESS_KEY_ID");
        if (keyId.isEmpty()) {
            return ContainerCredentialsProvider.create();
        }
        String secret = Env.require("AWS_SECRET_ACCESS_KEY");
        return StaticCredentialsProvider.create(Env.optional("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(keyId.get(), secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(keyId.get(), secret)));
    }
}
