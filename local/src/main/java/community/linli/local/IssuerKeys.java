package community.linli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import community.linli.platform.Json;
import community.linli.testkit.LocalTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How API Gateway's JWT authorizer trusts an issuer: it reads
 * {@code <issuer>/.well-known/openid-configuration}, then the key set at its {@code jwks_uri},
 * keeps the keys, and fetches them again when a token names a key it does not have (at most every
 * {@value #REFETCH_SECONDS} s). A token then passes {@link LocalTokens#verify(String, JWKSet,
 * String, String, Clock)}. Locally the issuer is AuthFunction behind this same gateway.
 */
final class IssuerKeys implements TokenVerifier {
    static final int REFETCH_SECONDS = 10;

    private final URI issuer;
    private final String audience;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JWKSet keys = new JWKSet();
    private Instant fetched = Instant.MIN;

    IssuerKeys(URI issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> verify(String token) throws LocalTokens.InvalidToken {
        try {
            return LocalTokens.verify(token, keys(), issuer.toString(), audience, clock);
        } catch (LocalTokens.InvalidToken unknownKey) {
            if (!refetch()) throw unknownKey;
            return LocalTokens.verify(token, keys(), issuer.toString(), audience, clock);
        }
    }

    private synchronized JWKSet keys() {
        return keys;
    }

    /** Fetches the key set again unless that happened moments ago; true when it did. */
    private synchronized boolean refetch() throws LocalTokens.InvalidToken {
        Instant now = clock.instant();
        if (now.isBefore(fetched.plusSeconds(REFETCH_SECONDS))) return false;
        fetched = now;
        try {
            JsonNode discovery = Json.parse(get(URI.create(issuer + "/.well-known/openid-configuration")), JsonNode.class);
            if (!issuer.toString().equals(discovery.path("issuer").asText())) {
                throw new LocalTokens.InvalidToken("the issuer's discovery document names another issuer");
            }
            keys = JWKSet.parse(get(URI.create(discovery.path("jwks_uri").asText())));
            return true;
        } catch (IOException | ParseException | RuntimeException e) {
            throw new LocalTokens.InvalidToken("the issuer's keys could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalTokens.InvalidToken("interrupted while reading the issuer's keys");
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException(uri + " answered " + response.statusCode());
        return response.body();
    }
}
