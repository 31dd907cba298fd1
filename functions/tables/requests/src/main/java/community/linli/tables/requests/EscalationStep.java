package community.linli.tables.requests;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A step of a request's escalation that the overdue sweep marks with an item of its own (the first
 * level, overdue, is the {@code overdue} timeline item). In the order they come: the warning at 80%
 * of the limit, then level 2 (on-duty staff), then level 3 (the community's head).
 */
public enum EscalationStep {
    /** 80% of the time between filing and the due time has passed. */
    PRE_OVERDUE,
    /** Level 2: overdue for the first wait, still open. */
    ON_DUTY,
    /** Level 3: overdue for both waits, still open. */
    HEAD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EscalationStep> ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }
}
