package community.linli.requests;

import community.linli.tables.requests.Access;
import community.linli.platform.auth.Caller;
import community.linli.platform.files.FileStore;
import community.linli.platform.files.FileStore.Photo;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.TimelineEvent;
import community.linli.tables.requests.EventKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** What the API shows of requests, cut to what each caller may see ({@link Access}). */
final class Views {
    private Views() {}

    record AssigneeView(String role, String name, String staffId) {}

    record ResolutionView(String text, List<Photo> photos, Instant at) {}

    record RatingView(int score, String comment, Instant at) {}

    record EventView(String kind, Instant at, String status, String actorRole, String actorSub, String text,
                     String reason, AssigneeView assignee, List<Photo> photos, Boolean internal) {}

    /** One request, in full, with its timeline. */
    record RequestView(String id, String status, String category, String description, Location location,
                       String urgency, String priority, String requesterSub, String contactPhone, Boolean hideIdentity,
                       List<Photo> photos, Map<String, Object> answers, AssigneeView assignee,
                       Instant createdAt, Instant updatedAt, Instant expectedAt, boolean overdue,
                       ResolutionView resolution, RatingView rating, Integer reopenCount, long version,
                       List<EventView> timeline) {}

    /** One line of a list: what an inbox or "my requests" needs to sort and open it. */
    record RequestSummary(String id, String status, String category, String description, Location location,
                          String urgency, String priority, AssigneeView assignee, Instant createdAt,
                          Instant expectedAt, boolean overdue, long version) {}

    record PageView<T>(List<T> items, String nextCursor) {}

    /** {@code openPhone} turns the sealed contact phone into plain text; called only when the caller sees it. */
    static RequestView detail(Caller caller, ResidentRequest r, List<TimelineEvent> timeline, FileStore files,
                              UnaryOperator<String> openPhone, Instant now) {
        boolean handler = Access.handlerSide(caller, r);
        boolean requester = Access.seesRequester(caller, r);
        return new RequestView(r.id(), r.status().wire(), r.category(), r.description(), r.location(),
                r.urgency().wire(), handler ? r.priority().wire() : null,
                requester && handler ? r.requesterSub() : null,
                requester && r.sealedContactPhone() != null ? openPhone.apply(r.sealedContactPhone()) : null,
                Access.seesIdentityChoice(caller, r) ? r.hideIdentity() : null,
                photos(r.photoKeys(), files), r.answers().isEmpty() ? null : r.answers(),
                assignee(r.assignee(), handler), r.createdAt(), r.updatedAt(), r.expectedAt(), r.overdueAt(now),
                r.resolution() == null ? null : new ResolutionView(r.resolution().text(),
                        photos(r.resolution().photoKeys(), files), r.resolution().at()),
                r.rating() == null ? null : new RatingView(r.rating().score(), r.rating().comment(), r.rating().at()),
                r.reopenCount() > 0 ? r.reopenCount() : null, r.version(),
                timeline.stream().filter(e -> handler || !e.internal())
                        .map(e -> event(e, handler, requester || !e.actorSub().equals(r.requesterSub()), files)).toList());
    }

    static RequestSummary summary(Caller caller, ResidentRequest r, Instant now) {
        boolean handler = Access.handlerSide(caller, r);
        return new RequestSummary(r.id(), r.status().wire(), r.category(), r.description(), r.location(),
                r.urgency().wire(), handler ? r.priority().wire() : null, assignee(r.assignee(), handler),
                r.createdAt(), r.expectedAt(), r.overdueAt(now), r.version());
    }

    /** The same view with another contact phone: sealed to be stored for a replay, opened to answer one. */
    static RequestView withContactPhone(RequestView v, String contactPhone) {
        return new RequestView(v.id(), v.status(), v.category(), v.description(), v.location(), v.urgency(), v.priority(),
                v.requesterSub(), contactPhone, v.hideIdentity(), v.photos(), v.answers(), v.assignee(),
                v.createdAt(), v.updatedAt(), v.expectedAt(), v.overdue(), v.resolution(), v.rating(), v.reopenCount(),
                v.version(), v.timeline());
    }

    /** A stored view with its photo links signed again: a replay may come long after the first links expired. */
    static RequestView withFreshPhotoLinks(RequestView v, FileStore files) {
        return new RequestView(v.id(), v.status(), v.category(), v.description(), v.location(), v.urgency(), v.priority(),
                v.requesterSub(), v.contactPhone(), v.hideIdentity(),
                photos(v.photos().stream().map(Photo::key).toList(), files), v.answers(), v.assignee(),
                v.createdAt(), v.updatedAt(), v.expectedAt(), v.overdue(), v.resolution(), v.rating(), v.reopenCount(),
                v.version(), v.timeline());
    }

    /** Reasons residents are told: why their request was not taken or was closed. Others stay with staff. */
    private static final Set<EventKind> PUBLIC_REASONS = EnumSet.of(EventKind.REJECTED, EventKind.CLOSED);

    /** {@code showActor}: false when the actor is a resident who asked to stay hidden from this caller. */
    private static EventView event(TimelineEvent e, boolean handler, boolean showActor, FileStore files) {
        return new EventView(e.kind().wire(), e.at(), e.status() == null ? null : e.status().wire(), e.actorRole(),
                handler && showActor ? e.actorSub() : null, e.text(),
                handler || PUBLIC_REASONS.contains(e.kind()) ? e.reason() : null,
                assignee(e.assignee(), handler), e.photoKeys().isEmpty() ? null : photos(e.photoKeys(), files),
                handler ? e.internal() : null);
    }

    private static AssigneeView assignee(Assignee a, boolean handler) {
        if (a == null) return null;
        return new AssigneeView(a.role(), a.name(), handler ? a.staffId() : null);
    }

    private static List<Photo> photos(List<String> keys, FileStore files) {
        return keys.stream().map(files::photo).toList();
    }
}
