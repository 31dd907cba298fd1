package community.linli.tables.residents;

import java.util.Arrays;
import java.util.List;

/** How a resident lives in the community (常住, 流动, 寄住); the wire name is what the API and the table carry. */
public enum ResidenceType {
    PERMANENT("permanent", "常住"),
    FLOATING("floating", "流动"),
    LODGING("lodging", "寄住");

    private final String wire;
    private final String label;

    ResidenceType(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    public String wire() {
        return wire;
    }

    /** The Chinese name the community's paper registers use. */
    public String label() {
        return label;
    }

    public static ResidenceType ofWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst().orElse(null);
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(ResidenceType::wire).toList();
    }
}
