package community.linli.tables.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/**
 * When a request is due: its category's limit counted from when it was accepted, in working days
 * of the community's {@link WorkCalendar} or in hours. Every function that files or triages a
 * request (RequestsFunction, a care visit's concern in ResidentsFunction) counts it here.
 */
public final class Sla {
    private Sla() {}

    public static Instant expectedAt(Instant acceptedAt, Category category, IntFunction<WorkCalendar> calendars) {
        if (category.slaWorkingDays() != null) {
            return WorkCalendar.addWorkingDays(acceptedAt, category.slaWorkingDays(), calendars);
        }
        return acceptedAt.plus(Duration.ofHours(category.slaHours()));
    }

    /** The calendar years a limit counted from {@code acceptedAt} can reach: this one, and the next in December. */
    public static List<Integer> calendarYears(Instant acceptedAt) {
        var day = acceptedAt.atZone(WorkCalendar.ZONE).toLocalDate();
        return day.getMonthValue() == 12 ? List.of(day.getYear(), day.getYear() + 1) : List.of(day.getYear());
    }
}
