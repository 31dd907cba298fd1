package community.linli.tables.requests;

import community.linli.platform.auth.Caller;

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
 */
public final class Access {
    private Access() {}

    public static boolean canSee(Caller caller, ResidentRequest request) {
        return isRequester(caller, request) || handlerSide(caller, request);
    }

    /** Staff, or a grid worker of its grid, or its assignee: the people who handle it. */
    public static boolean handlerSide(Caller caller, ResidentRequest request) {
        return caller.isStaff() || request.assignedTo(caller.sub())
                || (caller.isGridWorker() && request.gridId() != null && caller.gridIds().contains(request.gridId()));
    }

    public static boolean isRequester(Caller caller, ResidentRequest request) {
        return request.requesterSub().equals(caller.sub());
    }

    /** The requester's identity and phone: themselves, staff, and handlers unless the resident asked to stay hidden. */
    public static boolean seesRequester(Caller caller, ResidentRequest request) {
        return isRequester(caller, request) || caller.isStaff() || (!request.hideIdentity() && handlerSide(caller, request));
    }
}
