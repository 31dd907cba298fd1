package community.linli.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API's {@code CorsConfiguration}, applied as API Gateway applies it: a preflight
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered 204 by
 * the gateway without calling a function, with the allow headers when the origin is allowed; any
 * other response to an allowed origin gets {@code Access-Control-Allow-Origin} and the exposed
 * headers, and whatever CORS headers the function set itself are dropped.
 */
record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, List<String> exposeHeaders,
            Integer maxAge, boolean allowCredentials) {

    Cors {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** SAM's {@code CorsConfiguration: true}: any origin, method and header. */
    static Cors allowAll() {
        return new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
    }

    static boolean isPreflight(ApiRequest request) {
        return request.method().equals("OPTIONS") && request.header("origin") != null
                && request.header("access-control-request-method") != null;
    }

    ApiResponse preflight(ApiRequest request) {
        String origin = request.header("origin");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (allows(origin)) {
            headers.add(Map.entry("access-control-allow-origin", allowOriginValue(origin)));
            headers.add(Map.entry("access-control-allow-methods", allowMethods.contains("*")
                    ? request.header("access-control-request-method") : String.join(",", allowMethods)));
            String requested = request.header("access-control-request-headers");
            if (allowHeaders.contains("*") && requested != null) {
                headers.add(Map.entry("access-control-allow-headers", requested));
            } else if (!allowHeaders.isEmpty() && !allowHeaders.contains("*")) {
                headers.add(Map.entry("access-control-allow-headers", String.join(",", allowHeaders)));
            }
            if (maxAge != null) headers.add(Map.entry("access-control-max-age", maxAge.toString()));
            if (allowCredentials) headers.add(Map.entry("access-control-allow-credentials", "true"));
        }
        return new ApiResponse(204, headers, null);
    }

    ApiResponse decorate(ApiRequest request, ApiResponse response) {
        ApiResponse stripped = response.withoutHeaders("access-control-");
        String origin = request.header("origin");
        if (!allows(origin)) return stripped;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("access-control-allow-origin", allowOriginValue(origin)));
        if (!exposeHeaders.isEmpty()) headers.add(Map.entry("access-control-expose-headers", String.join(",", exposeHeaders)));
        if (allowCredentials) headers.add(Map.entry("access-control-allow-credentials", "true"));
        return stripped.withHeaders(headers);
    }

    boolean allows(String origin) {
        if (origin == null) return false;
        String normalized = origin.toLowerCase(Locale.ROOT);
        return allowOrigins.stream().anyMatch(o -> o.equals("*") || o.toLowerCase(Locale.ROOT).equals(normalized));
    }

    private String allowOriginValue(String origin) {
        return allowOrigins.contains("*") && !allowCredentials ? "*" : origin;
    }
}
