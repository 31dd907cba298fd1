package community.linli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How API Gateway reads a function's payload 2.0 response. A JSON object with {@code statusCode} is
 * a full response: its headers, multi-value headers, each cookie as a {@code Set-Cookie} header,
 * and a body decoded from base64 when {@code isBase64Encoded}. Any other JSON is a simple response:
 * 200, {@code application/json}, the JSON as the body (a JSON string gives its text).
 */
final class HttpApiResponse {
    /** Headers the gateway itself sets on the wire; a function's values for them are not passed on. */
    private static final Set<String> GATEWAY_MANAGED = Set.of("content-length", "transfer-encoding", "connection", "date");

    private HttpApiResponse() {}

    /** @throws IllegalArgumentException for output API Gateway cannot read, which it answers with 500 */
    static ApiResponse from(String functionOutput) {
        JsonNode output;
        try {
            output = Json.MAPPER.readTree(functionOutput);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The function's output is not JSON");
        }
        if (output == null || !output.isObject() || !output.has("statusCode")) return simple(output);

        JsonNode status = output.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            throw new IllegalArgumentException("statusCode is not an HTTP status: " + status);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        output.path("headers").properties().forEach(h -> add(headers, h.getKey(), h.getValue()));
        output.path("multiValueHeaders").properties().forEach(h -> h.getValue().forEach(v -> add(headers, h.getKey(), v)));
        output.path("cookies").forEach(cookie -> headers.add(Map.entry("set-cookie", cookie.asText())));

        JsonNode body = output.get("body");
        byte[] bytes = null;
        if (body != null && !body.isNull()) {
            String text = body.isTextual() ? body.asText() : body.toString();
            if (output.path("isBase64Encoded").asBoolean(false)) {
                try {
                    bytes = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("isBase64Encoded is true but the body is not base64");
                }
            } else {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new ApiResponse(status.asInt(), headers, bytes);
    }

    private static ApiResponse simple(JsonNode output) {
        String body = output == null ? "" : output.isTextual() ? output.asText() : output.toString();
        return new ApiResponse(200, List.of(Map.entry("content-type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(List<Map.Entry<String, String>> headers, String name, JsonNode value) {
        if (value == null || value.isNull() || GATEWAY_MANAGED.contains(name.toLowerCase(Locale.ROOT))) return;
        headers.add(Map.entry(name, value.asText()));
    }
}
