package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.testkit.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    final Routes routes = new Routes(List.of(
            route("GET", "/requests/{id}"),
            route("GET", "/requests/mine"),
            route("ANY", "/requests/{proxy+}"),
            route("POST", "/requests"),
            route("ANY", "/files/{proxy+}"),
            route("GET", "/files/{proxy+}")));

    @Test
    void literalSegment_winsOverAPathParameter() {
        var match = routes.match("GET", "/requests/mine");

        assertThat(match).hasValueSatisfying(m -> assertThat(m.route().routeKey()).isEqualTo("GET /requests/mine"));
    }

    @Test
    void pathParameter_winsOverAGreedyOne_andIsDecoded() {
        var match = routes.match("GET", "/requests/261128-0001%20x");

        assertThat(match).hasValueSatisfying(m -> {
            assertThat(m.route().routeKey()).isEqualTo("GET /requests/{id}");
            assertThat(m.pathParameters()).isEqualTo(Map.of("id", "261128-0001 x"));
        });
    }

    @Test
    void greedyParameter_takesTheRestOfThePath() {
        var match = routes.match("DELETE", "/requests/261128-0001/photos/2");

        assertThat(match).hasValueSatisfying(m -> {
            assertThat(m.route().routeKey()).isEqualTo("ANY /requests/{proxy+}");
            assertThat(m.pathParameters()).isEqualTo(Map.of("proxy", "261128-0001/photos/2"));
        });
    }

    @Test
    void exactMethod_winsOverAnyForTheSamePath() {
        var match = routes.match("GET", "/files/a/b.png");

        assertThat(match).hasValueSatisfying(m -> assertThat(m.route().routeKey()).isEqualTo("GET /files/{proxy+}"));
    }

    @Test
    void plusInAPath_staysAPlus() {
        var match = routes.match("GET", "/requests/a+b");

        assertThat(match).hasValueSatisfying(m -> assertThat(m.pathParameters()).containsEntry("id", "a+b"));
    }

    @Test
    void otherMethodOnAKnownPath_orATrailingSlash_matchesNothing() {
        assertThat(routes.match("PUT", "/requests")).isEmpty();
        assertThat(routes.match("POST", "/requests/")).isEmpty();
        assertThat(routes.match("GET", "/files")).as("a greedy parameter needs at least one segment").isEmpty();
    }

    @Test
    void greedyParameter_beforeTheLastSegment_isRefused() {
        assertThatThrownBy(() -> new Routes(List.of(route("GET", "/{proxy+}/x")))).hasMessageContaining("last segment");
    }

    static Template.Route route(String method, String path) {
        return new Template.Route(method, path, "SomeFunction", "Event", true);
    }
}
