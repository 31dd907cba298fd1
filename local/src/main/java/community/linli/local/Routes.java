package community.linli.local;

import community.linli.testkit.Template;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes, chosen as API Gateway chooses them: the most specific path wins (a literal
 * segment beats {@code {param}}, which beats greedy {@code {proxy+}}), then a route for the exact
 * method beats {@code ANY}. Path parameters arrive percent-decoded, as HTTP APIs deliver them; a
 * greedy parameter holds the rest of the path without its leading slash.
 */
final class Routes {
    /** A route and the path parameters the request gave it. */
    record Match(Template.Route route, Map<String, String> pathParameters) {}

    private record Compiled(Template.Route route, List<String> segments, int[] ranks) {}

    private static final int LITERAL = 0;
    private static final int PARAMETER = 1;
    private static final int GREEDY = 2;

    private final List<Compiled> routes;

    Routes(List<Template.Route> routes) {
        this.routes = routes.stream().map(Routes::compile).toList();
    }

    List<Template.Route> all() {
        return routes.stream().map(Compiled::route).toList();
    }

    Optional<Match> match(String method, String rawPath) {
        List<String> segments = segments(rawPath).stream().map(Routes::decode).toList();
        record Candidate(Compiled route, Map<String, String> parameters) {}
        return routes.stream()
                .filter(r -> r.route().method().equals(method) || r.route().method().equals("ANY"))
                .map(r -> new Candidate(r, bind(r, segments)))
                .filter(c -> c.parameters() != null)
                .min(Comparator.<Candidate, int[]>comparing(c -> c.route().ranks(), Arrays::compare)
                        .thenComparing(c -> c.route().route().method().equals("ANY")))
                .map(c -> new Match(c.route().route(), c.parameters()));
    }

    /** The parameters when {@code segments} fit the route's path, else null. */
    private static Map<String, String> bind(Compiled route, List<String> segments) {
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> template = route.segments();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            int rank = route.ranks()[i];
            if (rank == GREEDY) {
                String rest = i >= segments.size() ? "" : String.join("/", segments.subList(i, segments.size()));
                if (rest.isEmpty()) return null;
                parameters.put(name(part), rest);
                return parameters;
            }
            if (i >= segments.size()) return null;
            String actual = segments.get(i);
            if (rank == PARAMETER) {
                if (actual.isEmpty()) return null;
                parameters.put(name(part), actual);
            } else if (!part.equals(actual)) {
                return null;
            }
        }
        return segments.size() == template.size() ? parameters : null;
    }

    private static Compiled compile(Template.Route route) {
        List<String> segments = segments(route.path());
        int[] ranks = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            boolean variable = s.startsWith("{") && s.endsWith("}");
            ranks[i] = !variable ? LITERAL : s.endsWith("+}") ? GREEDY : PARAMETER;
            if (ranks[i] == GREEDY && i != segments.size() - 1) {
                throw new IllegalArgumentException(route.routeKey() + ": a greedy {name+} must be the last segment");
            }
        }
        return new Compiled(route, segments, ranks);
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    private static String name(String variable) {
        return variable.substring(1, variable.length() - 1).replace("+", "");
    }

    /** Percent-decoding of one path segment; unlike a query string, '+' is a plus sign here. */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
