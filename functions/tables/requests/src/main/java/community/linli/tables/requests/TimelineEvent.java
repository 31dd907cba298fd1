package community.linli.tables.requests;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a request's timeline. Each is its own item, so the table's stream hands every
 * change (new request, assignment, status move, reply, overdue) to the alerts as a separate
 * record. {@code internal} entries (internal notes) are stored apart from the public timeline and
 * never read for a resident. {@code reason} explains transfers, send-backs and rejections to staff.
 */
public record TimelineEvent(
        EventKind kind,
        String actorSub,
        String actorRole,
        Instant at,
        Status status,
        boolean internal,
        String text,
        String reason,
        Assignee assignee,
        List<String> photoKeys) {

    public TimelineEvent {
        photoKeys = photoKeys == null ? List.of() : List.copyOf(photoKeys);
    }

    public static TimelineEvent of(EventKind kind, String actorSub, String actorRole, Instant at, Status status) {
        return new TimelineEvent(kind, actorSub, actorRole, at, status, false, null, null, null, List.of());
    }

    /** The first entry of a {@link ResidentRequest#filed} request: its requester, acting as {@code actorRole}, submitted it. */
    public static TimelineEvent submitted(ResidentRequest request, String actorRole) {
        return of(EventKind.SUBMITTED, request.requesterSub(), actorRole, request.createdAt(), request.status());
    }

    /**
     * That {@code request} passed its due time: written by the system, dated at the due time it
     * marks, and stored under a key made of that due time alone, so that each due time of a
     * request is marked once however often it is seen.
     */
    public static TimelineEvent overdue(ResidentRequest request) {
        return of(EventKind.OVERDUE, "system", "system", request.expectedAt(), request.status());
    }

    public TimelineEvent withText(String value) {
        return new TimelineEvent(kind, actorSub, actorRole, at, status, internal, value, reason, assignee, photoKeys);
    }

    public TimelineEvent withReason(String value) {
        return new TimelineEvent(kind, actorSub, actorRole, at, status, internal, text, value, assignee, photoKeys);
    }

    public TimelineEvent withAssignee(Assignee value) {
        return new TimelineEvent(kind, actorSub, actorRole, at, status, internal, text, reason, value, photoKeys);
    }

    public TimelineEvent withPhotos(List<String> keys) {
        return new TimelineEvent(kind, actorSub, actorRole, at, status, internal, text, reason, assignee, keys);
    }

    public TimelineEvent asInternal() {
        return new TimelineEvent(kind, actorSub, actorRole, at, status, true, text, reason, assignee, photoKeys);
    }
}
