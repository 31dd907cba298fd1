package community.linli.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The typed floor of the cold-start benchmark: an HTTP API handler that returns a constant, taking
 * {@link APIGatewayV2HTTPEvent} and returning {@link APIGatewayV2HTTPResponse}, so that the runtime
 * interface client loads aws-lambda-java-events' serializers and maps the payload 2.0 JSON onto
 * the event class before the handler runs, and the response back after. That is what a typed
 * handler pays before its first line runs; {@link StreamEchoHandler}, the true floor, never pays
 * it, and neither do our functions, which take streams. Kept so that the difference stays
 * measured, and so that our figures compare with those of typed handlers elsewhere.
 */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final APIGatewayV2HTTPResponse CONSTANT = APIGatewayV2HTTPResponse.builder()
            .withStatusCode(200)
            .withHeaders(Map.of("content-type", "application/json"))
            .withBody("{}")
            .build();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return CONSTANT;
    }
}
