package community.linli.platform;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Configuration from environment variables, which template.yaml sets with {@code !Ref}.
 *
 * <p>{@link #require} fails during the init phase and names the missing variable, so a
 * misconfigured function never takes traffic. The local runtime and tests run several functions
 * in one JVM; {@link #with} gives each one its own variables while its handler is constructed.
 */
public final class Env {
    private static final ThreadLocal<Map<String, String>> SCOPED = new ThreadLocal<>();

    private Env() {}

    public static String require(String name) {
        return optional(name).orElseThrow(() ->
                new IllegalStateException("Missing environment variable " + name + " (set it in template.yaml)"));
    }

    public static Optional<String> optional(String name) {
        Map<String, String> scoped = SCOPED.get();
        String value = scoped != null && scoped.containsKey(name) ? scoped.get(name) : System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Runs {@code init} (typically a handler's no-arg constructor) with {@code variables} layered over the process environment. */
    public static <T> T with(Map<String, String> variables, Supplier<T> init) {
        Map<String, String> previous = SCOPED.get();
        SCOPED.set(Map.copyOf(variables));
        try {
            return init.get();
        } finally {
            if (previous == null) SCOPED.remove(); else SCOPED.set(previous);
        }
    }
}
