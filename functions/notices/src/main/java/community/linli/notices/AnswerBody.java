package community.linli.notices;

import community.linli.platform.http.Check;
import community.linli.tables.directory.Answers;
import java.util.Map;

/**
 * The body of {@code PUT /notices/{id}/answer}: a household's answers to an emergency notice's form,
 * by question id. Whether they answer its questions is checked against the form afterwards
 * ({@link Emergencies#answer}).
 */
record AnswerBody(Map<String, Object> answers) {
    AnswerBody {
        Check.of().required("answers", answers).maxItems("answers", answers == null ? null : answers.keySet(), Answers.MAX_ANSWERS).done();
    }
}
