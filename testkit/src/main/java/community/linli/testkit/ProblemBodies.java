package community.linli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reading RFC 9457 problem bodies in tests: which fields and codes an error names, and the shape every problem has. */
public final class ProblemBodies {
    private ProblemBodies() {}

    public static JsonNode json(APIGatewayV2HTTPResponse response) {
        return Json.parse(response.getBody(), JsonNode.class);
    }

    /** The {@code field} of each entry of {@code errors}, in order; empty when there is none. */
    public static List<String> fields(JsonNode problem) {
        return errors(problem, "field");
    }

    public static List<String> fields(APIGatewayV2HTTPResponse response) {
        return fields(json(response));
    }

    public static List<String> codes(APIGatewayV2HTTPResponse response) {
        return errors(json(response), "code");
    }

    /** A problem+json of {@code status} with a title; with {@code fields}, exactly those fields are named. */
    public static void assertProblem(APIGatewayV2HTTPResponse response, int status, String... fields) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        String contentType = response.getHeaders().get("Content-Type");
        assertTrue(contentType != null && contentType.startsWith("application/problem+json"), "Content-Type " + contentType);
        JsonNode problem = json(response);
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("title").asText().isBlank(), "a problem has a title");
        if (fields.length > 0) {
            assertEquals(List.of(fields).stream().sorted().toList(), fields(problem).stream().sorted().toList(), response.getBody());
        }
    }

    /** What a client gets when a dependency is down: 503 {@code unavailable}, {@code Retry-After}, the Chinese texts. */
    public static void assertUnavailable(int status, java.util.Map<String, String> headers, JsonNode problem) {
        assertEquals(503, status, String.valueOf(problem));
        assertEquals("5", headers.get("Retry-After"));
        assertEquals("https://linli.community/problems/unavailable", problem.get("type").asText());
        assertEquals("服务暂时不可用", problem.get("title").asText());
        assertEquals("服务暂时繁忙，请稍后重试", problem.get("detail").asText());
    }

    private static List<String> errors(JsonNode problem, String member) {
        JsonNode errors = problem == null ? null : problem.get("errors");
        if (errors == null) return List.of();
        return StreamSupport.stream(errors.spliterator(), false).map(e -> e.get(member).asText()).toList();
    }
}
