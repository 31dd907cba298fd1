package community.linli.directory;

import community.linli.tables.directory.Category;
import community.linli.tables.directory.Emergency;
import community.linli.tables.directory.Question;
import java.util.List;

/**
 * A category as the API shows it. {@code enabled} is shown to staff and admins only; residents and
 * grid workers see enabled categories alone, so the flag would tell them nothing. The English texts
 * ({@code nameEn}, {@code labelEn}, {@code optionsEn}, {@code emergency.messageEn}) are shown beside
 * the Chinese whenever the admin gave them, so one cached list serves clients in either language.
 */
record CategoryView(String code, String name, String nameEn, Integer slaHours, Integer slaWorkingDays, Boolean enabled,
                    List<QuestionView> questions, Emergency emergency, long version) {

    /** A question as the submit form renders it; fields that do not apply to its type are left out. */
    record QuestionView(String id, String label, String labelEn, String type, boolean required, List<String> options,
                        List<String> optionsEn, Integer maxLength, Double min, Double max) {
        static QuestionView of(Question q) {
            boolean choice = q.type() == Question.Type.SINGLE_CHOICE || q.type() == Question.Type.MULTI_CHOICE;
            return new QuestionView(q.id(), q.label(), q.labelEn(), q.type().wire(), q.required(), choice ? q.options() : null,
                    choice ? q.optionsEn() : null,
                    q.type() == Question.Type.TEXT ? q.maxLength() : null,
                    q.type() == Question.Type.NUMBER ? q.min() : null,
                    q.type() == Question.Type.NUMBER ? q.max() : null);
        }
    }

    record CategoryList(List<CategoryView> categories) {}

    static CategoryView of(Category c, boolean showEnabled) {
        return new CategoryView(c.code(), c.name(), c.nameEn(), c.slaHours(), c.slaWorkingDays(), showEnabled ? c.enabled() : null,
                c.questions().stream().map(QuestionView::of).toList(), c.emergency(), c.version());
    }
}
