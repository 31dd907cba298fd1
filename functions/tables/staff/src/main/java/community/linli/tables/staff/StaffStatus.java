package community.linli.tables.staff;

/** A registered person is active until an admin deactivates them; records are never deleted, so history keeps its names. */
public enum StaffStatus {
    ACTIVE("active"),
    INACTIVE("inactive");

    private final String wire;

    StaffStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The status of a wire name, or null for anything else. */
    public static StaffStatus ofWire(String wire) {
        for (StaffStatus s : values()) {
            if (s.wire.equals(wire)) return s;
        }
        return null;
    }

    public static java.util.List<String> wires() {
        return java.util.Arrays.stream(values()).map(StaffStatus::wire).toList();
    }
}
