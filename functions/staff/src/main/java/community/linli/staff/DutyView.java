package community.linli.staff;

import community.linli.tables.staff.Duty;
import community.linli.tables.staff.DutyDate;
import community.linli.tables.staff.DutySlot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A community's duty as the API shows it: the head, the weekly roster, the dates with a roster of
 * their own from today on (Asia/Shanghai; past dates are left out), and who is on duty at the
 * moment of the answer ({@code onDutyNow}: the ids of today's roster, the date's own if it has one,
 * for now, whether active or not). {@code version} 0 and no head before an admin first stores one.
 */
record DutyView(String head, List<SlotView> slots, List<DateView> dates, List<String> onDutyNow, long version, Instant updatedAt) {
    record SlotView(List<String> days, String from, String until, List<String> staffIds) {}

    /** A date's slot: a weekday's without {@code days}. */
    record ShiftView(String from, String until, List<String> staffIds) {
        static ShiftView of(DutySlot slot) {
            return new ShiftView(slot.from().toString(), slot.until().toString(), slot.staffIds());
        }
    }

    /** One date's own roster, as {@code GET /duty} lists it and {@code PUT /duty/dates/{date}} answers. */
    record DateView(LocalDate date, List<ShiftView> slots, Instant updatedAt) {
        static DateView of(DutyDate date) {
            return new DateView(date.date(), date.slots().stream().map(ShiftView::of).toList(), date.updatedAt());
        }
    }

    static DutyView of(Duty duty, Instant now) {
        LocalDate today = now.atZone(Duty.ZONE).toLocalDate();
        return new DutyView(duty.head(), duty.slots().stream().map(s -> new SlotView(s.days().stream().map(PutDutyBody::wire).toList(),
                s.from().toString(), s.until().toString(), s.staffIds())).toList(),
                duty.dates().stream().filter(d -> !d.date().isBefore(today)).map(DateView::of).toList(),
                duty.onDutyAt(now), duty.version(), duty.updatedAt());
    }
}
