package community.linli.tables.staff;

import community.linli.platform.auth.Role;

/** What a registered person does in their community; the wire name is what the API and the table carry. */
public enum StaffRole {
    STAFF("staff", Role.STAFF),
    GRID_WORKER("grid_worker", Role.GRID_WORKER),
    ADMIN("admin", Role.ADMIN);

    private final String wire;
    private final Role role;

    StaffRole(String wire, Role role) {
        this.wire = wire;
        this.role = role;
    }

    public String wire() {
        return wire;
    }

    /** The role a token of this person carries ({@code groups} claim). */
    public Role role() {
        return role;
    }

    /** The role of a wire name, or null for anything else. */
    public static StaffRole ofWire(String wire) {
        for (StaffRole r : values()) {
            if (r.wire.equals(wire)) return r;
        }
        return null;
    }

    public static java.util.List<String> wires() {
        return java.util.Arrays.stream(values()).map(StaffRole::wire).toList();
    }
}
