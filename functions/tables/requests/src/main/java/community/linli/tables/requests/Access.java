package community.linli.tables.requests;

import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Problem;

/**
 * Who may see what of a request. The community boundary is already in every key; within a
 * community:
 * <ul>
 * <li>the resident who filed it sees it, with its public timeline only;</li>
 * <li>staff and admins see every request, its internal notes and who filed it;</li>
 * <li>a grid worker sees the requests of their grids and those assigned to them, with internal
 *     notes, but not who filed it when the resident asked to stay hidden (a dispute);</li>
 * <li>nobody else sees that it exists (404).</li>
 * </ul>
 * Who may change it is {@link Lifecycle}'s to say.
 */
public final class Access {
    private Access() {}

    /** The role a timeline shows for an actor: the most specific one they hold. */
    public static String roleOf(Caller caller) {
        if (caller.is(Role.ADMIN)) return "admin";
        if (caller.is(Role.STAFF)) return "staff";
        if (caller.is(Role.GRID_WORKER)) return "grid_worker";
        return "resident";
    }

    public static boolean canSee(Caller caller, ResidentRequest request) {
        return isRequester(caller, request) || handlerSide(caller, request);
    }

    /** Staff, or a grid worker of its grid, or its assignee (by the caller's staff id): the people who handle it. */
    public static boolean handlerSide(Caller caller, ResidentRequest request) {
        return caller.isStaff() || request.assignedTo(caller.staffId())
                || (caller.isGridWorker() && request.gridId() != null && caller.gridIds().contains(request.gridId()));
    }

    /**
     * Whether a read for this caller may load internal notes at all, before the request is known:
     * only staff and grid workers can be on its handler side. For anyone else the query leaves them
     * out, so they are never read; for these, {@link #handlerSide} decides once the request is read.
     */
    public static boolean mayReadInternalNotes(Caller caller) {
        return caller.isStaff() || caller.isGridWorker();
    }

    public static boolean isRequester(Caller caller, ResidentRequest request) {
        return request.requesterSub().equals(caller.sub());
    }

    /** The requester's identity and phone: themselves, staff, and handlers unless the resident asked to stay hidden. */
    public static boolean seesRequester(Caller caller, ResidentRequest request) {
        return isRequester(caller, request) || caller.isStaff() || (!request.hideIdentity() && handlerSide(caller, request));
    }

    /** Whether the resident asked to stay hidden: told to them and to staff, not to the grid workers it is hidden from. */
    public static boolean seesIdentityChoice(Caller caller, ResidentRequest request) {
        return isRequester(caller, request) || caller.isStaff();
    }

    /** Which inbox to read: by assignee (a staff id), else by grid, else the whole community. */
    public record InboxScope(String gridId, String assigneeId) {}

    /**
     * The inbox a caller may read, from what they asked for ({@code assigneeId}, a staff id). Staff
     * read any, the unplaced queue (requests of no grid) included. A grid worker reads their own
     * assignments (by the staff id their token carries) or a grid they cover (403 otherwise);
     * asking for neither means their one grid, and is 400 {@code grid_required} when they cover several.
     */
    public static InboxScope inbox(Caller caller, String gridId, boolean unplaced, String assigneeId) {
        if (caller.isStaff()) return new InboxScope(gridId, assigneeId);
        if (unplaced) throw Problem.forbidden("role_required");
        if (assigneeId != null && !assigneeId.equals(caller.staffId())) throw Problem.forbidden("role_required");
        if (gridId != null && !caller.gridIds().contains(gridId)) throw Problem.forbidden("grid_not_covered");
        if (gridId == null && assigneeId == null) {
            if (caller.gridIds().size() != 1) throw Problem.invalid("grid", "grid_required");
            return new InboxScope(caller.gridIds().iterator().next(), null);
        }
        return new InboxScope(gridId, assigneeId);
    }
}
