package community.linli.staff;

import community.linli.platform.http.Check;
import community.linli.tables.staff.DutySlot;
import java.time.LocalTime;
import java.util.List;

/**
 * The body of {@code PUT /duty/dates/{date}}: that date's whole roster, slots as a weekday's
 * without {@code days} (the date is the day). An empty list is a date with nobody on duty: the
 * alerts then go to every active staff member, as on a day the weekly roster leaves empty. Whether
 * the ids name active members is checked against the registry in {@link Staff}.
 */
record PutDutyDateBody(List<Slot> slots) {
    static final int MAX_SLOTS = 10;

    /** One slot of the date as the client sends it. */
    record Slot(String from, String until, List<String> staffIds) {}

    PutDutyDateBody {
        Check check = Check.of().maxItems("slots", slots, MAX_SLOTS);
        if (slots == null) check.add("slots", "required");
        else {
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                if (slot == null) check.add("slots[" + i + "]", "required");
                else PutDutyBody.checkShift(check, "slots[" + i + "]", slot.from(), slot.until(), slot.staffIds());
            }
        }
        check.done();
        slots = List.copyOf(slots);
    }

    List<DutySlot> toSlots() {
        return slots.stream().map(s -> new DutySlot(List.of(), LocalTime.parse(s.from()), LocalTime.parse(s.until()), s.staffIds())).toList();
    }
}
