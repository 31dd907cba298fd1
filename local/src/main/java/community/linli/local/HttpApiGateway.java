package community.linli.local;

import community.linli.testkit.LocalAws;
import community.linli.testkit.Provisioned;
import community.linli.testkit.Template;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What API Gateway does between a client and a function for the template's {@code HttpApi}, in
 * its order: answer CORS preflights itself, refuse bodies over 10 MB (413), find the route (404),
 * run the JWT authorizer on protected routes (401), build the payload 2.0 event, invoke the
 * function, read its response (500 when the function fails or answers nonsense), then add the CORS
 * headers. The gateway's own answers carry API Gateway's exact bodies, such as
 * {@code {"message":"Unauthorized"}}.
 *
 * <p>The console gets one line per request: method, route, function, status and time; never a
 * body, a query string or a header value.
 */
final class HttpApiGateway {
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final Routes routes;
    private final JwtAuthorizer authorizer;
    private final Optional<Cors> cors;
    private final Map<String, LocalFunction> functions;
    private final PrintStream console;
    private final int port;

    HttpApiGateway(Routes routes, JwtAuthorizer authorizer, Optional<Cors> cors, Map<String, LocalFunction> functions,
                   PrintStream console, int port) {
        this.routes = routes;
        this.authorizer = authorizer;
        this.cors = cors;
        this.functions = Map.copyOf(functions);
        this.console = console;
        this.port = port;
        for (Template.Route route : routes.all()) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException(route.routeKey() + " names " + route.functionLogicalId() + ", which is not loaded");
            }
        }
    }

    /**
     * Every {@code AWS::Serverless::HttpApi} of the template on one port (their paths do not
     * overlap): all their routes, the JWT authorizer of the API that has one (checking tokens with
     * {@code verifier}), and that API's CORS configuration.
     */
    static HttpApiGateway fromTemplate(LocalAws aws, TokenVerifier verifier, Map<String, LocalFunction> functions,
                                       PrintStream console, int port) {
        Template template = aws.template();
        List<String> apis = template.logicalIdsOfType("AWS::Serverless::HttpApi");
        String main = apis.stream().filter(api -> map(template.properties(api).get("Auth")).get("DefaultAuthorizer") != null)
                .findFirst().orElse(apis.isEmpty() ? null : apis.getFirst());
        Map<String, Object> properties = main == null ? Map.of() : template.properties(main);
        Map<String, Object> auth = map(properties.get("Auth"));
        Map<String, Object> authorizers = map(auth.get("Authorizers"));
        Object defaultName = auth.get("DefaultAuthorizer");
        Map<String, Object> jwt = map(authorizers.get(String.valueOf(defaultName)));
        if (jwt.isEmpty() && !authorizers.isEmpty()) jwt = map(authorizers.values().iterator().next());
        String identitySource = jwt.get("IdentitySource") == null ? null : aws.provisioned().resolve(jwt.get("IdentitySource"));
        JwtAuthorizer authorizer = new JwtAuthorizer(verifier, JwtAuthorizer.headerOf(identitySource));
        return new HttpApiGateway(new Routes(template.httpApiRoutes()), authorizer,
                cors(aws.provisioned(), properties.get("CorsConfiguration")), functions, console, port);
    }

    /** The first audience the JWT authorizer of the template's main HttpApi accepts, resolved. */
    static Optional<String> jwtAudience(LocalAws aws) {
        Template template = aws.template();
        for (String api : template.logicalIdsOfType("AWS::Serverless::HttpApi")) {
            Map<String, Object> auth = map(template.properties(api).get("Auth"));
            Object name = auth.get("DefaultAuthorizer");
            if (name == null) continue;
            Map<String, Object> jwt = map(map(map(auth.get("Authorizers")).get(String.valueOf(name))).get("JwtConfiguration"));
            if (jwt.get("audience") instanceof List<?> audiences && !audiences.isEmpty()) {
                return Optional.of(aws.provisioned().resolve(audiences.getFirst()));
            }
        }
        return Optional.empty();
    }

    ApiResponse handle(ApiRequest request) {
        long started = System.nanoTime();
        String requestId = HttpApiEvent.newRequestId();
        Outcome outcome = respond(request, requestId);
        ApiResponse response = outcome.response();
        if (!outcome.preflight() && cors.isPresent()) response = cors.get().decorate(request, response);
        response = response.withHeaders(List.of(Map.entry("apigw-requestid", requestId)));
        console.printf("[api] %s %s%s %d%s (%d ms)%n", request.method(), outcome.route(),
                outcome.function() == null ? "" : " -> " + outcome.function(), response.status(),
                outcome.note() == null ? "" : " " + outcome.note(), (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private record Outcome(ApiResponse response, String route, String function, String note, boolean preflight) {}

    private Outcome respond(ApiRequest request, String requestId) {
        String path = request.rawPath();
        if (cors.isPresent() && Cors.isPreflight(request)) {
            return new Outcome(cors.get().preflight(request), path, null, "CORS preflight", true);
        }
        if (request.body().length > MAX_BODY_BYTES) {
            return new Outcome(ApiResponse.message(413, "Request Entity Too Large", Map.of()), path, null, "body over 10 MB", false);
        }
        Optional<Routes.Match> match = routes.match(request.method(), request.rawPath());
        if (match.isEmpty()) {
            return new Outcome(ApiResponse.message(404, "Not Found", Map.of()), path, null, "no route", false);
        }
        Template.Route route = match.get().route();
        String routePath = route.path();
        JwtAuthorizer.Allowed allowed = null;
        if (route.authorized()) {
            switch (authorizer.authorize(request)) {
                case JwtAuthorizer.Denied denied -> {
                    return new Outcome(denied.response(), routePath, null,
                            denied.reason() == null ? "no token" : denied.reason(), false);
                }
                case JwtAuthorizer.Allowed a -> allowed = a;
            }
        }
        String event = HttpApiEvent.build(request, match.get(), allowed, requestId, Instant.now(), port).toString();
        LocalFunction function = functions.get(route.functionLogicalId());
        try {
            return new Outcome(HttpApiResponse.from(function.invoke(event)), routePath, function.logicalId(), null, false);
        } catch (LocalFunction.Failed e) {
            return new Outcome(internalServerError(), routePath, function.logicalId(), "function error " + e.errorType(), false);
        } catch (IllegalArgumentException e) {
            return new Outcome(internalServerError(), routePath, function.logicalId(), "malformed response: " + e.getMessage(), false);
        }
    }

    static ApiResponse internalServerError() {
        return ApiResponse.message(500, "Internal Server Error", Map.of());
    }

    private static Optional<Cors> cors(Provisioned provisioned, Object configuration) {
        if (configuration == null || Boolean.FALSE.equals(configuration)) return Optional.empty();
        if (Boolean.TRUE.equals(configuration) || "true".equals(configuration)) return Optional.of(Cors.allowAll());
        Map<String, Object> c = map(configuration);
        Object maxAge = c.get("MaxAge");
        return Optional.of(new Cors(strings(provisioned, c.get("AllowOrigins")), strings(provisioned, c.get("AllowMethods")),
                strings(provisioned, c.get("AllowHeaders")), strings(provisioned, c.get("ExposeHeaders")),
                maxAge == null ? null : Integer.valueOf(provisioned.resolve(maxAge)),
                "true".equals(provisioned.resolve(c.get("AllowCredentials")))));
    }

    private static List<String> strings(Provisioned provisioned, Object value) {
        return value instanceof List<?> list ? list.stream().map(provisioned::resolve).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
