package community.linli.local;

import community.linli.testkit.LocalTokens;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The HTTP API's JWT authorizer. The token comes from the identity source header, with or without
 * the {@code Bearer } prefix. No token, or one its {@link TokenVerifier} refuses (the issuer's
 * published keys, {@code iss}, {@code aud}, {@code exp}, {@code nbf}), ends the request with 401
 * before any function runs. A valid
 * token's claims reach the function as API Gateway hands them over: every value a string, a list
 * rendered {@code [a b]}, an object {@code map[k:v]}; {@code scope} becomes the scopes list.
 */
final class JwtAuthorizer {
    sealed interface Outcome permits Allowed, Denied {}

    record Allowed(Map<String, String> claims, List<String> scopes) implements Outcome {}

    /** {@code reason} is null when there was no token at all. */
    record Denied(String reason) implements Outcome {
        ApiResponse response() {
            Map<String, String> headers = reason == null ? Map.of()
                    : Map.of("www-authenticate", "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + reason + "\"");
            return ApiResponse.message(401, "Unauthorized", headers);
        }
    }

    private final TokenVerifier tokens;
    private final String identityHeader;

    JwtAuthorizer(TokenVerifier tokens, String identityHeader) {
        this.tokens = tokens;
        this.identityHeader = identityHeader;
    }

    /** The header of an identity source such as {@code $request.header.Authorization}. */
    static String headerOf(String identitySource) {
        String prefix = "$request.header.";
        if (identitySource == null) return "authorization";
        if (!identitySource.startsWith(prefix)) {
            throw new IllegalArgumentException("Only header identity sources run locally, not " + identitySource);
        }
        return identitySource.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }

    Outcome authorize(ApiRequest request) {
        String value = request.header(identityHeader);
        String token = value == null ? "" : value.strip();
        if (token.regionMatches(true, 0, "Bearer", 0, 6) && (token.length() == 6 || Character.isWhitespace(token.charAt(6)))) {
            token = token.substring(6).strip();
        }
        if (token.isEmpty()) return new Denied(null);
        try {
            Map<String, Object> claims = tokens.verify(token);
            Map<String, String> rendered = new LinkedHashMap<>();
            claims.forEach((name, claim) -> {
                if (claim != null) rendered.put(name, render(claim));
            });
            Object scope = claims.get("scope");
            List<String> scopes = scope instanceof String s && !s.isBlank() ? List.of(s.strip().split("\\s+")) : null;
            return new Allowed(rendered, scopes);
        } catch (LocalTokens.InvalidToken e) {
            return new Denied(e.getMessage());
        }
    }

    /** A claim value the way API Gateway prints it for a function. */
    static String render(Object claim) {
        return switch (claim) {
            case null -> "null";
            case String s -> s;
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case Double d when d == Math.rint(d) && !d.isInfinite() -> Long.toString(d.longValue());
            case List<?> list -> list.stream().map(JwtAuthorizer::render).collect(Collectors.joining(" ", "[", "]"));
            case Map<?, ?> map -> new TreeMap<>(map).entrySet().stream()
                    .map(e -> e.getKey() + ":" + render(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
            default -> String.valueOf(claim);
        };
    }
}
