package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import java.util.concurrent.atomic.AtomicInteger;

/** Fictional ID-card numbers for tests, each with its valid check character, none used twice in a run. */
final class IdNumbers {
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private IdNumbers() {}

    /** A number of a person born on {@code yyyyMMdd}, with a fresh sequence (odd: a man). */
    static String born(String yyyyMMdd) {
        int sequence = SEQUENCE.addAndGet(2) % 1000;
        String first17 = "630102" + yyyyMMdd + String.format("%03d", sequence);
        return first17 + IdCardNumber.checkCharacter(first17);
    }

    static String fresh() {
        return born("19900101");
    }
}
