package community.linli.requests;

import community.linli.tables.directory.Category;
import community.linli.tables.directory.WorkCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

/** When a request is due: its category's limit counted from when it was accepted. */
public final class Sla {
    private Sla() {}

    public static Instant expectedAt(Instant acceptedAt, Category category, IntFunction<WorkCalendar> calendars) {
        if (category.slaWorkingDays() != null) {
            return WorkCalendar.addWorkingDays(acceptedAt, category.slaWorkingDays(), calendars);
        }
        return acceptedAt.plus(Duration.ofHours(category.slaHours()));
    }

    /** The calendar years a limit counted from {@code acceptedAt} can reach: this one, and the next in December. */
    public static java.util.List<Integer> calendarYears(Instant acceptedAt) {
        var day = acceptedAt.atZone(WorkCalendar.ZONE).toLocalDate();
        return day.getMonthValue() == 12 ? java.util.List.of(day.getYear(), day.getYear() + 1) : java.util.List.of(day.getYear());
    }
}
