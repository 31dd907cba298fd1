package community.linli.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import community.linli.tables.directory.WorkCalendar;
import java.time.LocalDate;
import java.util.List;

/** A year's working calendar as the API shows it, dates in order; {@code default} when none was ever stored. */
record CalendarView(int year, List<LocalDate> holidays, List<LocalDate> workdays,
                    @JsonProperty("default") boolean unset) {

    static CalendarView of(WorkCalendar calendar, boolean unset) {
        return new CalendarView(calendar.year(), calendar.holidays().stream().sorted().toList(),
                calendar.workdays().stream().sorted().toList(), unset);
    }
}
