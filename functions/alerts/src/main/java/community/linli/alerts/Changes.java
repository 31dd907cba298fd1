package community.linli.alerts;

import community.linli.platform.store.StreamImages;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.RequestItems;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which records of the requests stream call for alerts, read from the record's images alone (no
 * AWS call). A request's own item says most: its INSERT is a new request; a MODIFY that names a new
 * assignee is an assignment or a transfer; one that moves it to {@code reopened} is the resident's
 * reopen (only the requester may reopen); one that adds a rating of 2 or less is a low rating. An
 * overdue mark is its own timeline item (the sweep never changes a request), so it names its
 * request, which {@link AlertsHandler} reads; so does an escalation mark ({@link Escalations}). Every other record (timeline entries, bookkeeping,
 * removals by TTL, the alerts' own sent records) calls for nothing.
 */
final class Changes {
    static final int LOW_RATING = 2;

    /** What a record calls for. */
    sealed interface Trigger permits AboutRequest, OverdueMark, Escalations.Step {}

    /** An alert of {@code kind} about {@code request} as the change left it; {@code assignee} for an assignment or transfer. */
    record AboutRequest(AlertKind kind, ResidentRequest request, Assignee assignee) implements Trigger {
        /** The change's occasion: the version it made, so each change of a request alerts once. */
        String occasion() {
            return "v" + request.version();
        }
    }

    /** The overdue sweep marked the request {@code requestId} past the due time {@code due}. */
    record OverdueMark(String communityId, String requestId, Instant due) implements Trigger {}

    private Changes() {}

    static List<Trigger> of(StreamImages.Change record) {
        if ("REMOVE".equals(record.eventName()) || record.newImage().isEmpty()) return List.of();
        var escalation = Escalations.Step.of(record);
        if (escalation.isPresent()) return List.of(escalation.get());
        var after = RequestItems.fromItem(record.newImage());
        if (after instanceof RequestItems.EventItem event) {
            boolean insert = "INSERT".equals(record.eventName());
            return insert && event.event().kind() == EventKind.OVERDUE
                    ? List.of(new OverdueMark(event.communityId(), event.requestId(), event.event().at())) : List.of();
        }
        if (!(after instanceof RequestItems.RequestItem(ResidentRequest request))) return List.of();
        if (!(RequestItems.fromItem(record.oldImage()) instanceof RequestItems.RequestItem(ResidentRequest before))) {
            return List.of(new AboutRequest(AlertKind.NEW_REQUEST, request, null));
        }
        List<Trigger> triggers = new ArrayList<>();
        Assignee assignee = request.assignee();
        if (assignee != null && (before.assignee() == null || !Objects.equals(before.assignee().staffId(), assignee.staffId()))) {
            triggers.add(new AboutRequest(before.assignee() == null ? AlertKind.ASSIGNED : AlertKind.TRANSFERRED, request, assignee));
        }
        if (request.status() == Status.REOPENED && before.status() != Status.REOPENED) {
            triggers.add(new AboutRequest(AlertKind.REOPENED, request, null));
        }
        if (request.rating() != null && before.rating() == null && request.rating().score() <= LOW_RATING) {
            triggers.add(new AboutRequest(AlertKind.LOW_RATING, request, null));
        }
        return triggers;
    }
}
