package community.linli.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The floor of the cold-start benchmark: an HTTP API handler that does nothing and returns a
 * constant, run through the same runtime interface client, JVM flags and event as RequestsFunction.
 *
 * <p>It takes {@link APIGatewayV2HTTPEvent} and returns {@link APIGatewayV2HTTPResponse}, not
 * {@code Map}, because the runtime's work for those types is not ours: for any Java function behind
 * an HTTP API, the runtime interface client loads aws-lambda-java-events and maps the payload 2.0
 * JSON onto the event class with its own serializers before the handler runs, and maps the response
 * back after. A {@code Map} floor would take the client's generic path instead, and that
 * difference would be charged to RequestsFunction. With the same types and the same event bytes,
 * what the requests target costs above this floor is our code: its clients, its JSON, its reads and
 * writes.
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
