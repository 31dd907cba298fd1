package community.linli.tables.notices;

import java.util.Arrays;
import java.util.List;

/** Whom a notice addresses: the whole community, listed grids, or the residents with a tag. */
public enum AudienceKind {
    COMMUNITY("community"),
    GRIDS("grids"),
    TAG("tag");

    private final String wire;

    AudienceKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static AudienceKind ofWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst().orElse(null);
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(AudienceKind::wire).toList();
    }
}
