package community.linli.tables.notices;

import java.util.Arrays;

/**
 * Where a notice is in its life as stored. A published notice is live for its audience from its
 * {@code publishAt} until its {@code expiresAt}; both are times, not states, so nothing has to
 * run at either moment for residents to see it appear or disappear.
 */
public enum NoticeStatus {
    DRAFT("draft"),
    PUBLISHED("published"),
    WITHDRAWN("withdrawn");

    private final String wire;

    NoticeStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static NoticeStatus ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst().orElse(null);
    }
}
