package community.linli.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Structured logs: one JSON object per line on stdout, which Lambda ships to CloudWatch.
 *
 * <p>Callers pass ids and outcomes only. Bodies, names, phones and ID numbers never go in a log
 * line; the field names accepted here are the contract that keeps them out.
 */
public final class Log {
    private Log() {}

    public static void info(String event, Object... keyValues) {
        write("INFO", event, null, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        write("WARN", event, null, keyValues);
    }

    public static void error(String event, Throwable error, Object... keyValues) {
        write("ERROR", event, error, keyValues);
    }

    private static void write(String level, String event, Throwable error, Object... keyValues) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            line.put(String.valueOf(keyValues[i]), value == null ? null : String.valueOf(value));
        }
        if (error != null) {
            line.put("error", error.getClass().getName());
            line.put("stack", stackTrace(error));
        }
        // System.out as it is now, not as it was at class init: tests capture it per test.
        System.out.println(line);
    }

    private static String stackTrace(Throwable error) {
        var out = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
