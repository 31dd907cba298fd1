package community.linli.tables.requests;

import static community.linli.tables.requests.Status.ACCEPTED;
import static community.linli.tables.requests.Status.ASSIGNED;
import static community.linli.tables.requests.Status.CLOSED;
import static community.linli.tables.requests.Status.IN_PROGRESS;
import static community.linli.tables.requests.Status.REJECTED;
import static community.linli.tables.requests.Status.REOPENED;
import static community.linli.tables.requests.Status.RESOLVED;

import community.linli.platform.auth.Caller;
import community.linli.platform.http.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one state machine every status move of a request goes through (README: "The request
 * lifecycle"). Each action names the statuses it may start from, the status it leads to and who
 * may take it:
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
 */
public final class Lifecycle {
    public static final Duration REOPEN_WINDOW = Duration.ofDays(7);

    public enum Who { STAFF, HANDLER, REQUESTER }

    public enum Action {
        ASSIGN(EnumSet.of(ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED), ASSIGNED, Who.STAFF, "派单"),
        START(EnumSet.of(ASSIGNED, REOPENED), IN_PROGRESS, Who.HANDLER, "开始办理"),
        SEND_BACK(EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED), ACCEPTED, Who.HANDLER, "退回"),
        RESOLVE(EnumSet.of(ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED), RESOLVED, Who.HANDLER, "办结"),
        REJECT(EnumSet.of(ACCEPTED, ASSIGNED), REJECTED, Who.STAFF, "不予受理"),
        CONFIRM(EnumSet.of(RESOLVED), CLOSED, Who.REQUESTER, "确认解决"),
        REOPEN(EnumSet.of(RESOLVED), REOPENED, Who.REQUESTER, "重新打开"),
        CLOSE(EnumSet.of(RESOLVED), CLOSED, Who.STAFF, "关闭");

        public static final List<String> WIRE = Arrays.stream(values()).map(Action::wire).toList();

        public final Set<Status> from;
        public final Status to;
        public final Who who;
        public final String zh;

        Action(Set<Status> from, Status to, Who who, String zh) {
            this.from = from;
            this.to = to;
            this.who = who;
            this.zh = zh;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action ofWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    private Lifecycle() {}

    /** 409: what the request's status does not allow now; named in both languages. */
    public static Problem notNow(Status status, String action, String actionZh) {
        return Problem.conflict("invalid_transition",
                Map.of("status", status.wire(), "status_zh", status.zh, "action", action, "action_zh", actionZh));
    }

    /** May this caller take this action on this request at all? Else 403. */
    public static void authorize(Caller caller, Action action, ResidentRequest request) {
        boolean allowed = switch (action.who) {
            case STAFF -> caller.isStaff();
            case HANDLER -> caller.isStaff() || request.assignedTo(caller.sub());
            case REQUESTER -> request.requesterSub().equals(caller.sub());
        };
        if (!allowed) {
            throw Problem.forbidden(switch (action.who) {
                case STAFF -> "role_required";
                case HANDLER -> "not_assignee";
                case REQUESTER -> "not_requester";
            });
        }
    }

    /** The status {@code action} leads to from where the request stands now; 409 if it cannot be taken now. */
    public static Status next(Action action, ResidentRequest request, Instant now) {
        if (!action.from.contains(request.status())) throw notNow(request.status(), action.wire(), action.zh);
        if (action == Action.REOPEN && request.resolution() != null
                && request.resolution().at().plus(REOPEN_WINDOW).isBefore(now)) {
            throw Problem.conflict("reopen_window_closed", Map.of("days", REOPEN_WINDOW.toDays()));
        }
        return action.to;
    }
}
