package community.linli.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the local API sends back: a status, headers in order (a name may repeat) and the body bytes. */
record ApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    ApiResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** One of API Gateway's own answers, such as 404 {@code {"message":"Not Found"}}. */
    static ApiResponse message(int status, String message, Map<String, String> headers) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message);
        List<Map.Entry<String, String>> all = new ArrayList<>();
        all.add(Map.entry("content-type", "application/json"));
        headers.forEach((name, value) -> all.add(Map.entry(name, value)));
        return new ApiResponse(status, all, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    ApiResponse withHeaders(List<Map.Entry<String, String>> more) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        all.addAll(more);
        return new ApiResponse(status, all, body);
    }

    /** The same response without the headers whose lower-cased name starts with {@code prefix}. */
    ApiResponse withoutHeaders(String prefix) {
        return new ApiResponse(status, headers.stream()
                .filter(h -> !h.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)).toList(), body);
    }
}
