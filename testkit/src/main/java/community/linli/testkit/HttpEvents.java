package community.linli.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import community.linli.platform.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP API payload 2.0 events for tests, starting from a real fixture in {@code events/} (read
 * the way the Lambda runtime reads it) and changing only what a test is about.
 */
public final class HttpEvents {
    private final APIGatewayV2HTTPEvent event;

    private HttpEvents(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** The fixture {@code events/<name>} as the runtime would deliver it. */
    public static APIGatewayV2HTTPEvent fixture(String name) {
        return LambdaJson.read(fixtureJson(name), APIGatewayV2HTTPEvent.class);
    }

    public static String fixtureJson(String name) {
        try {
            return Files.readString(Repo.file("events/" + name));
        } catch (IOException e) {
            throw new IllegalStateException("Missing fixture events/" + name, e);
        }
    }

    public static HttpEvents from(String fixtureName) {
        HttpEvents events = new HttpEvents(fixture(fixtureName));
        events.event.setHeaders(new HashMap<>(events.event.getHeaders()));
        events.event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        return events;
    }

    /** Points the event at another route, as API Gateway would have matched it. */
    public HttpEvents route(String method, String pathTemplate, String rawPath, Map<String, String> pathParameters) {
        event.setRouteKey(method + " " + pathTemplate);
        event.getRequestContext().setRouteKey(method + " " + pathTemplate);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        event.setRawPath(rawPath);
        event.setPathParameters(pathParameters == null || pathParameters.isEmpty() ? null : new HashMap<>(pathParameters));
        return this;
    }

    public HttpEvents pathParameter(String name, String value) {
        Map<String, String> params = event.getPathParameters() == null ? new HashMap<>() : new HashMap<>(event.getPathParameters());
        params.put(name, value);
        event.setPathParameters(params);
        String template = event.getRouteKey().split(" ", 2)[1];
        String path = template;
        for (var entry : params.entrySet()) path = path.replace("{" + entry.getKey() + "}", entry.getValue());
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        return this;
    }

    public HttpEvents query(String name, String value) {
        Map<String, String> params = event.getQueryStringParameters() == null ? new HashMap<>() : new HashMap<>(event.getQueryStringParameters());
        params.put(name, value);
        event.setQueryStringParameters(params);
        StringBuilder raw = new StringBuilder();
        params.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        event.setRawQueryString(raw.toString());
        return this;
    }

    public HttpEvents clearQuery() {
        event.setQueryStringParameters(null);
        event.setRawQueryString("");
        return this;
    }

    public HttpEvents as(Persona persona) {
        event.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(persona.claims()));
        return this;
    }

    /** As if no authorizer had run: what a handler sees if a route were ever left unprotected. */
    public HttpEvents anonymous() {
        event.getRequestContext().setAuthorizer(null);
        event.getHeaders().remove("authorization");
        return this;
    }

    public HttpEvents header(String name, String value) {
        if (value == null) event.getHeaders().remove(name.toLowerCase(java.util.Locale.ROOT));
        else event.getHeaders().put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    /** A raw body, sent as is. */
    public HttpEvents body(String body) {
        event.setBody(body);
        event.setIsBase64Encoded(false);
        if (body != null) {
            event.getHeaders().put("content-length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        return this;
    }

    /** Bytes as API Gateway passes a body it does not treat as text: base64, {@code isBase64Encoded}. */
    public HttpEvents base64Body(byte[] body) {
        event.setBody(java.util.Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        event.getHeaders().put("content-length", Integer.toString(body.length));
        return this;
    }

    /** A JSON body written by the shared mapper. */
    public HttpEvents json(Object body) {
        header("content-type", "application/json");
        return body(Json.write(body));
    }

    public APIGatewayV2HTTPEvent build() {
        return LambdaJson.roundTrip(event);
    }
}
