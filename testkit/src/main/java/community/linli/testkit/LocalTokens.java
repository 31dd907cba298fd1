package community.linli.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An issuer with an RS256 key made in memory (never written anywhere), for tests of the JWT
 * authorizer itself: tokens for {@link Persona}s with the claims AuthFunction writes, and tokens
 * the authorizer must refuse (signed by a key nobody published, expired, for another audience).
 * The local app's real tokens come from AuthFunction, signed by KMS; {@link #verify} and
 * {@link #verify(String, JWKSet, String, String, Clock)} are the authorizer's checks for both.
 *
 * <p>Claims: {@code sub}, {@code groups} (a JSON list), {@code community_id}, {@code grid_ids} (a
 * JSON list), {@code staff_id} (when linked to the staff registry), {@code iss}, {@code aud}, {@code iat} and {@code exp}.
 */
public final class LocalTokens {
    public static final String AUDIENCE = "linli-local";
    /** API Gateway's JWT authorizer accepts RSA signatures only. */
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private final RSAKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private LocalTokens(RSAKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** A fresh signing key for {@code issuer}, audience {@value #AUDIENCE}. */
    public static LocalTokens generate(String issuer) {
        return generate(issuer, AUDIENCE, Clock.systemUTC());
    }

    public static LocalTokens generate(String issuer, String audience, Clock clock) {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            return new LocalTokens(key, issuer, audience, clock);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** An ID token for {@code persona}, issued now and valid for {@code validity}. */
    public String mint(Persona persona, Duration validity) {
        return sign(claims(persona, validity).build());
    }

    /** The claims {@link #mint} signs, for a test that needs one of them changed (expired, another audience). */
    public JWTClaimsSet.Builder claims(Persona persona, Duration validity) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(persona.sub())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .claim("groups", List.copyOf(persona.groups()))
                .claim("grid_ids", List.copyOf(persona.gridIds()));
        if (persona.communityId() != null) claims.claim("community_id", persona.communityId());
        if (persona.staffId() != null) claims.claim("staff_id", persona.staffId());
        return claims;
    }

    /** Signs any claims with this key. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /**
     * Checks {@code token} as the JWT authorizer does: an RSA signature by a key of the issuer's
     * key set ({@code kid}), {@code iss}, {@code aud} (or {@code client_id} for access tokens),
     * {@code exp} in the future, {@code nbf} and {@code iat} not in the future.
     *
     * @return the token's claims as JSON values (strings, numbers, lists, objects)
     * @throws InvalidToken with the reason API Gateway would put in {@code WWW-Authenticate}
     */
    public Map<String, Object> verify(String token) throws InvalidToken {
        return verify(token, new JWKSet(key.toPublicJWK()), issuer, audience, clock);
    }

    /**
     * The JWT authorizer's checks of {@code token} against the issuer's published {@code keys}: an
     * RSA signature by the key its {@code kid} names, {@code iss}, {@code aud} (or {@code client_id}),
     * {@code exp} in the future, {@code nbf} and {@code iat} not in the future.
     */
    public static Map<String, Object> verify(String token, JWKSet keys, String issuer, String audience, Clock clock)
            throws InvalidToken {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidToken("the token is malformed");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!RSA.contains(algorithm)) throw new InvalidToken("signing method " + algorithm + " is invalid");
        var jwk = jwt.getHeader().getKeyID() == null ? null : keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (!(jwk instanceof RSAKey rsa)) throw new InvalidToken("the token's key is not in the issuer's key set");
        try {
            if (!jwt.verify(new RSASSAVerifier(rsa.toRSAPublicKey()))) throw new InvalidToken("signature is invalid");
        } catch (JOSEException e) {
            throw new InvalidToken("signature is invalid");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidToken("the token's claims are malformed");
        }
        if (!issuer.equals(claims.getIssuer())) throw new InvalidToken("the token has an invalid issuer");
        Object clientId = claims.getClaim("client_id");
        boolean audienceMatches = claims.getAudience() != null && !claims.getAudience().isEmpty()
                ? claims.getAudience().contains(audience)
                : audience.equals(clientId);
        if (!audienceMatches) throw new InvalidToken("the token does not have a valid audience");
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) throw new InvalidToken("the token has no expiry");
        if (!claims.getExpirationTime().toInstant().isAfter(now)) throw new InvalidToken("the token has expired");
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now)) {
            throw new InvalidToken("the token is not valid yet");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now)) {
            throw new InvalidToken("the token was issued in the future");
        }
        return jwt.getPayload().toJSONObject();
    }

    /** The public half of the key as a JSON Web Key Set, what the issuer's {@code jwks_uri} serves. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A token the authorizer refuses; the message is the {@code error_description} API Gateway would give. */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String reason) {
            super(reason);
        }
    }
}
