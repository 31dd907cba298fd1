package community.linli.core.directory;

import java.util.List;

/**
 * A kind of request a community accepts (电梯故障, 邻里纠纷, 独居老人求助 …) and its time limit:
 * {@code slaHours} of the clock, or {@code slaWorkingDays} of the community's working calendar
 * (exactly one is set). {@code questions} are asked on the submit form; {@code emergency}, when
 * set, refuses the request and names the number to call.
 */
public record Category(String code, String name, Integer slaHours, Integer slaWorkingDays, boolean enabled,
                       List<Question> questions, Emergency emergency) {
    public Category {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    public static Category hours(String code, String name, int hours) {
        return new Category(code, name, hours, null, true, List.of(), null);
    }

    public static Category workingDays(String code, String name, int days) {
        return new Category(code, name, null, days, true, List.of(), null);
    }

    public Category withQuestions(List<Question> newQuestions) {
        return new Category(code, name, slaHours, slaWorkingDays, enabled, newQuestions, emergency);
    }

    public Category withEmergency(Emergency guard) {
        return new Category(code, name, slaHours, slaWorkingDays, enabled, questions, guard);
    }

    public Category disabled() {
        return new Category(code, name, slaHours, slaWorkingDays, false, questions, emergency);
    }
}
