package community.linli.platform.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of one input, then throws them together, so a client learns all it
 * must fix in one round. Used in the compact constructors of payload records:
 *
 * <pre>{@code
 * Check.of().required("category", category).maxLength("description", description, 2000).done();
 * }</pre>
 *
 * Lengths count Unicode code points, so an emoji or a Chinese character counts as one.
 */
public final class Check {
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private final List<FieldError> errors = new ArrayList<>();

    private Check() {}

    public static Check of() {
        return new Check();
    }

    public Check required(String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "required"));
        } else if (value instanceof String s && s.isBlank()) {
            errors.add(new FieldError(field, "blank"));
        } else if (value instanceof Collection<?> c && c.isEmpty()) {
            errors.add(new FieldError(field, "required"));
        }
        return this;
    }

    /** Text that, when present, is not blank and at most {@code max} code points long. */
    public Check text(String field, String value, int max) {
        if (value == null) return this;
        if (value.isBlank()) {
            errors.add(new FieldError(field, "blank"));
        } else if (value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "max_length", Map.of("max", max)));
        }
        return this;
    }

    /** Required text of at most {@code max} code points. */
    public Check requiredText(String field, String value, int max) {
        return value == null ? required(field, null) : text(field, value, max);
    }

    public Check maxLength(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "max_length", Map.of("max", max)));
        }
        return this;
    }

    public Check matches(String field, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "pattern"));
        }
        return this;
    }

    public Check phone(String field, String value) {
        if (value != null && !MAINLAND_MOBILE.matcher(value).matches()) {
            errors.add(new FieldError(field, "phone"));
        }
        return this;
    }

    public Check oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new FieldError(field, "one_of", Map.of("allowed", String.join(", ", allowed))));
        }
        return this;
    }

    public Check range(String field, Number value, double min, double max) {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max || Double.isNaN(value.doubleValue()))) {
            errors.add(new FieldError(field, "range", Map.of("min", plain(min), "max", plain(max))));
        }
        return this;
    }

    /** A whole number of at least {@code min}, with no upper bound worth naming (versions). */
    public Check atLeast(String field, Long value, long min) {
        if (value != null && value < min) {
            errors.add(new FieldError(field, "at_least", Map.of("min", min)));
        }
        return this;
    }

    public Check maxItems(String field, Collection<?> values, int max) {
        if (values != null && values.size() > max) {
            errors.add(new FieldError(field, "max_items", Map.of("max", max)));
        }
        return this;
    }

    public Check distinct(String field, Collection<?> values) {
        if (values != null) {
            Set<Object> seen = new HashSet<>();
            int i = 0;
            for (Object v : values) {
                if (v == null) {
                    errors.add(new FieldError(field + "[" + i + "]", "required"));
                } else if (!seen.add(v)) {
                    errors.add(new FieldError(field + "[" + i + "]", "duplicate_items"));
                }
                i++;
            }
        }
        return this;
    }

    public Check add(String field, String code, Map<String, Object> args) {
        errors.add(new FieldError(field, code, args));
        return this;
    }

    public Check add(String field, String code) {
        return add(field, code, Map.of());
    }

    /** What was found so far, for a caller that reports errors instead of throwing them (a CSV row of a bulk import). */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public void done() {
        if (!errors.isEmpty()) throw Problem.invalid(errors);
    }

    private static Object plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : d;
    }
}
