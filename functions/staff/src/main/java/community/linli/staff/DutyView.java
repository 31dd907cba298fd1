package community.linli.staff;

import community.linli.tables.staff.Duty;
import java.time.Instant;
import java.util.List;

/**
 * A community's duty as the API shows it: the head, the weekly roster, and who is on duty at the
 * moment of the answer ({@code onDutyNow}: the roster's ids for now, whether active or not).
 * {@code version} 0 and no head before an admin first stores one.
 */
record DutyView(String head, List<SlotView> slots, List<String> onDutyNow, long version, Instant updatedAt) {
    record SlotView(List<String> days, String from, String until, List<String> staffIds) {}

    static DutyView of(Duty duty, Instant now) {
        return new DutyView(duty.head(), duty.slots().stream().map(s -> new SlotView(s.days().stream().map(PutDutyBody::wire).toList(),
                s.from().toString(), s.until().toString(), s.staffIds())).toList(), duty.onDutyAt(now), duty.version(), duty.updatedAt());
    }
}
