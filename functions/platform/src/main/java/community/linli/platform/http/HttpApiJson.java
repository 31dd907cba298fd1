package community.linli.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP API payload 2.0 events and responses as bytes, with the platform's mapper, in place of the
 * Lambda runtime's serialization library.
 *
 * <p>Both directions go field by field, through a JSON tree in and a generator out, not through
 * Jackson's bean mapping: introspecting the event's ten classes and the response class cost a cold
 * start more than everything else the mapping does (see the README's Benchmarks). Events are read
 * leniently where {@link Json#MAPPER} is strict with clients: fields we do not model are ignored
 * (API Gateway adds fields over time), and a {@code null} or absent value stays {@code null}
 * ({@code false} or 0 for a primitive). Responses carry the names the runtime's own serializer
 * gives them ({@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code cookies},
 * {@code body}, {@code isBase64Encoded}), without the {@code null}s it would add, which API Gateway
 * treats as absent. HttpApiJsonTest holds both against that serializer.
 */
public final class HttpApiJson {
    private HttpApiJson() {}

    public static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        return event(Json.MAPPER.readTree(input));
    }

    public static APIGatewayV2HTTPEvent read(byte[] json) throws IOException {
        return event(Json.MAPPER.readTree(json));
    }

    /** The event from its JSON, already read: for an entry point that looked at it first. */
    public static APIGatewayV2HTTPEvent event(JsonNode json) {
        var event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(json, "version"));
        event.setRouteKey(text(json, "routeKey"));
        event.setRawPath(text(json, "rawPath"));
        event.setRawQueryString(text(json, "rawQueryString"));
        event.setCookies(strings(json.get("cookies")));
        event.setHeaders(map(json.get("headers")));
        event.setQueryStringParameters(map(json.get("queryStringParameters")));
        event.setPathParameters(map(json.get("pathParameters")));
        event.setStageVariables(map(json.get("stageVariables")));
        event.setBody(text(json, "body"));
        event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
        JsonNode context = json.get("requestContext");
        if (context != null && context.isObject()) event.setRequestContext(requestContext(context));
        return event;
    }

    private static RequestContext requestContext(JsonNode json) {
        var context = new RequestContext();
        context.setRouteKey(text(json, "routeKey"));
        context.setAccountId(text(json, "accountId"));
        context.setStage(text(json, "stage"));
        context.setApiId(text(json, "apiId"));
        context.setDomainName(text(json, "domainName"));
        context.setDomainPrefix(text(json, "domainPrefix"));
        context.setTime(text(json, "time"));
        context.setTimeEpoch(json.path("timeEpoch").asLong(0));
        context.setRequestId(text(json, "requestId"));
        JsonNode http = json.get("http");
        if (http != null && http.isObject()) {
            var h = new RequestContext.Http();
            h.setMethod(text(http, "method"));
            h.setPath(text(http, "path"));
            h.setProtocol(text(http, "protocol"));
            h.setSourceIp(text(http, "sourceIp"));
            h.setUserAgent(text(http, "userAgent"));
            context.setHttp(h);
        }
        JsonNode authorizer = json.get("authorizer");
        if (authorizer != null && authorizer.isObject()) context.setAuthorizer(authorizer(authorizer));
        return context;
    }

    private static RequestContext.Authorizer authorizer(JsonNode json) {
        var authorizer = new RequestContext.Authorizer();
        JsonNode jwt = json.get("jwt");
        if (jwt != null && jwt.isObject()) {
            authorizer.setJwt(new RequestContext.Authorizer.JWT(map(jwt.get("claims")), strings(jwt.get("scopes"))));
        }
        JsonNode lambda = json.get("lambda");
        if (lambda != null && lambda.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            lambda.properties().forEach(e -> values.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class)));
            authorizer.setLambda(values);
        }
        JsonNode iam = json.get("iam");
        if (iam != null && iam.isObject()) {
            var i = new RequestContext.IAM();
            i.setAccessKey(text(iam, "accessKey"));
            i.setAccountId(text(iam, "accountId"));
            i.setCallerId(text(iam, "callerId"));
            i.setPrincipalOrgId(text(iam, "principalOrgId"));
            i.setUserArn(text(iam, "userArn"));
            i.setUserId(text(iam, "userId"));
            JsonNode cognito = iam.get("cognitoIdentity");
            if (cognito != null && cognito.isObject()) {
                var c = new RequestContext.CognitoIdentity();
                c.setAmr(strings(cognito.get("amr")));
                c.setIdentityId(text(cognito, "identityId"));
                c.setIdentityPoolId(text(cognito, "identityPoolId"));
                i.setCognitoIdentity(c);
            }
            authorizer.setIam(i);
        }
        return authorizer;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> map(JsonNode json) {
        if (json == null || !json.isObject()) return null;
        Map<String, String> values = new LinkedHashMap<>();
        json.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return values;
    }

    private static List<String> strings(JsonNode json) {
        if (json == null || !json.isArray()) return null;
        List<String> values = new ArrayList<>(json.size());
        json.forEach(v -> values.add(v.isNull() ? null : v.asText()));
        return values;
    }

    public static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        // The runtime owns the stream and closes it; the generator only flushes into it.
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(output, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            out.writeStartObject();
            out.writeNumberField("statusCode", response.getStatusCode());
            writeStrings(out, "headers", response.getHeaders());
            if (response.getMultiValueHeaders() != null) {
                out.writeObjectFieldStart("multiValueHeaders");
                for (var header : response.getMultiValueHeaders().entrySet()) {
                    writeList(out, header.getKey(), header.getValue());
                }
                out.writeEndObject();
            }
            writeList(out, "cookies", response.getCookies());
            if (response.getBody() != null) out.writeStringField("body", response.getBody());
            out.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            out.writeEndObject();
        }
    }

    private static void writeStrings(JsonGenerator out, String name, Map<String, String> values) throws IOException {
        if (values == null) return;
        out.writeObjectFieldStart(name);
        for (var entry : values.entrySet()) {
            if (entry.getValue() == null) out.writeNullField(entry.getKey());
            else out.writeStringField(entry.getKey(), entry.getValue());
        }
        out.writeEndObject();
    }

    private static void writeList(JsonGenerator out, String name, List<String> values) throws IOException {
        if (values == null) return;
        out.writeArrayFieldStart(name);
        for (String value : values) out.writeString(value);
        out.writeEndArray();
    }
}
