package community.linli.local;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the local API: the path and query exactly as sent (still
 * percent-encoded), the headers with their original names and every value, and the body bytes.
 */
record ApiRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                  String sourceIp, String protocol) {

    ApiRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** Every value of a header, whatever the case of its name. */
    List<String> headerValues(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    /** A header's values joined with commas, as HTTP allows and API Gateway does; null when absent. */
    String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : String.join(",", values);
    }
}
