package community.linli.platform.http;

import java.util.Map;

/**
 * One invalid input: the field it concerns (a JSON path such as {@code location.buildingId}, or a
 * header or parameter name), a stable machine code, and the arguments its message needs.
 */
public record FieldError(String field, String code, Map<String, Object> args) {
    public FieldError {
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    public FieldError(String field, String code) {
        this(field, code, Map.of());
    }

    FieldError under(String prefix) {
        if (prefix == null || prefix.isEmpty()) return this;
        return new FieldError(field == null || field.isEmpty() ? prefix : prefix + "." + field, code, args);
    }
}
