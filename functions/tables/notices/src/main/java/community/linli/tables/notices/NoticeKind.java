package community.linli.tables.notices;

import java.util.Arrays;
import java.util.List;

/** What a notice is: subscribers of the alerts topic filter on it (an emergency reaches grid workers at once). */
public enum NoticeKind {
    ANNOUNCEMENT("announcement"),
    ACTIVITY("activity"),
    EMERGENCY("emergency");

    private final String wire;

    NoticeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind with this wire name, or null for null or an unknown name. */
    public static NoticeKind ofWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst().orElse(null);
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(NoticeKind::wire).toList();
    }
}
