package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {
    static final String ORIGIN = "https://servicewechat.com";
    final Cors cors = new Cors(List.of(ORIGIN), List.of("GET", "POST"), List.of("authorization"), List.of("location"), 600, false);

    @Test
    void response_toAnAllowedOrigin_replacesTheFunctionsCorsHeadersWithTheConfiguredOnes() {
        var fromFunction = new ApiResponse(200, List.of(Map.entry("Access-Control-Allow-Origin", "*"),
                Map.entry("Content-Type", "application/json")), null);

        var response = cors.decorate(request("GET", Map.of("Origin", List.of(ORIGIN))), fromFunction);

        assertThat(response.headerValues("access-control-allow-origin")).containsExactly(ORIGIN);
        assertThat(response.header("access-control-expose-headers")).isEqualTo("location");
        assertThat(response.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void response_toAnotherOrigin_carriesNoCorsHeaders() {
        var fromFunction = new ApiResponse(200, List.of(Map.entry("Access-Control-Allow-Origin", "*")), null);

        var response = cors.decorate(request("GET", Map.of("Origin", List.of("https://evil.example"))), fromFunction);

        assertThat(response.header("access-control-allow-origin")).isNull();
    }

    @Test
    void preflight_needsOriginAndRequestMethod() {
        assertThat(Cors.isPreflight(request("OPTIONS", Map.of("Origin", List.of(ORIGIN))))).isFalse();
        assertThat(Cors.isPreflight(request("OPTIONS", Map.of("Origin", List.of(ORIGIN),
                "Access-Control-Request-Method", List.of("POST"))))).isTrue();
    }

    @Test
    void preflight_withWildcards_echoesWhatWasAsked() {
        var response = Cors.allowAll().preflight(request("OPTIONS", Map.of("Origin", List.of("http://localhost:5173"),
                "Access-Control-Request-Method", List.of("PATCH"), "Access-Control-Request-Headers", List.of("if-match"))));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("access-control-allow-origin")).isEqualTo("*");
        assertThat(response.header("access-control-allow-methods")).isEqualTo("PATCH");
        assertThat(response.header("access-control-allow-headers")).isEqualTo("if-match");
    }

    static ApiRequest request(String method, Map<String, List<String>> headers) {
        return new ApiRequest(method, "/requests", "", headers, null, "127.0.0.1", "HTTP/1.1");
    }
}
