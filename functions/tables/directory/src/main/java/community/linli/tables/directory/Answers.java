package community.linli.tables.directory;

import community.linli.platform.http.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks answers against their questions: a request's against its category's, wherever a request
 * is filed (a resident's submit, a care visit's concern), and a household's against an emergency
 * notice's form. Each error names {@code <prefix>answers.<question id>}.
 */
public final class Answers {
    public static final int DEFAULT_TEXT_LENGTH = 500;
    /** The most answers a request carries. */
    public static final int MAX_ANSWERS = 20;

    private Answers() {}

    /** {@code prefix} is where the answers sit in the body: empty at its top, {@code "request."} in a visit. */
    public static void check(Check check, Category category, Map<String, Object> answers, String prefix) {
        check(check, category.questions(), answers, prefix);
    }

    /** {@code prefix} is where the answers sit in the body; every answer must answer one of {@code questions}. */
    public static void check(Check check, List<Question> questions, Map<String, Object> answers, String prefix) {
        Set<String> asked = new HashSet<>();
        for (Question question : questions) {
            asked.add(question.id());
            String field = prefix + "answers." + question.id();
            Object answer = answers.get(question.id());
            if (answer == null || (answer instanceof String s && s.isBlank()) || (answer instanceof List<?> l && l.isEmpty())) {
                if (question.required()) check.add(field, "answer_required");
                continue;
            }
            switch (question.type()) {
                case TEXT -> {
                    if (!(answer instanceof String text)) check.add(field, "invalid_type", Map.of("expected", "string"));
                    else check.text(field, text, question.maxLength() == null ? DEFAULT_TEXT_LENGTH : question.maxLength());
                }
                case NUMBER -> {
                    if (!(answer instanceof Number number)) check.add(field, "invalid_type", Map.of("expected", "number"));
                    else check.range(field, number, question.min() == null ? -1e12 : question.min(),
                            question.max() == null ? 1e12 : question.max());
                }
                case SINGLE_CHOICE -> {
                    if (!(answer instanceof String choice)) check.add(field, "invalid_type", Map.of("expected", "string"));
                    else check.oneOf(field, choice, question.options());
                }
                case MULTI_CHOICE -> {
                    if (!(answer instanceof List<?> choices)) {
                        check.add(field, "invalid_type", Map.of("expected", "array"));
                    } else {
                        check.distinct(field, choices);
                        for (int i = 0; i < choices.size(); i++) {
                            if (!(choices.get(i) instanceof String choice)) check.add(field + "[" + i + "]", "invalid_type", Map.of("expected", "string"));
                            else check.oneOf(field + "[" + i + "]", choice, question.options());
                        }
                    }
                }
            }
        }
        for (String id : answers.keySet()) {
            if (!asked.contains(id)) check.add(prefix + "answers." + id, "unknown_question");
        }
    }
}
