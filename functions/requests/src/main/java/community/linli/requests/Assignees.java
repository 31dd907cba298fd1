package community.linli.requests;

import community.linli.platform.http.Problem;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.staff.Colleague;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whom a request may be handed to, from the community's staff registry: an active grid worker of
 * the request's grid, or an active staff member or admin. A grid worker of another grid, anyone
 * inactive, and anyone not in the registry may not; a request of no grid goes to staff and admins
 * only. One rule for the check of an assignment and for the list of whom a caller may pick.
 */
final class Assignees {
    /** A staff id as the registry issues and seeds them. */
    static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<StaffRole> ORDER = List.of(StaffRole.GRID_WORKER, StaffRole.STAFF, StaffRole.ADMIN);

    /** What the list shows of a colleague: never a phone. */
    record AssigneeOption(String staffId, String name, String role) {}

    record AssigneesView(List<AssigneeOption> items) {}

    private final StaffStore staff;

    Assignees(StaffStore staff) {
        this.staff = staff;
    }

    /**
     * The member {@code staffId} as the assignee of {@code request}, with the role and name the
     * registry has for them: one GetItem of the member. 400 naming {@code assignee}:
     * {@code not_in_directory} when the community has no active member of that id,
     * {@code outside_grid} for a grid worker who does not work the request's grid.
     */
    Assignee check(ResidentRequest request, String staffId) {
        Colleague member = staff.colleague(request.communityId(), staffId).filter(Colleague::active)
                .orElseThrow(() -> Problem.invalid("assignee", "not_in_directory"));
        if (!mayHandle(member, request.gridId())) throw Problem.invalid("assignee", "outside_grid");
        return new Assignee(member.staffId(), member.role().wire(), member.name());
    }

    /** Everyone {@link #check} would accept for {@code request}: grid workers, then staff, then admins, each by name. One Query per 1 MB of registry. */
    AssigneesView of(ResidentRequest request) {
        return new AssigneesView(staff.colleagues(request.communityId()).stream()
                .filter(member -> member.active() && mayHandle(member, request.gridId()))
                .sorted(Comparator.comparing((Colleague member) -> ORDER.indexOf(member.role())).thenComparing(Colleague::name)
                        .thenComparing(Colleague::staffId))
                .map(member -> new AssigneeOption(member.staffId(), member.name(), member.role().wire()))
                .toList());
    }

    private static boolean mayHandle(Colleague member, String gridId) {
        return member.role() != StaffRole.GRID_WORKER || member.worksGrid(gridId);
    }
}
