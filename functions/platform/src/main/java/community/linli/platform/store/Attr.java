package community.linli.platform.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and writing DynamoDB attribute values by hand, which keeps cold start free of bean-schema reflection. */
public final class Attr {
    private Attr() {}

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /**
     * A DynamoDB number holds a magnitude from 1E-130 to 9.99E+125; a double nearer zero than that
     * (a coordinate of {@code -8.3e-143}, which a client may send and JSON allows) is stored as 0
     * rather than refused by DynamoDB. Callers bound large values themselves (coordinates: ±180).
     */
    public static AttributeValue n(double value) {
        return AttributeValue.fromN(Math.abs(value) < SMALLEST_NUMBER ? "0" : Double.toString(value));
    }

    static final double SMALLEST_NUMBER = 1e-130;

    public static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    /** Instants as fixed-width text (always with milliseconds), so that they sort correctly inside keys. */
    public static AttributeValue instant(Instant value) {
        return AttributeValue.fromS(text(value));
    }

    public static String text(Instant value) {
        return community.linli.platform.Json.INSTANT.format(value);
    }

    public static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    /** Puts the attribute only when the value is present; DynamoDB rejects empty strings in key attributes. */
    public static void putIf(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) item.put(name, s(value));
    }

    public static void putIf(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) item.put(name, instant(value));
    }

    public static void putIf(Map<String, AttributeValue> item, String name, Double value) {
        if (value != null) item.put(name, n(value));
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String name, long fallback) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? fallback : Long.parseLong(v.n());
    }

    public static Integer intOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Integer.valueOf(v.n());
    }

    public static Double dbl(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Double.valueOf(v.n());
    }

    public static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    public static Instant time(Map<String, AttributeValue> item, String name) {
        String s = str(item, name);
        return s == null ? null : Instant.parse(s);
    }

    public static List<String> strList(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || !v.hasL()) return List.of();
        return v.l().stream().map(AttributeValue::s).toList();
    }
}
