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
        LocalTime time = at.toLocalTime();
        DayOfWeek day = at.getDayOfWeek();
        if (from.isBefore(until)) return days.contains(day) && !time.isBefore(from) && time.isBefore(until);
        return days.contains(day) && !time.isBefore(from) || days.contains(day.minus(1)) && time.isBefore(until);
    }
}
