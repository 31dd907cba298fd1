package community.linli.tables.residents;

import java.util.Arrays;

/**
 * Where a resident stands. Only {@link #ACTIVE} residents are in the place, household and tag
 * indexes; the others keep their record and history. {@link #ERASED} is a tombstone: the resident
 * asked for their personal data to be deleted, and nothing of it is left.
 */
public enum ResidentStatus {
    ACTIVE("active"),
    MOVED_OUT("moved_out"),
    DECEASED("deceased"),
    ERASED("erased");

    private final String wire;

    ResidentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ResidentStatus ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst().orElse(null);
    }
}
