package community.linli.tables.directory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind of request a community accepts (电梯故障, 邻里纠纷, 独居老人求助 …) and its time limit:
 * {@code slaHours} of the clock, or {@code slaWorkingDays} of the community's working calendar
 * (exactly one is set). {@code questions} are asked on the submit form; {@code emergency}, when
 * set, refuses the request and names the number to call. {@code nameEn} is the name for clients
 * that ask for English, null when the admin gave none.
 *
 * <p>{@code version} is 1 when the category is first stored and grows by one with every
 * replacement; admins replace a category only by naming the version they read. Categories are
 * never deleted, only disabled, because stored requests refer to them by code.
 */
public record Category(String code, String name, String nameEn, Integer slaHours, Integer slaWorkingDays, boolean enabled,
                       List<Question> questions, Emergency emergency, long version) {
    public static final long FIRST_VERSION = 1;
    /** The shape of a category's code, wherever a client names one. */
    public static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public Category {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** A category as first stored (version 1). */
    public Category(String code, String name, String nameEn, Integer slaHours, Integer slaWorkingDays, boolean enabled,
                    List<Question> questions, Emergency emergency) {
        this(code, name, nameEn, slaHours, slaWorkingDays, enabled, questions, emergency, FIRST_VERSION);
    }

    public static Category hours(String code, String name, String nameEn, int hours) {
        return new Category(code, name, nameEn, hours, null, true, List.of(), null);
    }

    public static Category workingDays(String code, String name, String nameEn, int days) {
        return new Category(code, name, nameEn, null, days, true, List.of(), null);
    }

    public Category withQuestions(List<Question> newQuestions) {
        return new Category(code, name, nameEn, slaHours, slaWorkingDays, enabled, newQuestions, emergency, version);
    }

    public Category withEmergency(Emergency guard) {
        return new Category(code, name, nameEn, slaHours, slaWorkingDays, enabled, questions, guard, version);
    }

    public Category withVersion(long newVersion) {
        return new Category(code, name, nameEn, slaHours, slaWorkingDays, enabled, questions, emergency, newVersion);
    }

    public Category disabled() {
        return new Category(code, name, nameEn, slaHours, slaWorkingDays, false, questions, emergency, version);
    }
}
