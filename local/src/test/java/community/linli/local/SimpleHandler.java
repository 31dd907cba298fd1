package community.linli.local;

import java.util.Map;

/**
 * A test-only function with a plain method handler that answers with something other than a 2.0
 * response object, which API Gateway turns into a "simple" 200 response.
 */
public final class SimpleHandler {
    @SuppressWarnings("unchecked")
    public Object greet(Map<String, Object> event) {
        String kind = String.valueOf(((Map<String, Object>) event.get("pathParameters")).get("kind"));
        return kind.equals("string") ? "hello, 邻里" : Map.of("hello", "world");
    }
}
