package community.linli.tables.staff;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A community's duty: its head (the staff id of an admin, level 3 of an escalation) and the weekly
 * roster of who is on duty (level 2, and the staff told of urgent, reopened and badly rated
 * requests). {@code version} counts its changes (0: none stored yet).
 */
public record Duty(String head, List<DutySlot> slots, long version, Instant updatedAt) {
    /** The roster's times are the community's: China's. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Duty NONE = new Duty(null, List.of(), 0, null);

    public Duty {
        slots = List.copyOf(slots);
    }

    /** The staff ids on duty at {@code at}, in roster order, each once. */
    public List<String> onDutyAt(Instant at) {
        var local = at.atZone(ZONE);
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (DutySlot slot : slots) {
            if (slot.covers(local)) ids.addAll(slot.staffIds());
        }
        return List.copyOf(ids);
    }
}
