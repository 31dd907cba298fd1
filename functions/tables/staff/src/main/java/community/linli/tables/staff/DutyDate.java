package community.linli.tables.staff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Who is on duty on one date of the community's calendar (Asia/Shanghai), set by an admin for a
 * statutory holiday or any day with a special roster: for that date it replaces the weekly roster
 * whole ({@link Duty#onDutyAt}). Its slots are a weekday's: from {@code from} until {@code until},
 * overnight into the next date when {@code until} is not after {@code from}; each slot's
 * {@code days} is the date's weekday, so a slot covers a moment as a weekly slot starting that day
 * would.
 */
public record DutyDate(LocalDate date, List<DutySlot> slots, Instant updatedAt) {
    public DutyDate {
        slots = slots.stream().map(s -> new DutySlot(List.of(date.getDayOfWeek()), s.from(), s.until(), s.staffIds())).toList();
    }
}
