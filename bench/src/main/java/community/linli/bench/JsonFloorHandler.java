package community.linli.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Jackson databind's floor: a stream handler that reads the event as a tree and writes a small
 * record through the house mapper ({@link Json#MAPPER}), as a function's event and response go,
 * with no AWS call: what a function costs for databind's construction and first mapping alone.
 */
public final class JsonFloorHandler implements RequestStreamHandler {
    /** A response body shaped like a small read model: text, a number, a nested list. */
    record Body(String id, String status, int version, List<String> tags) {}

    record Response(int statusCode, java.util.Map<String, String> headers, String body, boolean isBase64Encoded) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        String path = event.path("rawPath").asText();
        String body = Json.write(new Body(path, "submitted", 1, List.of("a", "b")));
        Json.MAPPER.writeValue(output, new Response(200, java.util.Map.of("content-type", "application/json"), body, false));
    }
}
