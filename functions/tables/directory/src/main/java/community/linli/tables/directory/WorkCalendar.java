package community.linli.tables.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * The community's working days: Monday to Friday, minus public holidays, plus the weekend days
 * the State Council moves work to (调休). Admins keep one per year; without one, every Monday to
 * Friday is a working day.
 */
public record WorkCalendar(int year, Set<LocalDate> holidays, Set<LocalDate> workdays) {
    /** Working-day limits end at the close of the office day, in China's time. */
    public static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(18, 0);
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public WorkCalendar {
        holidays = Set.copyOf(holidays);
        workdays = Set.copyOf(workdays);
    }

    public static WorkCalendar weekdaysOnly(int year) {
        return new WorkCalendar(year, Set.of(), Set.of());
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) return true;
        if (holidays.contains(day)) return false;
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The close of business on the {@code days}-th working day after the day of {@code from}
     * (that day itself does not count, so "3 working days" filed on Friday ends Wednesday 18:00).
     * {@code calendars} supplies the year of each day it walks through.
     */
    public static Instant addWorkingDays(Instant from, int days, java.util.function.IntFunction<WorkCalendar> calendars) {
        LocalDate day = from.atZone(ZONE).toLocalDate();
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (calendars.apply(day.getYear()).isWorkingDay(day)) counted++;
        }
        return day.atTime(CLOSE_OF_BUSINESS).atZone(ZONE).toInstant();
    }
}
