package community.linli.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.platform.Env;
import community.linli.testkit.LambdaJson;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A test-only function: shows a test what the local API gateway did. By default it answers with the
 * event it received, as the runtime gave it; other routes answer with cookies and a binary body,
 * throw, or outlive the function's timeout. Its environment is read once, in the init phase.
 */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final byte[] PNG_BYTES = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};

    private final String greeting;

    public EchoHandler() {
        this.greeting = Env.require("GREETING");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return switch (event.getRouteKey()) {
            case "GET /cookies" -> APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "image/png", "Access-Control-Allow-Origin", "https://evil.example"))
                    .withMultiValueHeaders(Map.of("X-Multi", List.of("one", "two")))
                    .withCookies(List.of("session=abc; Path=/; HttpOnly", "theme=dark"))
                    .withIsBase64Encoded(true)
                    .withBody(Base64.getEncoder().encodeToString(PNG_BYTES))
                    .build();
            case "GET /boom" -> throw new IllegalStateException("boom, as the test asked");
            case "GET /slow" -> {
                try {
                    Thread.sleep(context.getRemainingTimeInMillis() + 3_000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
            }
            default -> APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of(
                            "Content-Type", "application/json",
                            "X-Greeting", greeting,
                            "X-Function-Name", context.getFunctionName(),
                            "X-Remaining-Ms", Integer.toString(context.getRemainingTimeInMillis()),
                            "X-Memory-Mb", Integer.toString(context.getMemoryLimitInMB())))
                    .withBody(LambdaJson.write(event))
                    .build();
        };
    }
}
