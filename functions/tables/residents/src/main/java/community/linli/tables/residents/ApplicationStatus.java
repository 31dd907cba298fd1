package community.linli.tables.residents;

import java.util.Arrays;

/**
 * Where an application to join a room stands. {@link #PENDING} waits for the grid worker;
 * {@link #LINKED} joined the account to a resident (at once, by its verified phone, or on approval);
 * {@link #REFUSED} carries the approver's reason, and the account may apply for the room again.
 */
public enum ApplicationStatus {
    PENDING("pending"),
    LINKED("linked"),
    REFUSED("refused");

    private final String wire;

    ApplicationStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ApplicationStatus ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst().orElse(null);
    }
}
