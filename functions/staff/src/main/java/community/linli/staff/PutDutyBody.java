package community.linli.staff;

import community.linli.platform.http.Check;
import community.linli.tables.staff.DutySlot;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /duty}: the community's head and its whole weekly roster, based on
 * {@code version} (0 before any duty was stored). Times are the community's (Asia/Shanghai),
 * {@code HH:mm}; a slot whose {@code until} is not after its {@code from} runs overnight. Whether
 * the ids name active members (the head an admin) is checked against the registry in {@link Staff}.
 */
record PutDutyBody(String head, List<Slot> slots, Long version) {
    static final int MAX_SLOTS = 50;
    static final int MAX_ON_DUTY = 20;
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** One weekly slot as the client sends it. */
    record Slot(List<String> days, String from, String until, List<String> staffIds) {}

    PutDutyBody {
        Check check = Check.of()
                .required("head", head)
                .matches("head", head, Staff.ID)
                .maxItems("slots", slots, MAX_SLOTS)
                .required("version", version)
                .atLeast("version", version, 0);
        if (slots == null) check.add("slots", "required");
        else {
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                String at = "slots[" + i + "]";
                if (slot == null) {
                    check.add(at, "required");
                    continue;
                }
                check.required(at + ".days", slot.days()).distinct(at + ".days", slot.days());
                if (slot.days() != null) {
                    for (int d = 0; d < slot.days().size(); d++) check.oneOf(at + ".days[" + d + "]", slot.days().get(d), DAYS);
                }
                checkShift(check, at, slot.from(), slot.until(), slot.staffIds());
            }
        }
        check.done();
        slots = List.copyOf(slots);
    }

    /** A slot's times and ids, as a weekday's and a date's slots both have them; {@code at} names the slot. */
    static void checkShift(Check check, String at, String from, String until, List<String> staffIds) {
        check.required(at + ".from", from).matches(at + ".from", from, TIME)
                .required(at + ".until", until).matches(at + ".until", until, TIME)
                .required(at + ".staffIds", staffIds).maxItems(at + ".staffIds", staffIds, MAX_ON_DUTY)
                .distinct(at + ".staffIds", staffIds);
        if (staffIds != null) {
            for (int s = 0; s < staffIds.size(); s++) check.matches(at + ".staffIds[" + s + "]", staffIds.get(s), Staff.ID);
        }
    }

    List<DutySlot> toSlots() {
        List<DutySlot> out = new ArrayList<>();
        for (Slot slot : slots) {
            out.add(new DutySlot(slot.days().stream().map(PutDutyBody::day).toList(), LocalTime.parse(slot.from()),
                    LocalTime.parse(slot.until()), slot.staffIds()));
        }
        return out;
    }

    private static DayOfWeek day(String wire) {
        return DayOfWeek.of(DAYS.indexOf(wire) + 1);
    }

    /** The wire name of a day, as {@link #DAYS} spells it. */
    static String wire(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
}
