package community.linli.tables.notices;

import java.util.Arrays;

/** Where a sign-up stands: it holds its seats, or waits for them in sign-up order. */
public enum SignUpStatus {
    CONFIRMED("confirmed"),
    WAITLISTED("waitlisted");

    private final String wire;

    SignUpStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static SignUpStatus ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst().orElse(null);
    }
}
