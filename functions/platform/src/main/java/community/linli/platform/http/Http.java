package community.linli.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Outage;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP side of every handler: the one place that turns a route's result or failure into an
 * HTTP API payload 2.0 response.
 *
 * <p>A {@link Problem} becomes its 4xx status with an RFC 9457 {@code application/problem+json}
 * body, in Chinese, with English alongside ({@code title_en}, {@code detail_en},
 * {@code message_en}) when the client's {@code Accept-Language} lists English. A dependency that
 * throttled, failed or timed out after the SDK's retries ({@link Outage}) is a 503
 * {@code unavailable} with {@code Retry-After}, logged as one WARN line naming the service, the
 * operation, AWS's error code and request id, without a stack trace (an outage is not a bug).
 * Items that belong together are written in one DynamoDB transaction, after the reads and KMS
 * or S3 calls they depend on, so such a failure leaves none of them. Anything else is logged with its stack trace and the API request id, and
 * the client gets a 500 that names only that id.
 */
public final class Http {
    public static final String PROBLEM_TYPE_BASE = "https://linli.community/problems/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
    /** Seconds a client waits before retrying after an outage: longer than the SDK's own backoff already spent. */
    static final int OUTAGE_RETRY_AFTER_SECONDS = 5;

    /** What a route returns; {@link #respond} renders it. */
    public record Response(int status, Object body, Map<String, String> headers, boolean binary) {}

    private Http() {}

    public static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Supplier<Response> route) {
        try {
            return render(route.get());
        } catch (StaleVersionException stale) {
            return refused(event, Problem.versionConflict(stale.currentVersion()));
        } catch (Problem problem) {
            return refused(event, problem);
        } catch (RuntimeException | Error unexpected) {
            Optional<Outage> outage = Outage.of(unexpected);
            if (outage.isPresent()) {
                Outage o = outage.get();
                Log.warn("http.dependency", "route", routeKey(event), "kind", o.kind(), "service", o.service(),
                        "operation", o.operation(), "error", o.errorCode(), "awsStatus", o.status(),
                        "awsRequestId", o.awsRequestId(), "requestId", requestId(event));
                return problem(event, Problem.unavailable("dependency_unavailable", OUTAGE_RETRY_AFTER_SECONDS));
            }
            Log.error("http.unexpected", unexpected, "route", routeKey(event), "requestId", requestId(event));
            return problem(event, new Problem(Problem.Kind.INTERNAL, "internal", null, null, null));
        }
    }

    private static APIGatewayV2HTTPResponse refused(APIGatewayV2HTTPEvent event, Problem problem) {
        Log.info("http.problem", "route", routeKey(event), "status", problem.kind().status,
                "type", problem.kind().slug, "requestId", requestId(event));
        return problem(event, problem);
    }

    public static Response ok(Object body) {
        return new Response(200, body, Map.of(), false);
    }

    /** 201; {@code location} names the created resource, or is null when it has no URL of its own (an upload slot). */
    public static Response created(Object body, String location) {
        return new Response(201, body, location == null ? Map.of() : Map.of("Location", location), false);
    }

    /** 204: done, nothing to say (a logout). */
    public static Response noContent() {
        return new Response(204, null, Map.of(), false);
    }

    public static Response withHeader(Response response, String name, String value) {
        var headers = new HashMap<>(response.headers());
        headers.put(name, value);
        return new Response(response.status(), response.body(), headers, response.binary());
    }

    /** A binary body such as a PNG; API Gateway decodes it from base64 on the way out. */
    public static Response binary(byte[] bytes, String contentType, Map<String, String> headers) {
        var all = new HashMap<>(headers);
        all.put("Content-Type", contentType);
        return new Response(200, bytes, all, true);
    }

    public static String pathParam(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isBlank()) throw Problem.notFound();
        return value;
    }

    /**
     * The query parameters; each one this route does not know is added to {@code check} as
     * {@code unknown_parameter}, so one 400 names every bad parameter, like a body's fields. A
     * parameter without a name ({@code ?=x}) names nothing and is ignored.
     */
    public static Map<String, String> query(APIGatewayV2HTTPEvent event, Check check, java.util.Set<String> allowed) {
        Map<String, String> params = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        params.keySet().stream().filter(name -> !name.isEmpty() && !allowed.contains(name)).sorted()
                .forEach(name -> check.add(name, "unknown_parameter"));
        return params;
    }

    /** An integer query parameter within [min, max], or {@code fallback} when absent; out of range adds to {@code check}. */
    public static int intParam(Check check, Map<String, String> params, String name, int min, int max, int fallback) {
        String raw = params.get(name);
        if (raw == null || raw.isEmpty()) return fallback;
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException ignored) {
            // reported below like any other out-of-range value
        }
        check.add(name, "range", Map.of("min", min, "max", max));
        return fallback;
    }

    /**
     * A non-JSON body (a CSV upload): 415 naming {@code Content-Type} unless it is {@code mediaType},
     * 413 above {@code maxBytes}. An empty body is the reader's to refuse.
     */
    public static byte[] body(APIGatewayV2HTTPEvent event, String mediaType, int maxBytes) {
        String contentType = Json.header(event.getHeaders(), "content-type");
        if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase(mediaType)) {
            throw Problem.unsupportedMediaType(mediaType);
        }
        byte[] body = Json.bodyBytes(event);
        if (body.length > maxBytes) throw Problem.payloadTooLarge(maxBytes);
        return body;
    }

    public static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
        return Optional.ofNullable(Json.header(event.getHeaders(), name)).filter(v -> !v.isBlank());
    }

    private static APIGatewayV2HTTPResponse render(Response response) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.putAll(response.headers());
        var builder = APIGatewayV2HTTPResponse.builder().withStatusCode(response.status());
        if (response.binary()) {
            builder.withIsBase64Encoded(true).withBody(Base64.getEncoder().encodeToString((byte[]) response.body()));
        } else if (response.body() != null) {
            headers.putIfAbsent("Content-Type", JSON);
            builder.withBody(Json.write(response.body()));
        }
        return builder.withHeaders(headers).build();
    }

    static APIGatewayV2HTTPResponse problem(APIGatewayV2HTTPEvent event, Problem problem) {
        boolean english = wantsEnglish(header(event, "accept-language").orElse(""));
        Problem.Kind kind = problem.kind();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", PROBLEM_TYPE_BASE + kind.slug);
        body.put("title", Messages.zh("title." + kind.slug, Map.of()));
        body.put("status", kind.status);
        body.put("detail", Messages.zh(problem.detailCode(), problem.detailArgs()));
        if (english) {
            body.put("title_en", Messages.en("title." + kind.slug, Map.of()));
            body.put("detail_en", Messages.en(problem.detailCode(), problem.detailArgs()));
        }
        String requestId = requestId(event);
        if (requestId != null) body.put("instance", "urn:linli:request:" + requestId);
        problem.extensions().forEach((name, value) -> body.set(name, Json.MAPPER.valueToTree(value)));
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (FieldError error : problem.errors()) {
                ObjectNode item = errors.addObject();
                item.put("field", error.field());
                item.put("code", error.code());
                item.put("message", Messages.zh(error.code(), error.args()));
                if (english) item.put("message_en", Messages.en(error.code(), error.args()));
            }
        }
        Map<String, String> headers = new HashMap<>(problem.headers());
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put("Cache-Control", "no-store");
        if (english) headers.put("Content-Language", "zh-CN, en");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(kind.status)
                .withHeaders(headers)
                .withBody(body.toString())
                .build();
    }

    /**
     * True when Accept-Language (RFC 9110) names English, {@code en} or an {@code en-*} range,
     * with a weight above 0; Chinese stays the primary text either way. {@code *} names no
     * language in particular, so it adds nothing; a header that does not parse asks for nothing.
     */
    static boolean wantsEnglish(String acceptLanguage) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return ranges.stream().anyMatch(r -> r.getWeight() > 0 && (r.getRange().equals("en") || r.getRange().startsWith("en-")));
    }

    private static String routeKey(APIGatewayV2HTTPEvent event) {
        return event.getRouteKey();
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }
}
