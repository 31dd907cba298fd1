package community.linli.tables.residents;

import java.util.Arrays;

/**
 * Where a bulk import of residents is: created and waiting for its file, reading and registering
 * it, done (its report written), or failed (the file could not be read; nothing was registered).
 */
public enum ImportStatus {
    WAITING_UPLOAD("waiting_upload"), RUNNING("running"), DONE("done"), FAILED("failed");

    private final String wire;

    ImportStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ImportStatus ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst().orElseThrow();
    }
}
