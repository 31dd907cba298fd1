package community.linli.tables.requests;

import static community.linli.tables.requests.Status.ACCEPTED;
import static community.linli.tables.requests.Status.ASSIGNED;
import static community.linli.tables.requests.Status.CLOSED;
import static community.linli.tables.requests.Status.IN_PROGRESS;
import static community.linli.tables.requests.Status.REJECTED;
import static community.linli.tables.requests.Status.REOPENED;
import static community.linli.tables.requests.Status.RESOLVED;

import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one state machine every change of a request goes through (README: "The request
 * lifecycle"): which statuses each move may start from, the status it leads to, and who may take
 * it. The status moves of {@code POST /requests/{id}/transitions}:
 *
 * <pre>
 * action     from                                   to           who
 * assign     accepted, assigned, in_progress, reopened  assigned  staff (a reassignment needs a reason)
 * start      assigned, reopened                      in_progress  the assignee or staff
 * send_back  assigned, in_progress, reopened         accepted     the assignee or staff, with a reason
 * resolve    accepted, assigned, in_progress, reopened  resolved  the assignee or staff, with a reply
 * reject     accepted, assigned                      rejected     staff, with a reason (不予受理)
 * confirm    resolved                                closed       the resident who filed it
 * reopen     resolved (within 7 days)                reopened     the resident who filed it, with a reason
 * close      resolved                                closed       staff (e.g. the resident cannot be reached)
 * </pre>
 *
 * and the changes with routes of their own:
 *
 * <pre>
 * change     from                                   to           who
 * edit       accepted, assigned, in_progress, reopened  (same)    staff: triage of category and priority
 * note       any                                    (same)       staff, grid workers of its grid, its assignee
 * rate       resolved, closed                        closed       the resident who filed it, once
 * </pre>
 *
 * Who may take a move depends on the caller and the request only, never on its status or a body:
 * so a route can refuse a caller (403) before it reads the body, and a status that does not allow
 * the move is a 409 after.
 */
public final class Lifecycle {
    public static final Duration REOPEN_WINDOW = Duration.ofDays(7);
    private static final Set<Status> OPEN = EnumSet.of(ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED);

    /** Who may take a move. Each needs one of its {@code roles}, and then a relation to the request. */
    public enum Who {
        /** Staff and admins. */
        STAFF("role_required", Role.STAFF, Role.ADMIN),
        /** Its assignee (a grid worker or a staff member), or staff. */
        ASSIGNEE("not_assignee", Role.STAFF, Role.ADMIN, Role.GRID_WORKER),
        /** Everyone who handles it ({@link Access#handlerSide}): staff, grid workers of its grid, its assignee. */
        HANDLERS("role_required", Role.STAFF, Role.ADMIN, Role.GRID_WORKER),
        /** The resident who filed it, whatever groups they hold. */
        REQUESTER("not_requester", Role.values());

        /** The roles without which a caller is never among them, whatever the request: a route checks them first. */
        public final Set<Role> roles;
        private final String refusal;

        Who(String refusal, Role... roles) {
            this.refusal = refusal;
            this.roles = Set.copyOf(Arrays.asList(roles));
        }

        public boolean includes(Caller caller, ResidentRequest request) {
            if (roles.stream().noneMatch(caller::is)) return false;
            return switch (this) {
                case STAFF -> caller.isStaff();
                case ASSIGNEE -> caller.isStaff() || request.assignedTo(caller.staffId());
                case HANDLERS -> Access.handlerSide(caller, request);
                case REQUESTER -> Access.isRequester(caller, request);
            };
        }
    }

    /**
     * Every change of a request. The first eight are the status moves of {@code POST
     * /requests/{id}/transitions} ({@link #TRANSITIONS}); {@code EDIT}, {@code NOTE} and
     * {@code RATE} have routes of their own.
     */
    public enum Action {
        ASSIGN(OPEN, ASSIGNED, Who.STAFF, "派单", EventKind.ASSIGNED),
        START(EnumSet.of(ASSIGNED, REOPENED), IN_PROGRESS, Who.ASSIGNEE, "开始办理", EventKind.STARTED),
        SEND_BACK(EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED), ACCEPTED, Who.ASSIGNEE, "退回", EventKind.SENT_BACK),
        RESOLVE(OPEN, RESOLVED, Who.ASSIGNEE, "办结", EventKind.RESOLVED),
        REJECT(EnumSet.of(ACCEPTED, ASSIGNED), REJECTED, Who.STAFF, "不予受理", EventKind.REJECTED),
        CONFIRM(EnumSet.of(RESOLVED), CLOSED, Who.REQUESTER, "确认解决", EventKind.CONFIRMED),
        REOPEN(EnumSet.of(RESOLVED), REOPENED, Who.REQUESTER, "重新打开", EventKind.REOPENED),
        CLOSE(EnumSet.of(RESOLVED), CLOSED, Who.STAFF, "关闭", EventKind.CLOSED),
        /** Staff's triage ({@code PATCH}): category and priority, while the request is open; the status stays. */
        EDIT(OPEN, null, Who.STAFF, "修改", EventKind.TRIAGED),
        /** A reply to the resident; as an internal note it is a {@link EventKind#NOTE}. An append, at any status. */
        NOTE(EnumSet.allOf(Status.class), null, Who.HANDLERS, "留言", EventKind.REPLY),
        /** The resident's rating: it also confirms a resolved request; a closed one can still be rated, once. */
        RATE(EnumSet.of(RESOLVED, CLOSED), CLOSED, Who.REQUESTER, "评价", EventKind.RATED);

        /** The actions of the transitions route. */
        public static final Set<Action> TRANSITIONS = Collections.unmodifiableSet(EnumSet.range(ASSIGN, CLOSE));
        /** Their wire names, which that route's body accepts. */
        public static final List<String> WIRE = TRANSITIONS.stream().map(Action::wire).toList();

        public final Set<Status> from;
        /** The status after the action; null when it leaves the status as it is. */
        public final Status to;
        public final Who who;
        /** The action's name in Chinese, for the 409 that refuses it. */
        public final String zh;
        private final EventKind event;

        Action(Set<Status> from, Status to, Who who, String zh, EventKind event) {
            this.from = from;
            this.to = to;
            this.who = who;
            this.zh = zh;
            this.event = event;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action ofWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    private Lifecycle() {}

    /** Whether this caller is among those who may take {@code action} on this request, at some status. */
    public static boolean mayTake(Caller caller, Action action, ResidentRequest request) {
        return action.who.includes(caller, request);
    }

    /** May this caller take this action on this request at all? Else 403, naming what they lack. */
    public static void authorize(Caller caller, Action action, ResidentRequest request) {
        if (!mayTake(caller, action, request)) throw Problem.forbidden(action.who.refusal);
    }

    /**
     * The status {@code action} leads to from where the request stands now; 409 if it cannot be
     * taken now: a status it may not start from, a reopen after {@link #REOPEN_WINDOW}, a second
     * rating.
     */
    public static Status next(Action action, ResidentRequest request, Instant now) {
        if (!action.from.contains(request.status())) throw notNow(request.status(), action);
        if (action == Action.REOPEN && request.resolution() != null
                && request.resolution().at().plus(REOPEN_WINDOW).isBefore(now)) {
            throw Problem.conflict("reopen_window_closed", Map.of("days", REOPEN_WINDOW.toDays()));
        }
        if (action == Action.RATE && request.rating() != null) throw Problem.conflict("already_rated");
        return action.to == null ? request.status() : action.to;
    }

    /** The timeline entry an action writes: assigning a request that has an assignee is a transfer. */
    public static EventKind event(Action action, ResidentRequest before) {
        return action == Action.ASSIGN && before.assignee() != null ? EventKind.TRANSFERRED : action.event;
    }

    /** 409: what the request's status does not allow now; named in both languages. */
    private static Problem notNow(Status status, Action action) {
        return Problem.conflict("invalid_transition",
                Map.of("status", status.wire(), "status_zh", status.zh, "action", action.wire(), "action_zh", action.zh));
    }
}
