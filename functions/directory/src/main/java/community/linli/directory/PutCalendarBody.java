package community.linli.directory;

import community.linli.tables.directory.WorkCalendar;
import community.linli.platform.http.Check;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /calendar/{year}}: the public holidays (节假日) and the weekend days moved
 * to work (调休) of one year, as ISO dates. Both lists are required, so that a forgotten list never
 * wipes the stored one. Whether the dates fall in the year is checked by {@link #toCalendar},
 * which knows the year from the path.
 */
record PutCalendarBody(List<String> holidays, List<String> workdays) {
    static final int MAX_DATES = 60;
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    PutCalendarBody {
        Check check = Check.of();
        Set<LocalDate> holidayDates = dates(check, "holidays", holidays);
        dates(check, "workdays", workdays);
        if (workdays != null) {
            for (int i = 0; i < workdays.size(); i++) {
                LocalDate day = parse(workdays.get(i));
                if (day != null && holidayDates.contains(day)) check.add("workdays[" + i + "]", "in_both_lists");
            }
        }
        check.done();
        holidays = List.copyOf(holidays);
        workdays = List.copyOf(workdays);
    }

    /** The calendar of {@code year}; every date must lie in it. */
    WorkCalendar toCalendar(int year) {
        Check check = Check.of();
        inYear(check, "holidays", holidays, year);
        inYear(check, "workdays", workdays, year);
        check.done();
        return new WorkCalendar(year, Set.copyOf(holidays.stream().map(LocalDate::parse).toList()),
                Set.copyOf(workdays.stream().map(LocalDate::parse).toList()));
    }

    private static Set<LocalDate> dates(Check check, String field, List<String> values) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        if (values == null) {
            check.add(field, "required");
            return dates;
        }
        check.maxItems(field, values, MAX_DATES);
        for (int i = 0; i < values.size(); i++) {
            String item = field + "[" + i + "]";
            LocalDate day = parse(values.get(i));
            if (values.get(i) == null) check.add(item, "required");
            else if (day == null) check.add(item, "date");
            else if (!dates.add(day)) check.add(item, "duplicate_items");
        }
        return dates;
    }

    private static void inYear(Check check, String field, List<String> values, int year) {
        for (int i = 0; i < values.size(); i++) {
            if (LocalDate.parse(values.get(i)).getYear() != year) check.add(field + "[" + i + "]", "not_in_year", Map.of("year", year));
        }
    }

    /** A strict {@code yyyy-MM-dd} date, or null: {@code 2026-02-30} and {@code 2026-1-5} are not dates. */
    private static LocalDate parse(String value) {
        if (value == null || !ISO_DATE.matcher(value).matches()) return null;
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
