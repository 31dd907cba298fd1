package community.linli.tables.staff;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A weekly slot of the duty roster, in the community's time (Asia/Shanghai): on each of {@code days},
 * from {@code from} until {@code until}, the staff ids are on duty. A slot whose {@code until} is not
 * after its {@code from} runs overnight into the next day (18:00–08:00), or for a whole day when they
 * are equal.
 */
public record DutySlot(List<DayOfWeek> days, LocalTime from, LocalTime until, List<String> staffIds) {
    public DutySlot {
        days = List.copyOf(days);
        staffIds = List.copyOf(staffIds);
    }

    /** Whether the slot covers the moment {@code at}, read in the community's zone. */
    public boolean covers(ZonedDateTime at) {
        return coversFromItsDay(at) || coversFromTheDayBefore(at);
    }

    /** Whether a run of the slot that starts on {@code at}'s own day covers it. */
    public boolean coversFromItsDay(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        if (!days.contains(at.getDayOfWeek()) || time.isBefore(from)) return false;
        return !from.isBefore(until) || time.isBefore(until);
    }

    /** Whether a run of the slot that started the day before {@code at} covers it, overnight. */
    public boolean coversFromTheDayBefore(ZonedDateTime at) {
        return !from.isBefore(until) && days.contains(at.getDayOfWeek().minus(1)) && at.toLocalTime().isBefore(until);
    }
}
