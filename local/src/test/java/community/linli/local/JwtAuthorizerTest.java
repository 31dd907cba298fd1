package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalTokens;
import community.linli.testkit.Persona;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtAuthorizerTest {
    /** One key for the class: an RSA key pair takes a test JVM a second or more to generate, and no test changes it. */
    static final LocalTokens tokens = LocalTokens.generate("http://localhost:3000/local-issuer");
    final JwtAuthorizer authorizer = new JwtAuthorizer(tokens::verify, JwtAuthorizer.headerOf("$request.header.Authorization"));

    @Test
    void claims_reachTheFunctionAsApiGatewayRendersThem() {
        assertThat(JwtAuthorizer.render(List.of("staff", "admins"))).isEqualTo("[staff admins]");
        assertThat(JwtAuthorizer.render(1795000000L)).isEqualTo("1795000000");
        assertThat(JwtAuthorizer.render(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(JwtAuthorizer.render(true)).isEqualTo("true");
        assertThat(JwtAuthorizer.render(Map.of("b", 2L, "a", "x"))).isEqualTo("map[a:x b:2]");
    }

    @Test
    void token_withOrWithoutBearer_isAllowedWithThePersonasClaims() {
        Persona staff = Persona.staff();
        String token = tokens.mint(staff, Duration.ofMinutes(5));

        var withBearer = authorizer.authorize(request("Bearer " + token));
        var bare = authorizer.authorize(request(token));
        var lowerCase = authorizer.authorize(request("bearer " + token));

        assertThat(withBearer).isInstanceOfSatisfying(JwtAuthorizer.Allowed.class,
                allowed -> assertThat(allowed.claims()).containsAllEntriesOf(staff.claims()));
        assertThat(bare).isInstanceOf(JwtAuthorizer.Allowed.class);
        assertThat(lowerCase).isInstanceOf(JwtAuthorizer.Allowed.class);
    }

    @Test
    void missingOrEmptyHeader_isDeniedWithoutReason() {
        assertThat(authorizer.authorize(request(null))).isEqualTo(new JwtAuthorizer.Denied(null));
        assertThat(authorizer.authorize(request("Bearer "))).isEqualTo(new JwtAuthorizer.Denied(null));
    }

    @Test
    void denial_isApiGatewaysExact401() {
        var response = new JwtAuthorizer.Denied("the token has expired").response();

        assertThat(response.status()).isEqualTo(401);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.header("www-authenticate")).contains("error=\"invalid_token\"").contains("the token has expired");
    }

    @Test
    void scopeClaim_becomesTheScopesList() {
        String token = tokens.sign(tokens.claims(Persona.staff(), Duration.ofMinutes(5)).claim("scope", "linli/read linli/write").build());

        var outcome = authorizer.authorize(request(token));

        assertThat(outcome).isInstanceOfSatisfying(JwtAuthorizer.Allowed.class,
                allowed -> assertThat(allowed.scopes()).containsExactly("linli/read", "linli/write"));
    }

    static ApiRequest request(String authorization) {
        Map<String, List<String>> headers = authorization == null ? Map.of() : Map.of("Authorization", List.of(authorization));
        return new ApiRequest("GET", "/", "", headers, null, "127.0.0.1", "HTTP/1.1");
    }
}
