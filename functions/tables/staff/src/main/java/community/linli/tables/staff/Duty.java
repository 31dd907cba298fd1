package community.linli.tables.staff;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A community's duty: its head (the staff id of an admin, level 3 of an escalation), the weekly
 * roster of who is on duty (level 2, and the staff told of urgent, reopened and badly rated
 * requests), and the dates whose own roster replaces the weekly one ({@link DutyDate}: holidays),
 * in date order. {@code version} counts the head's and the weekly roster's changes (0: none stored
 * yet); a date is set and cleared on its own.
 */
public record Duty(String head, List<DutySlot> slots, long version, Instant updatedAt, List<DutyDate> dates) {
    /** The roster's times are the community's: China's. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Duty NONE = new Duty(null, List.of(), 0, null);

    public Duty {
        slots = List.copyOf(slots);
        dates = dates.stream().sorted(Comparator.comparing(DutyDate::date)).toList();
    }

    /** The head and the weekly roster, without dates. */
    public Duty(String head, List<DutySlot> slots, long version, Instant updatedAt) {
        this(head, slots, version, updatedAt, List.of());
    }

    public Duty withDates(List<DutyDate> value) {
        return new Duty(head, slots, version, updatedAt, value);
    }

    /**
     * The staff ids on duty at {@code at}, in roster order, each once. On a date with a roster of its
     * own, only that roster's runs starting that date count: the weekly roster, and a run from the
     * night before, do not. On any other date, the weekly roster's runs starting that date, and
     * the overnight runs from the day before, of that day's dated roster if it had one, else of the
     * weekly roster.
     */
    public List<String> onDutyAt(Instant at) {
        var local = at.atZone(ZONE);
        LocalDate day = local.toLocalDate();
        Optional<DutyDate> today = date(day);
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (DutySlot slot : today.map(DutyDate::slots).orElse(slots)) {
            if (slot.coversFromItsDay(local)) ids.addAll(slot.staffIds());
        }
        if (today.isEmpty()) {
            for (DutySlot slot : date(day.minusDays(1)).map(DutyDate::slots).orElse(slots)) {
                if (slot.coversFromTheDayBefore(local)) ids.addAll(slot.staffIds());
            }
        }
        return List.copyOf(ids);
    }

    /** The roster of {@code day}, if it has one of its own. */
    public Optional<DutyDate> date(LocalDate day) {
        return dates.stream().filter(d -> d.date().equals(day)).findFirst();
    }
}
