package community.linli.platform.store;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import community.linli.platform.Json;
import community.linli.platform.http.Check;
import community.linli.platform.http.Http;
import community.linli.platform.http.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pagination cursors: DynamoDB's LastEvaluatedKey as opaque base64url JSON. A cursor comes back
 * from the client, so {@link #decode} accepts only one that names the same key attributes and the
 * same partition as the query it continues; anything else is a 400 naming {@code cursor}, never a
 * query into another partition.
 */
public final class Cursors {
    private Cursors() {}

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) return null;
        Map<String, String> plain = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((name, value) -> plain.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds {@code invalid_cursor} to {@code check} when {@code cursor} is not even shaped like one of
     * ours (base64url JSON of non-empty strings), so a 400 can name it beside other bad
     * parameters; {@link #decode} still checks that it continues the query it is given to.
     */
    public static void check(Check check, String cursor) {
        if (cursor == null) return;
        try {
            Map<?, ?> plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), Map.class);
            if (plain == null || plain.isEmpty() || !plain.values().stream().allMatch(v -> v instanceof String s && !s.isEmpty())) {
                check.add("cursor", "invalid_cursor");
            }
        } catch (Exception e) {
            check.add("cursor", "invalid_cursor");
        }
    }

    /** A list route's query: at most {@code limit} items, after {@code cursor} (absent: from the start). */
    public record ListQuery(int limit, String cursor) {}

    /**
     * The query of a list route whose only parameters are {@code limit} (1 to {@code maxLimit},
     * {@code defaultLimit} when absent) and {@code cursor}: one 400 names every bad or unknown one.
     */
    public static ListQuery listQuery(APIGatewayV2HTTPEvent event, int maxLimit, int defaultLimit) {
        Check check = Check.of();
        var params = Http.query(event, check, Set.of("limit", "cursor"));
        int limit = Http.intParam(check, params, "limit", 1, maxLimit, defaultLimit);
        check(check, params.get("cursor"));
        check.done();
        return new ListQuery(limit, params.get("cursor"));
    }

    /**
     * @param keyAttributes the attributes a key of this query has (table and index keys)
     * @param mustEqual     attributes that must hold exactly these values (the query's partition)
     * @param mustStartWith attributes that must start with these prefixes (the community)
     */
    @SuppressWarnings("unchecked")
    public static Map<String, AttributeValue> decode(String cursor, Set<String> keyAttributes,
                                                     Map<String, String> mustEqual, Map<String, String> mustStartWith) {
        if (cursor == null) return null;
        Map<String, Object> plain;
        try {
            plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), Map.class);
        } catch (Exception e) {
            throw Problem.invalid("cursor", "invalid_cursor");
        }
        if (plain == null || !plain.keySet().equals(keyAttributes)) throw Problem.invalid("cursor", "invalid_cursor");
        Map<String, AttributeValue> key = new HashMap<>();
        for (var entry : plain.entrySet()) {
            if (!(entry.getValue() instanceof String value) || value.isEmpty()) throw Problem.invalid("cursor", "invalid_cursor");
            key.put(entry.getKey(), AttributeValue.fromS(value));
        }
        mustEqual.forEach((name, value) -> {
            if (!value.equals(plain.get(name))) throw Problem.invalid("cursor", "invalid_cursor");
        });
        mustStartWith.forEach((name, prefix) -> {
            if (!((String) plain.get(name)).startsWith(prefix)) throw Problem.invalid("cursor", "invalid_cursor");
        });
        return key;
    }
}
