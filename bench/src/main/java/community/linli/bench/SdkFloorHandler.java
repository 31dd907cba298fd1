package community.linli.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import community.linli.platform.Aws;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SDK's floor: a stream handler that builds a DynamoDB client in init and makes one GetItem
 * per invoke, then writes constant bytes. No Jackson databind, no event read: what a function costs
 * for SDK v2 and its first call alone, which no change to our own code can take below.
 *
 * <p>The client is the house one ({@link Aws#dynamoDb()}: call budgets, retry strategy, the outage
 * recorder), or with {@code LINLI_FLOOR_LEAN=true} the leanest the SDK builds: region, static
 * credentials, the URLConnection client with its defaults, the endpoint, nothing else.
 */
public final class SdkFloorHandler implements RequestStreamHandler {
    private static final DynamoDbClient DYNAMO = "true".equals(System.getenv("LINLI_FLOOR_LEAN")) ? lean() : Aws.dynamoDb();
    private static final String TABLE = System.getenv("REQUESTS_TABLE");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        DYNAMO.getItem(r -> r.tableName(TABLE).key(Map.of(
                "pk", AttributeValue.fromS("C#floor"), "sk", AttributeValue.fromS("floor"))));
        output.write(StreamEchoHandler.CONSTANT);
    }

    private static DynamoDbClient lean() {
        var builder = DynamoDbClient.builder().region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))))
                .httpClient(UrlConnectionHttpClient.create());
        String endpoint = System.getenv(Aws.ENDPOINT_VARIABLE);
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }
}
