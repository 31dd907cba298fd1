package community.linli.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import community.linli.testkit.Provisioned;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP API payload format 2.0 event API Gateway sends a function, built from a request:
 * header names lower-cased and repeated headers joined with commas, {@code Cookie} moved to
 * {@code cookies}, query parameters decoded with repeats joined by commas, the path decoded, the
 * authorizer's claims, and a body that is base64-encoded unless its content type is text.
 */
final class HttpApiEvent {
    static final String API_ID = "local";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** The media types HTTP APIs pass as text; every other body, or one without a type, arrives base64-encoded. */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "application/javascript");

    private HttpApiEvent() {}

    /** An id shaped like API Gateway's ({@code Jx1vQgkzhcwEMaQ=}). */
    static String newRequestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static ObjectNode build(ApiRequest request, Routes.Match match, JwtAuthorizer.Allowed authorization,
                            String requestId, Instant now, int localPort) {
        String routeKey = match.route().routeKey();
        String path = decodedPath(request.rawPath());
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", request.rawQuery());
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headers = event.putObject("headers");
        headers(request, now, localPort).forEach(headers::put);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            query.forEach(params::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", Provisioned.ACCOUNT_ID);
        context.put("apiId", API_ID);
        if (authorization != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            authorization.claims().forEach(claims::put);
            if (authorization.scopes() == null) {
                jwt.putNull("scopes");
            } else {
                ArrayNode scopes = jwt.putArray("scopes");
                authorization.scopes().forEach(scopes::add);
            }
        }
        String domain = domainName(request);
        context.put("domainName", domain);
        context.put("domainPrefix", domain.split("\\.", 2)[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", path);
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("user-agent") == null ? "" : request.header("user-agent"));
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        if (!match.pathParameters().isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            match.pathParameters().forEach(params::put);
        }
        boolean hasBody = request.body().length > 0;
        boolean text = isText(request.header("content-type"));
        if (hasBody) {
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
        }
        event.put("isBase64Encoded", hasBody && !text);
        return event;
    }

    static boolean isText(String contentType) {
        if (contentType == null) return false;
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.startsWith("text/") || TEXT_TYPES.contains(media);
    }

    private static Map<String, String> headers(ApiRequest request, Instant now, int localPort) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) return;
            headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
        });
        String forwarded = headers.get("x-forwarded-for");
        headers.put("x-forwarded-for", forwarded == null ? request.sourceIp() : forwarded + ", " + request.sourceIp());
        headers.put("x-forwarded-port", Integer.toString(localPort));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                + HexFormat.of().formatHex(randomBytes(12)));
        return headers;
    }

    private static List<String> cookies(ApiRequest request) {
        return request.headerValues("cookie").stream()
                .flatMap(value -> Arrays.stream(value.split(";")))
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .toList();
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String decodedPath(String rawPath) {
        return String.join("/", Arrays.stream(rawPath.split("/", -1)).map(Routes::decode).toList());
    }

    private static String domainName(ApiRequest request) {
        String host = request.header("host");
        if (host == null || host.isBlank()) return "localhost";
        return host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
