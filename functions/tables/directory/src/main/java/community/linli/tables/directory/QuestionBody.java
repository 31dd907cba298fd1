package community.linli.tables.directory;

import community.linli.platform.http.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One extra question, as a client sends it: of a request category, or of an emergency notice's
 * form (登记). It is checked by its parent body through {@link #checkAll}, so that every invalid
 * field of the whole body comes back in one 400.
 */
public record QuestionBody(String id, String label, String labelEn, String type, Boolean required, List<String> options,
                    List<String> optionsEn, Integer maxLength, Double min, Double max) {
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    static final List<String> TYPES = List.of("text", "number", "single_choice", "multi_choice");
    static final int MAX_LABEL = 100;
    static final int MAX_LABEL_EN = 200;
    static final int MIN_OPTIONS = 2;
    static final int MAX_OPTIONS = 20;
    static final int MAX_OPTION = 50;
    static final int MAX_OPTION_EN = 100;
    static final int MAX_TEXT_LENGTH = 2000;

    /**
     * Adds every invalid field of {@code questions} (at most {@code max}, ids distinct) to
     * {@code check}, each named {@code <field>[i].<member>}.
     */
    public static void checkAll(Check check, String field, List<QuestionBody> questions, int max) {
        check.maxItems(field, questions, max);
        if (questions == null) return;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            QuestionBody question = questions.get(i);
            String at = field + "[" + i + "]";
            if (question == null) {
                check.required(at, null);
                continue;
            }
            question.check(check, at);
            if (question.id() != null && !ids.add(question.id())) check.add(at + ".id", "duplicate_items");
        }
    }

    /** Adds every invalid field to {@code check}, each named {@code <prefix>.<field>}. */
    void check(Check check, String prefix) {
        String at = prefix + ".";
        check.required(at + "id", id).matches(at + "id", id, ID)
                .requiredText(at + "label", label, MAX_LABEL)
                .text(at + "labelEn", labelEn, MAX_LABEL_EN)
                .required(at + "type", type);
        if (type == null || type.isBlank()) return;
        check.oneOf(at + "type", type, TYPES);
        Question.Type kind = kind();
        if (kind == null) return;

        boolean choice = kind == Question.Type.SINGLE_CHOICE || kind == Question.Type.MULTI_CHOICE;
        Map<String, Object> forType = Map.of("type", type);
        if (!choice) {
            if (options != null) check.add(at + "options", "not_allowed", forType);
            if (optionsEn != null) check.add(at + "optionsEn", "not_allowed", forType);
        } else if (options == null) {
            check.required(at + "options", null);
        } else {
            checkOptions(check, at + "options");
            if (optionsEn != null) checkOptionsEn(check, at + "optionsEn");
        }
        if (maxLength != null) {
            if (kind == Question.Type.TEXT) check.range(at + "maxLength", maxLength, 1, MAX_TEXT_LENGTH);
            else check.add(at + "maxLength", "not_allowed", forType);
        }
        if (kind != Question.Type.NUMBER) {
            if (min != null) check.add(at + "min", "not_allowed", forType);
            if (max != null) check.add(at + "max", "not_allowed", forType);
            return;
        }
        // 1e400 parses to infinity, which could not be stored as JSON and read back.
        if (min != null && !Double.isFinite(min)) check.add(at + "min", "invalid_value");
        if (max != null && !Double.isFinite(max)) check.add(at + "max", "invalid_value");
        if (min != null && max != null && min > max) check.add(at + "max", "less_than_min", Map.of("min", min));
    }

    private void checkOptions(Check check, String field) {
        if (options.size() < MIN_OPTIONS) check.add(field, "min_items", Map.of("min", MIN_OPTIONS));
        check.maxItems(field, options, MAX_OPTIONS);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String item = field + "[" + i + "]";
            if (option == null) {
                check.required(item, null);
            } else if (!seen.add(option)) {
                check.add(item, "duplicate_items");
            } else {
                check.requiredText(item, option, MAX_OPTION);
            }
        }
    }

    /** One English option per option, in the same order: the one at an option's index stands for it. */
    private void checkOptionsEn(Check check, String field) {
        if (optionsEn.size() != options.size()) {
            check.add(field, "same_count", Map.of("count", options.size(), "other", "options"));
            return;
        }
        for (int i = 0; i < optionsEn.size(); i++) {
            check.requiredText(field + "[" + i + "]", optionsEn.get(i), MAX_OPTION_EN);
        }
    }

    /** The type, once {@link #check} found it valid. */
    Question.Type kind() {
        return type != null && TYPES.contains(type) ? Question.Type.valueOf(type.toUpperCase(Locale.ROOT)) : null;
    }

    public Question toQuestion() {
        return new Question(id, label, labelEn, kind(), Boolean.TRUE.equals(required), options, optionsEn, maxLength, min, max);
    }
}
