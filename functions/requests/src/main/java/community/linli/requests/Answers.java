package community.linli.requests;

import community.linli.tables.directory.Category;
import community.linli.tables.directory.Question;
import community.linli.platform.http.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a resident's answers against the questions of the category they chose. */
final class Answers {
    static final int DEFAULT_TEXT_LENGTH = 500;

    void check(Check check, Category category, Map<String, Object> answers) {
        Set<String> asked = new HashSet<>();
        for (Question question : category.questions()) {
            asked.add(question.id());
            String field = "answers." + question.id();
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
            if (!asked.contains(id)) check.add("answers." + id, "unknown_question");
        }
    }
}
