package community.linli.core.requests;

import java.util.Locale;

/**
 * Where a request stands in the loop 受理 → 派单 → 办理 → 回复 → 回访/评价. The moves between
 * statuses are decided in one place, the request state machine; this type only names them.
 */
public enum Status {
    ACCEPTED,
    ASSIGNED,
    IN_PROGRESS,
    RESOLVED,
    REOPENED,
    CLOSED,
    REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status ofWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Open requests count against the time limit and show in the inbox. */
    public boolean open() {
        return this != CLOSED && this != REJECTED && this != RESOLVED;
    }
}
