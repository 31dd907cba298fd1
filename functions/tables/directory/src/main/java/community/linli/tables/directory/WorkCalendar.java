package community.linli.tables.directory;

import community.linli.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The community's working days: Monday to Friday, minus public holidays, plus the weekend days
 * the State Council moves work to (调休). Admins keep one per year; without one, the State
 * Council's schedule for that year counts ({@link #national}), as shipped with the code, and
 * without that too, every Monday to Friday is a working day.
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

    /**
     * The State Council's holiday schedule (国务院办公厅关于部分节假日安排的通知) as the project
     * ships it: {@code calendars/cn-<year>.json} beside this class, one file per year, added when
     * the notice appears late in the year before: the notice's facts as handed to the project,
     * with {@code sourceEn}, the notice's title in English, added. A community's stored calendar
     * overrides it.
     */
    public record Published(int year, String source, String sourceEn, List<Holiday> holidays, List<LocalDate> workdays) {
        public WorkCalendar calendar() {
            return new WorkCalendar(year, holidays.stream().flatMap(h -> h.days().stream()).collect(java.util.stream.Collectors.toSet()),
                    Set.copyOf(workdays));
        }
    }

    /** One public holiday of a {@link Published} schedule, with every day off of its break. */
    public record Holiday(String name, LocalDate from, LocalDate to, List<LocalDate> days) {}

    private static final Map<Integer, Optional<Published>> PUBLISHED = new ConcurrentHashMap<>();

    /** The schedule the project ships for {@code year}, if it has one. */
    public static Optional<Published> published(int year) {
        return PUBLISHED.computeIfAbsent(year, y -> {
            try (InputStream in = WorkCalendar.class.getResourceAsStream("calendars/cn-" + y + ".json")) {
                return in == null ? Optional.empty() : Optional.of(Json.MAPPER.readValue(in, Published.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The State Council's schedule for {@code year} when the project ships one, else Monday to Friday. */
    public static WorkCalendar national(int year) {
        return published(year).map(Published::calendar).orElseGet(() -> weekdaysOnly(year));
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
