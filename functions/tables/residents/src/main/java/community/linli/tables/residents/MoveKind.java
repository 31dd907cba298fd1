package community.linli.tables.residents;

import java.util.Arrays;
import java.util.List;

/**
 * What a move (an entry of a resident's history) did. A registration is the first
 * {@link #MOVE_IN}; {@link #MOVE_IN} later brings a moved-out resident back into a household.
 */
public enum MoveKind {
    MOVE_IN("move_in"),
    TRANSFER("transfer"),
    MOVE_OUT("move_out"),
    DECEASED("deceased");

    private final String wire;

    MoveKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static MoveKind ofWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst().orElse(null);
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(MoveKind::wire).toList();
    }
}
