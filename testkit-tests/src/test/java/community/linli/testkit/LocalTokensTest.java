package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalTokensTest {
    static final String ISSUER = "http://localhost:3000/local-issuer";
    static final Instant NOW = Instant.parse("2026-11-28T08:15:30Z");
    /** One key for the class: an RSA key pair takes a test JVM a second or more to generate, and no test changes it. */
    static final LocalTokens tokens = LocalTokens.generate(ISSUER, LocalTokens.AUDIENCE, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void mintedToken_verifiesWithThePersonasClaims() throws Exception {
        Persona worker = Persona.gridWorker("G03", "G04");

        var claims = tokens.verify(tokens.mint(worker, Duration.ofHours(12)));

        assertThat(claims).containsEntry("sub", worker.sub())
                .containsEntry("groups", List.of("grid-workers"))
                .containsEntry("community_id", "demo")
                .containsEntry("grid_ids", List.of("G03", "G04"))
                .containsEntry("iss", ISSUER)
                .containsEntry("aud", LocalTokens.AUDIENCE)
                .containsEntry("iat", NOW.getEpochSecond())
                .containsEntry("exp", NOW.plus(Duration.ofHours(12)).getEpochSecond());
    }

    @Test
    void expiredToken_isRefused() {
        String token = tokens.sign(tokens.claims(Persona.resident(), Duration.ofHours(1))
                .expirationTime(Date.from(NOW.minusSeconds(1))).build());

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(LocalTokens.InvalidToken.class).hasMessageContaining("expired");
    }

    @Test
    void tokenNotValidYet_isRefused() {
        String token = tokens.sign(tokens.claims(Persona.resident(), Duration.ofHours(1))
                .notBeforeTime(Date.from(NOW.plusSeconds(60))).build());

        assertThatThrownBy(() -> tokens.verify(token)).hasMessageContaining("not valid yet");
    }

    @Test
    void tokenOfAnotherKeyIssuerOrAudience_isRefused() {
        String otherKey = LocalTokens.generate(ISSUER, LocalTokens.AUDIENCE, Clock.fixed(NOW, ZoneOffset.UTC))
                .mint(Persona.admin(), Duration.ofHours(1));
        String otherIssuer = tokens.sign(tokens.claims(Persona.admin(), Duration.ofHours(1)).issuer("https://elsewhere").build());
        String otherAudience = tokens.sign(tokens.claims(Persona.admin(), Duration.ofHours(1)).audience("another-client").build());

        assertThatThrownBy(() -> tokens.verify(otherKey)).isInstanceOf(LocalTokens.InvalidToken.class);
        assertThatThrownBy(() -> tokens.verify(otherIssuer)).hasMessageContaining("issuer");
        assertThatThrownBy(() -> tokens.verify(otherAudience)).hasMessageContaining("audience");
    }

    @Test
    void accessToken_withClientIdInsteadOfAudience_isAccepted() throws Exception {
        String token = tokens.sign(tokens.claims(Persona.staff(), Duration.ofHours(1))
                .audience(List.of()).claim("client_id", LocalTokens.AUDIENCE).claim("token_use", "access").build());

        assertThat(tokens.verify(token)).containsEntry("client_id", LocalTokens.AUDIENCE);
    }

    @Test
    void hmacSignedToken_isRefusedLikeApiGatewayRefusesNonRsaAlgorithms() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), tokens.claims(Persona.admin(), Duration.ofHours(1)).build());
        jwt.sign(new MACSigner(new byte[32]));

        assertThatThrownBy(() -> tokens.verify(jwt.serialize())).hasMessageContaining("HS256");
        assertThatThrownBy(() -> tokens.verify("not-a-token")).hasMessageContaining("malformed");
    }

    @Test
    void jwks_holdsThePublicKeyOnly() {
        assertThat(tokens.jwks()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
    }
}
