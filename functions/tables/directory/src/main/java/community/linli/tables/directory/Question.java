package community.linli.tables.directory;

import java.util.List;
import java.util.Locale;

/**
 * An extra question a category asks on the submit form (电梯停在几楼? 是否有人被困?). The
 * resident's answers are checked against it: type, required, options, length and range.
 * {@code labelEn} and {@code optionsEn} are what clients that ask for English show instead; they
 * are null when the admin gave none. An answer is always one of {@code options}: the English
 * option at the same index stands for it.
 */
public record Question(String id, String label, String labelEn, Type type, boolean required, List<String> options,
                       List<String> optionsEn, Integer maxLength, Double min, Double max) {
    public enum Type {
        TEXT, NUMBER, SINGLE_CHOICE, MULTI_CHOICE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
        optionsEn = optionsEn == null ? null : List.copyOf(optionsEn);
    }
}
