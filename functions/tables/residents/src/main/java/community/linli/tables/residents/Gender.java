package community.linli.tables.residents;

/** Gender as the ID-card number encodes it (the 17th digit: odd male, even female); never typed. */
public enum Gender {
    MALE("male"),
    FEMALE("female");

    private final String wire;

    Gender(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Gender ofWire(String wire) {
        return MALE.wire.equals(wire) ? MALE : FEMALE.wire.equals(wire) ? FEMALE : null;
    }
}
