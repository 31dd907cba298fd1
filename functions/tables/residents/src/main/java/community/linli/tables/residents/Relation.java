package community.linli.tables.residents;

import java.util.Arrays;
import java.util.List;

/** A resident's relation to the head of their household (与户主关系); {@link #HEAD} is the head. */
public enum Relation {
    HEAD("head", "户主"),
    SPOUSE("spouse", "配偶"),
    CHILD("child", "子女"),
    PARENT("parent", "父母"),
    GRANDCHILD("grandchild", "孙子女"),
    GRANDPARENT("grandparent", "祖父母"),
    SIBLING("sibling", "兄弟姐妹"),
    OTHER_RELATIVE("other_relative", "其他亲属"),
    NON_RELATIVE("non_relative", "非亲属");

    private final String wire;
    private final String label;

    Relation(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    public static Relation ofWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst().orElse(null);
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(Relation::wire).toList();
    }
}
