package community.linli.platform.http;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on, rendered by {@link Http#respond} as an RFC 9457
 * {@code application/problem+json} body. {@code kind} selects the type URI and title;
 * {@code detail} is a message code from {@link Messages}.
 */
public final class Problem extends RuntimeException {
    private final Kind kind;
    private final String detailCode;
    private final Map<String, Object> detailArgs;
    private final List<FieldError> errors;
    private final Map<String, String> headers;
    private final Map<String, Object> extensions;

    public enum Kind {
        VALIDATION(400, "validation"),
        UNAUTHORIZED(401, "unauthorized"),
        FORBIDDEN(403, "forbidden"),
        NOT_FOUND(404, "not-found"),
        CONFLICT(409, "conflict"),
        VERSION_CONFLICT(409, "version-conflict"),
        IDEMPOTENCY_MISMATCH(422, "idempotency-key-reused"),
        EMERGENCY(422, "emergency"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
        TOO_MANY_REQUESTS(429, "too-many-requests"),
        INTERNAL(500, "internal"),
        UNAVAILABLE(503, "unavailable");

        public final int status;
        public final String slug;

        Kind(int status, String slug) {
            this.status = status;
            this.slug = slug;
        }
    }

    public Problem(Kind kind, String detailCode, Map<String, Object> detailArgs, List<FieldError> errors, Map<String, String> headers) {
        this(kind, detailCode, detailArgs, errors, headers, Map.of());
    }

    /** {@code extensions} become extra members of the problem body (RFC 9457 section 3.2). */
    public Problem(Kind kind, String detailCode, Map<String, Object> detailArgs, List<FieldError> errors,
                   Map<String, String> headers, Map<String, Object> extensions) {
        super(kind.slug + ": " + detailCode, null, false, false);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.kind = kind;
        this.detailCode = detailCode;
        this.detailArgs = detailArgs == null ? Map.of() : Map.copyOf(detailArgs);
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(Kind.VALIDATION, "validation", Map.of("count", errors.size()), errors, null);
    }

    public static Problem invalid(String field, String code, Map<String, Object> args) {
        return invalid(List.of(new FieldError(field, code, args)));
    }

    public static Problem invalid(String field, String code) {
        return invalid(field, code, Map.of());
    }

    public static Problem unauthorized() {
        return new Problem(Kind.UNAUTHORIZED, "unauthorized", null, null, Map.of("WWW-Authenticate", "Bearer"));
    }

    /** The credential in {@code field} (a sign-in code, a refresh token) is invalid, used or expired. */
    public static Problem unauthorized(String field, String detailCode) {
        return new Problem(Kind.UNAUTHORIZED, detailCode, null, List.of(new FieldError(field, detailCode)), null);
    }

    /** A dependency limits our rate; the client may retry after {@code retryAfterSeconds}. */
    public static Problem tooManyRequests(String detailCode, int retryAfterSeconds) {
        return new Problem(Kind.TOO_MANY_REQUESTS, detailCode, null, null, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** A dependency is busy, failing or too slow; the client may retry after {@code retryAfterSeconds}. */
    public static Problem unavailable(String detailCode, int retryAfterSeconds) {
        return new Problem(Kind.UNAVAILABLE, detailCode, null, null, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public static Problem forbidden(String detailCode) {
        return new Problem(Kind.FORBIDDEN, detailCode, null, null, null);
    }

    public static Problem notFound() {
        return new Problem(Kind.NOT_FOUND, "not_found", null, null, null);
    }

    public static Problem conflict(String detailCode) {
        return new Problem(Kind.CONFLICT, detailCode, null, null, null);
    }

    public static Problem versionConflict(long currentVersion) {
        return new Problem(Kind.VERSION_CONFLICT, "version_conflict", Map.of("current", currentVersion), null, null);
    }

    public static Problem idempotencyMismatch() {
        return new Problem(Kind.IDEMPOTENCY_MISMATCH, "idempotency_mismatch", null,
                List.of(new FieldError("Idempotency-Key", "idempotency_mismatch")), null);
    }

    /**
     * A request that must not wait in an inbox: the resident is told to call {@code phone} now.
     * {@code messageEn} is the message for English clients; without one they read a general
     * English sentence, never the Chinese message.
     */
    public static Problem emergency(String field, String message, String messageEn, String phone) {
        Map<String, Object> args = Map.of("message", message, "phone", phone,
                "message_en", messageEn != null ? messageEn : Messages.en("emergency_unnamed", Map.of()));
        return new Problem(Kind.EMERGENCY, "emergency", args, List.of(new FieldError(field, "emergency", args)), null, Map.of("call", phone));
    }

    /** The request's state does not allow this move now (and retrying will not help). */
    public static Problem conflict(String detailCode, Map<String, Object> args) {
        return new Problem(Kind.CONFLICT, detailCode, args, null, null);
    }

    public static Problem payloadTooLarge(int maxBytes) {
        return new Problem(Kind.PAYLOAD_TOO_LARGE, "payload_too_large", Map.of("max", maxBytes),
                List.of(new FieldError("body", "payload_too_large", Map.of("max", maxBytes))), null);
    }

    public static Problem unsupportedMediaType(String expected) {
        return new Problem(Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", Map.of("expected", expected),
                List.of(new FieldError("Content-Type", "unsupported_media_type", Map.of("expected", expected))), null);
    }

    /** The same problem with every field path prefixed, for errors raised inside a nested value. */
    public Problem under(String prefix) {
        return new Problem(kind, detailCode, detailArgs, errors.stream().map(e -> e.under(prefix)).toList(), headers, extensions);
    }

    public Kind kind() { return kind; }
    public String detailCode() { return detailCode; }
    public Map<String, Object> detailArgs() { return detailArgs; }
    public List<FieldError> errors() { return errors; }
    public Map<String, String> headers() { return headers; }
    public Map<String, Object> extensions() { return extensions; }
}
