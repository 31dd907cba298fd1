package community.linli.tables.requests;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a timeline entry records (openapi.yaml: {@code EventKind}). The wire name is what the API
 * shows and what the RequestsTable's {@code kind} attribute holds, so stream consumers read the
 * same names; a new kind goes here, into openapi.yaml and into the alerts' handling together.
 */
public enum EventKind {
    SUBMITTED,
    TRIAGED,
    ASSIGNED,
    TRANSFERRED,
    STARTED,
    SENT_BACK,
    RESOLVED,
    REJECTED,
    CONFIRMED,
    REOPENED,
    CLOSED,
    REPLY,
    NOTE,
    RATED,
    OVERDUE,
    /** Its building moved to another grid, and the request with it (internal; {@code reason} names both grids). */
    GRID_CHANGED;

    public static final List<String> WIRE = Arrays.stream(values()).map(EventKind::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a wire name stands for; IllegalArgumentException for a name this version does not know. */
    public static EventKind ofWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
