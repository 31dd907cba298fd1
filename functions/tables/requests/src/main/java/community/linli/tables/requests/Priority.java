package community.linli.tables.requests;

import java.util.List;
import java.util.Locale;

/** How pressing a request is: as the resident feels it when filing, and as staff set it in triage. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public static final List<String> WIRE = List.of("low", "normal", "high", "urgent");

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority ofWire(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
