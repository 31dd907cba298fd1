package community.linli.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import community.linli.tables.directory.WorkCalendar;
import java.time.LocalDate;
import java.util.List;

/**
 * A year's working calendar as the API shows it, dates in order; {@code default} when none was ever
 * stored, and then {@code source} (and {@code sourceEn}, in English) names the State Council's
 * notice it comes from, if the project ships that year's.
 */
record CalendarView(int year, List<LocalDate> holidays, List<LocalDate> workdays,
                    @JsonProperty("default") boolean unset, String source, String sourceEn) {

    static CalendarView of(WorkCalendar calendar) {
        return new CalendarView(calendar.year(), sorted(calendar.holidays()), sorted(calendar.workdays()), false, null, null);
    }

    /** What counts for a year the community has stored nothing for. */
    static CalendarView unset(int year) {
        WorkCalendar calendar = WorkCalendar.national(year);
        var published = WorkCalendar.published(year);
        return new CalendarView(year, sorted(calendar.holidays()), sorted(calendar.workdays()), true,
                published.map(WorkCalendar.Published::source).orElse(null),
                published.map(WorkCalendar.Published::sourceEn).orElse(null));
    }

    private static List<LocalDate> sorted(java.util.Set<LocalDate> days) {
        return days.stream().sorted().toList();
    }
}
