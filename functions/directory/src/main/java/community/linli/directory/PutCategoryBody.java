package community.linli.directory;

import community.linli.tables.directory.Category;
import community.linli.tables.directory.QuestionBody;
import community.linli.platform.http.Check;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /categories/{code}}: the whole category, replacing what is stored.
 * {@code version} is 0 to create, else the version the admin read. The nested questions and
 * emergency guard are checked here, with the top-level fields, so one 400 lists them all.
 */
record PutCategoryBody(String name, String nameEn, Integer slaHours, Integer slaWorkingDays, Boolean enabled,
                       List<QuestionBody> questions, EmergencyBody emergency, Long version) {
    static final int MAX_NAME = 20;
    static final int MAX_NAME_EN = 60;
    static final int MAX_SLA_HOURS = 2160;
    static final int MAX_SLA_WORKING_DAYS = 60;
    static final int MAX_QUESTIONS = 10;
    private static final Map<String, Object> SLA_FIELDS = Map.of("fields", "slaHours, slaWorkingDays");

    PutCategoryBody {
        Check check = Check.of()
                .requiredText("name", name, MAX_NAME)
                .text("nameEn", nameEn, MAX_NAME_EN)
                .range("slaHours", slaHours, 1, MAX_SLA_HOURS)
                .range("slaWorkingDays", slaWorkingDays, 1, MAX_SLA_WORKING_DAYS);
        if ((slaHours == null) == (slaWorkingDays == null)) {
            check.add("slaHours", "exactly_one", SLA_FIELDS).add("slaWorkingDays", "exactly_one", SLA_FIELDS);
        }
        QuestionBody.checkAll(check, "questions", questions, MAX_QUESTIONS);
        if (emergency != null) emergency.check(check, "emergency");
        check.required("version", version);
        check.atLeast("version", version, 0);
        check.done();
        enabled = enabled == null ? Boolean.TRUE : enabled;
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** The category this body describes; its stored version is the store's to set. */
    Category toCategory(String code) {
        return new Category(code, name, nameEn, slaHours, slaWorkingDays, enabled,
                questions.stream().map(QuestionBody::toQuestion).toList(),
                emergency == null ? null : emergency.toEmergency());
    }
}
