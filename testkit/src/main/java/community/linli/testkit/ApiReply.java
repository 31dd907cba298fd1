package community.linli.testkit;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.util.List;
import java.util.Map;

/**
 * A function's response as a client receives it: status, headers and the JSON body (null for a
 * binary one, such as a PNG or a CSV file, whose bytes {@link Invoke#http} gives). {@link #call}
 * is how tests call an HTTP API handler: through its stream entry point, the method Lambda calls
 * ({@link Invoke#http}), and the response must be documented in openapi.yaml.
 */
public record ApiReply(int status, Map<String, String> headers, JsonNode body) {
    private static final OpenApiContract CONTRACT = OpenApiContract.load();

    public static ApiReply call(RequestStreamHandler handler, APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = Invoke.http(handler, event);
        String[] route = event.getRouteKey().split(" ", 2);
        CONTRACT.assertResponse(route[0], route[1], response);
        boolean json = response.getBody() != null && !response.getBody().isEmpty() && !Boolean.TRUE.equals(response.getIsBase64Encoded());
        JsonNode body = json ? Json.parse(response.getBody(), JsonNode.class) : null;
        return new ApiReply(response.getStatusCode(), response.getHeaders(), body);
    }

    public String text(String pointer) {
        return body.at(pointer).asText();
    }

    /** The fields a problem body's {@code errors} name, in order. */
    public List<String> errorFields() {
        return ProblemBodies.fields(body);
    }

    public ApiReply expect(int expected) {
        if (status != expected) throw new AssertionError("expected status " + expected + " but was " + status + ": " + body);
        return this;
    }

    public long version() {
        return body.get("version").asLong();
    }
}
