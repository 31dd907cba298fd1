package community.linli.alerts;

import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.staff.Duty;
import community.linli.tables.staff.DutyAndMembers;
import community.linli.tables.directory.QuietHours;
import community.linli.tables.staff.AlertPreferences;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is alerted, from the staff registry, and what the texts call a request's category and
 * building, from the directory. One per batch: a community's registry, its members and its duty
 * together, is read once (one strongly consistent Query of its partition, a round trip per 1 MB)
 * and a category and building once (one BatchGetItem), however many records of the batch need
 * them; the next batch sees the registry's changes.
 *
 * <p>The escalation chain is the registry's: the grid's active grid workers, then the staff on duty
 * now (the roster's active members; the community's active staff members when nobody is), then the
 * head (an active admin; all the admins when none is named). A level with nobody in it passes to the
 * next, so an alert always reaches someone while the community has an admin. The duty (the head, the
 * weekly roster and the dated ones) comes with the members, in the same Query.
 */
final class Audience {

    private final StaffStore staff;
    private final DirectoryStore directory;
    private final Map<String, DutyAndMembers> registries = new HashMap<>();
    private final Map<List<String>, Names> names = new HashMap<>();
    private final Instant now;
    private final Map<String, QuietHours> quietHours = new HashMap<>();

    /** A category's and a building's names; the category's code when the directory has no such category. */
    record Names(String category, String building) {}

    Audience(StaffStore staff, DirectoryStore directory, Instant now) {
        this.staff = staff;
        this.directory = directory;
        this.now = now;
    }

    /** The grid's active grid workers; empty for no grid. */
    List<Recipient> gridWorkers(String communityId, String gridId) {
        if (gridId == null) return List.of();
        return members(communityId).stream()
                .filter(m -> m.role() == StaffRole.GRID_WORKER && m.gridIds().contains(gridId))
                .map(Audience::recipient).toList();
    }

    /** The community's active grid workers, each with the grids they serve (in the registry's order). */
    Map<Recipient, List<String>> gridWorkersWithGrids(String communityId) {
        Map<Recipient, List<String>> workers = new java.util.LinkedHashMap<>();
        members(communityId).stream().filter(m -> m.role() == StaffRole.GRID_WORKER)
                .forEach(m -> workers.put(recipient(m), m.gridIds()));
        return workers;
    }

    /** The staff on duty now, else the community's active staff members, else its admins. */
    List<Recipient> staff(String communityId) {
        List<Recipient> onDuty = onDuty(communityId);
        if (!onDuty.isEmpty()) return onDuty;
        List<Recipient> staffMembers = withRole(communityId, StaffRole.STAFF);
        return staffMembers.isEmpty() ? withRole(communityId, StaffRole.ADMIN) : staffMembers;
    }

    /** The first level of escalation that has someone: the grid's workers, else staff, else admins. */
    List<Recipient> firstLevel(String communityId, String gridId) {
        List<Recipient> workers = gridWorkers(communityId, gridId);
        return workers.isEmpty() ? staff(communityId) : workers;
    }

    /** The roster's active members on duty now; empty when nobody is. */
    List<Recipient> onDuty(String communityId) {
        List<String> ids = duty(communityId).onDutyAt(now);
        return members(communityId).stream().filter(m -> ids.contains(m.staffId())).map(Audience::recipient).toList();
    }

    /** Level 3: the community's head, if an active admin; else its admins. */
    List<Recipient> head(String communityId) {
        String head = duty(communityId).head();
        List<Recipient> named = members(communityId).stream()
                .filter(m -> m.role() == StaffRole.ADMIN && m.staffId().equals(head)).map(Audience::recipient).toList();
        return named.isEmpty() ? withRole(communityId, StaffRole.ADMIN) : named;
    }

    /** The head, the weekly roster and the dated rosters (a holiday's replaces the weekly one), from the registry's one Query. */
    private Duty duty(String communityId) {
        return registry(communityId).duty();
    }

    /**
     * The community's duty and its members, read once a batch, whatever the batch's alerts ask
     * first: one strongly consistent Query of the registry's partition ({@link StaffStore#dutyAndMembers}),
     * where the members and the duty were two.
     */
    private DutyAndMembers registry(String communityId) {
        return registries.computeIfAbsent(communityId, staff::dutyAndMembers);
    }

    /** The alert preferences of {@code staffId}, from the registry read for this batch; none for anyone not active in it. */
    AlertPreferences preferences(String communityId, String staffId) {
        return members(communityId).stream().filter(m -> m.staffId().equals(staffId)).findFirst()
                .map(StaffMember::alertPreferences).orElse(AlertPreferences.none());
    }

    Names names(String communityId, String categoryCode, String buildingId) {
        return names.computeIfAbsent(java.util.Arrays.asList(communityId, categoryCode, buildingId), key -> {
            var lookup = directory.lookup(communityId, categoryCode, buildingId, List.of());
            return new Names(lookup.category().map(c -> c.name()).orElse(categoryCode),
                    lookup.building().map(b -> b.name()).orElse(null));
        });
    }

    /** The community's quiet hours, read once a batch and only when a non-urgent alert asks. */
    QuietHours quietHours(String communityId) {
        return quietHours.computeIfAbsent(communityId, c -> directory.quietHours(c).orElse(QuietHours.DEFAULT));
    }

    private List<Recipient> withRole(String communityId, StaffRole role) {
        return members(communityId).stream().filter(m -> m.role() == role).map(Audience::recipient).toList();
    }

    private List<StaffMember> members(String communityId) {
        return registry(communityId).members().stream().filter(StaffMember::active).toList();
    }

    private static Recipient recipient(StaffMember member) {
        return new Recipient(member.staffId(), member.role().wire());
    }
}
