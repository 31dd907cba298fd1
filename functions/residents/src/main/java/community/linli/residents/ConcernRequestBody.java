package community.linli.residents;

import community.linli.platform.http.Check;
import community.linli.tables.directory.Answers;
import community.linli.tables.directory.Category;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.ResidentRequest;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The request a visit's concern files ({@code request} in {@code POST /residents/{id}/visits}): the
 * fields of a resident's submit ({@code POST /requests}) by their wire names, without the location
 * (the resident's room), the contact phone or photos (the visit's). Checked by the body that holds
 * it, so that all of a visit's errors come back in one round; {@code answers} against the category's
 * questions once it is read.
 */
record ConcernRequestBody(String category, String description, String urgency, Map<String, Object> answers) {
    void check(Check check, String prefix) {
        check.required(prefix + "category", category)
                .matches(prefix + "category", category, Category.CODE)
                .requiredText(prefix + "description", description, ResidentRequest.MAX_DESCRIPTION)
                .oneOf(prefix + "urgency", urgency, Priority.WIRE)
                .maxItems(prefix + "answers", answers == null ? null : answers.keySet(), Answers.MAX_ANSWERS);
    }

    Priority priority() {
        return Priority.ofWire(urgency == null ? "normal" : urgency);
    }

    /** The answers given: an answer of null is an answer not given, as in a resident's submit. */
    Map<String, Object> givenAnswers() {
        return answers == null ? Map.of() : answers.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
