package community.linli.requests;

import community.linli.tables.requests.Access;
import community.linli.tables.requests.Lifecycle;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.DirectoryStore;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Problem;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.Rating;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.RequestStore.IdempotencyRecord;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Resolution;
import community.linli.tables.requests.Status;
import community.linli.tables.requests.TimelineEvent;
import community.linli.platform.store.Page;
import community.linli.platform.http.StaleVersionException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What the requests routes do, apart from HTTP: who may act, what is checked, what is written. */
final class Requests {
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /**
     * A request filed at a point on the map belongs to the grid of the nearest building within this
     * distance (a courtyard, the street in front); farther off, nobody's grid is a safe guess, and
     * it waits in the staff's unplaced queue.
     */
    static final double PLACE_WITHIN_METERS = 300;

    private final RequestStore store;
    private final DirectoryStore directory;
    private final FileStore files;
    private final Answers answers = new Answers();
    private final Clock clock;

    Requests(RequestStore store, DirectoryStore directory, FileStore files, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.files = files;
        this.clock = clock;
    }

    /** A submit's outcome: the view, and whether it replays the answer to an earlier identical submit. */
    record Submitted(Views.RequestView view, boolean replayed) {}

    // ---------------------------------------------------------------- residents

    Submitted submit(Caller caller, SubmitRequestBody body, Optional<String> idempotencyKey) {
        // Only a retry-safe submit needs the body's fingerprint; skipping it saves first-call work.
        String bodyHash = idempotencyKey.isPresent() ? hash(Json.canonical(body)) : null;
        if (idempotencyKey.isPresent()) {
            Optional<IdempotencyRecord> earlier = store.findIdempotency(caller.communityId(), caller.sub(), idempotencyKey.get());
            if (earlier.isPresent()) return replay(earlier.get(), bodyHash);
        }
        Instant now = now();
        LocationBody where = body.location();
        var lookup = directory.lookup(caller.communityId(), body.category(), where.buildingId(), Sla.calendarYears(now));

        Check check = Check.of();
        Category category = lookup.category().orElse(null);
        if (category == null) check.add("category", "unknown_category");
        else if (!category.enabled()) check.add("category", "category_disabled");
        else if (category.emergency() != null) {
            throw Problem.emergency("category", category.emergency().message(), category.emergency().phone());
        }
        String gridId = null;
        if (where.buildingId() != null) {
            Building building = lookup.building().orElse(null);
            if (building == null) check.add("location.buildingId", "unknown_building");
            else if (where.gridId() != null && !where.gridId().equals(building.gridId())) check.add("location.gridId", "grid_mismatch");
            else gridId = building.gridId();
        }
        if (category != null) answers.check(check, category, body.answers());
        checkPhotos(check, caller, body.photoKeys(), "photoKeys");
        check.done();
        if (where.buildingId() == null) {
            gridId = Building.nearest(directory.buildings(caller.communityId()), where.latitude(), where.longitude(), PLACE_WITHIN_METERS)
                    .map(Building::gridId).orElse(null);
        }

        String id = store.nextTrackingNumber(caller.communityId());
        Priority urgency = Priority.ofWire(body.urgency());
        var location = new Location(gridId, where.buildingId(), where.unitId(), where.roomId(),
                where.latitude(), where.longitude(), where.address());
        var request = new ResidentRequest(caller.communityId(), id, caller.sub(), category.code(), body.description(),
                location, urgency, urgency, body.contactPhone(), body.photoKeys(), body.answers(), body.hideIdentity(),
                Status.ACCEPTED, null, now, now, Sla.expectedAt(now, category, lookup::calendar), null, null, 0, 1);
        var submitted = TimelineEvent.of("submitted", caller.sub(), roleOf(caller), now, Status.ACCEPTED);
        var view = Views.detail(caller, request, List.of(submitted), files, now);
        IdempotencyRecord record = idempotencyKey
                .map(key -> new IdempotencyRecord(key, bodyHash, id, Json.write(view)))
                .orElse(null);
        try {
            store.create(request, submitted, record);
        } catch (RequestStore.IdempotencyKeyTaken raced) {
            return replay(store.findIdempotency(caller.communityId(), caller.sub(), idempotencyKey.orElseThrow())
                    .orElseThrow(() -> raced), bodyHash);
        } catch (RequestStore.PhotosNotOwned notOwned) {
            throw photosNotOwned(notOwned);
        }
        Log.info("request.submitted", "communityId", caller.communityId(), "requestId", id, "category", category.code(),
                "photos", body.photoKeys().size());
        return new Submitted(view, false);
    }

    private Submitted replay(IdempotencyRecord earlier, String bodyHash) {
        if (!earlier.bodyHash().equals(bodyHash)) throw Problem.idempotencyMismatch();
        Log.info("request.submit_replayed", "requestId", earlier.requestId());
        Views.RequestView first = Json.parse(earlier.response(), Views.RequestView.class);
        return new Submitted(Views.withFreshPhotoLinks(first, files), true);
    }

    Views.RequestView get(Caller caller, String id) {
        var found = findVisible(caller, id);
        return Views.detail(caller, found.request(), found.timeline(), files, now());
    }

    Views.PageView<Views.RequestSummary> listMine(Caller caller, int limit, String cursor) {
        Page<ResidentRequest> page = store.listByRequester(caller.communityId(), caller.sub(), limit, cursor);
        Instant now = now();
        return new Views.PageView<>(page.items().stream().map(r -> Views.summary(caller, r, now)).toList(), page.nextCursor());
    }

    Views.RequestView rate(Caller caller, String id, RatingBody body) {
        var found = findVisible(caller, id);
        ResidentRequest request = found.request();
        if (!Access.isRequester(caller, request)) throw Problem.forbidden("not_requester");
        checkVersion(request, body.version());
        if (request.status() != Status.RESOLVED && request.status() != Status.CLOSED) {
            throw Lifecycle.notNow(request.status(), "rate", "评价");
        }
        if (request.rating() != null) throw Problem.conflict("already_rated");
        Instant now = now();
        // Rating a resolved request also confirms it: the loop ends with the resident's verdict.
        var rated = request.change(now).rating(new Rating(body.score(), body.comment(), now)).status(Status.CLOSED).build();
        var event = TimelineEvent.of("rated", caller.sub(), roleOf(caller), now, Status.CLOSED)
                .withText(body.comment());
        store.update(rated, request.version(), event);
        Log.info("request.rated", "requestId", id, "score", body.score());
        return Views.detail(caller, rated, append(found.timeline(), event), files, now);
    }

    /** A presigned PUT under an opaque key, and the record that this caller owns it (the key itself names nobody). */
    FileStore.Upload upload(Caller caller, UploadBody body) {
        FileStore.Upload upload = files.presignPhotoUpload(caller.communityId(), body.contentType(), body.size());
        store.recordUpload(caller.communityId(), upload.key(), caller.sub(), body.contentType(), body.size());
        return upload;
    }

    // ---------------------------------------------------------------- staff and grid workers

    /** The inbox filters, as parsed from the query string. */
    record InboxFilter(String grid, boolean unplaced, String assignee, Set<Status> statuses, String category, boolean overdue,
                       int limit, String cursor) {}

    Views.PageView<Views.RequestSummary> inbox(Caller caller, InboxFilter filter) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        String grid = filter.grid();
        String assignee = "me".equals(filter.assignee()) ? caller.sub() : filter.assignee();
        if (!caller.isStaff()) {
            if (filter.unplaced()) throw Problem.forbidden("role_required");
            if (assignee != null && !assignee.equals(caller.sub())) throw Problem.forbidden("role_required");
            if (grid != null && !caller.gridIds().contains(grid)) throw Problem.forbidden("grid_not_covered");
            if (grid == null && assignee == null) {
                if (caller.gridIds().size() != 1) throw Problem.invalid("grid", "grid_required");
                grid = caller.gridIds().iterator().next();
            }
        }
        Instant now = now();
        boolean open = filter.statuses().isEmpty() || filter.statuses().stream().allMatch(Status::open);
        var page = store.inbox(new RequestStore.InboxQuery(caller.communityId(), grid, filter.unplaced(), assignee,
                open, filter.statuses(), filter.category(), filter.overdue() ? now : null, filter.limit(), filter.cursor()));
        return new Views.PageView<>(page.items().stream().map(r -> Views.summary(caller, r, now)).toList(), page.nextCursor());
    }

    Views.RequestView patch(Caller caller, String id, PatchRequestBody body) {
        var found = findVisible(caller, id);
        ResidentRequest request = found.request();
        caller.require(Role.STAFF, Role.ADMIN);
        checkVersion(request, body.version());
        if (!request.status().open()) throw Lifecycle.notNow(request.status(), "edit", "修改");
        boolean newCategory = body.category() != null && !body.category().equals(request.category());
        boolean newPriority = body.priority() != null && Priority.ofWire(body.priority()) != request.priority();
        if (!newCategory && !newPriority) throw Problem.invalid("body", "empty_update");
        Instant now = now();
        var changed = request.change(now);
        if (newPriority) changed.priority(Priority.ofWire(body.priority()));
        if (newCategory) {
            var lookup = directory.lookup(caller.communityId(), body.category(), null, Sla.calendarYears(request.createdAt()));
            Category category = lookup.category().orElseThrow(() -> Problem.invalid("category", "unknown_category"));
            if (!category.enabled()) throw Problem.invalid("category", "category_disabled");
            if (category.emergency() != null) throw Problem.invalid("category", "category_emergency");
            changed.category(category.code()).expectedAt(Sla.expectedAt(request.createdAt(), category, lookup::calendar));
        }
        ResidentRequest updated = changed.build();
        var event = new TimelineEvent("triaged", caller.sub(), roleOf(caller), now, updated.status(), true,
                null, null, null, List.of()).withText(describeTriage(request, updated));
        List<TimelineEvent> events = new ArrayList<>(List.of(event));
        // A new due time already past may lie behind the overdue sweep's watermark, where the sweep
        // no longer reads: the triage marks it itself (the sweep would find the mark if it did read it).
        if (!updated.expectedAt().equals(request.expectedAt()) && updated.overdueAt(now)) events.add(TimelineEvent.overdue(updated));
        store.update(updated, request.version(), events);
        Log.info("request.triaged", "requestId", id);
        List<TimelineEvent> timeline = new ArrayList<>(found.timeline());
        timeline.addAll(events);
        return Views.detail(caller, updated, timeline, files, now);
    }

    Views.RequestView transition(Caller caller, String id, TransitionBody body) {
        var found = findVisible(caller, id);
        ResidentRequest request = found.request();
        Lifecycle.Action action = body.move();
        Lifecycle.authorize(caller, action, request);
        checkVersion(request, body.version());
        Instant now = now();
        Status next = Lifecycle.next(action, request, now);
        var changed = request.change(now).status(next);
        var event = TimelineEvent.of(action == Lifecycle.Action.ASSIGN && request.assignee() != null ? "transferred" : eventKind(action),
                caller.sub(), roleOf(caller), now, next).withReason(body.reason());
        switch (action) {
            case ASSIGN -> {
                if (request.assignee() != null && body.reason() == null) throw Problem.invalid("reason", "reason_required");
                changed.assignee(body.assignee().toAssignee());
                event = event.withAssignee(body.assignee().toAssignee());
            }
            case SEND_BACK -> changed.assignee(null);
            case RESOLVE -> {
                Check check = Check.of();
                checkPhotos(check, caller, body.photoKeys(), "photoKeys");
                check.done();
                changed.resolution(new Resolution(body.text(), body.photoKeys(), caller.sub(), now));
                event = event.withText(body.text()).withPhotos(body.photoKeys());
            }
            case REOPEN -> {
                var lookup = directory.lookup(caller.communityId(), request.category(), null, Sla.calendarYears(now));
                Instant due = lookup.category().map(c -> Sla.expectedAt(now, c, lookup::calendar)).orElse(request.expectedAt());
                changed.reopenCount(request.reopenCount() + 1).expectedAt(due);
                event = event.withText(body.reason());
            }
            default -> { }
        }
        ResidentRequest updated = changed.build();
        try {
            store.update(updated, request.version(), event);
        } catch (RequestStore.PhotosNotOwned notOwned) {
            throw photosNotOwned(notOwned);
        }
        Log.info("request.transition", "requestId", id, "action", action.wire(), "status", next.wire());
        return Views.detail(caller, updated, append(found.timeline(), event), files, now);
    }

    Views.RequestView note(Caller caller, String id, NoteBody body) {
        var found = findVisible(caller, id);
        ResidentRequest request = found.request();
        if (!Access.handlerSide(caller, request)) throw Problem.forbidden("role_required");
        Instant now = now();
        var event = new TimelineEvent(body.internal() ? "note" : "reply", caller.sub(), roleOf(caller), now,
                request.status(), body.internal(), body.text(), null, null, List.of());
        store.append(request, event);
        Log.info("request.noted", "requestId", id, "internal", body.internal());
        return Views.detail(caller, request, append(found.timeline(), event), files, now);
    }

    // ---------------------------------------------------------------- helpers

    /** The request and timeline, if this caller may see them; 404 otherwise, exactly as if it did not exist. */
    private RequestStore.WithTimeline findVisible(Caller caller, String id) {
        caller.requireMember();
        return store.findWithTimeline(caller.communityId(), id, caller.isStaff() || caller.isGridWorker())
                .filter(found -> Access.canSee(caller, found.request()))
                .map(found -> Access.handlerSide(caller, found.request()) ? found
                        : new RequestStore.WithTimeline(found.request(), found.timeline().stream().filter(e -> !e.internal()).toList()))
                .orElseThrow(Problem::notFound);
    }

    private static void checkVersion(ResidentRequest request, long basedOn) {
        if (request.version() != basedOn) throw new StaleVersionException(request.version());
    }

    /** That each photo is stored with an allowed type and size; that the caller uploaded it, the write that attaches it checks. */
    private void checkPhotos(Check check, Caller caller, List<String> keys, String field) {
        for (int i = 0; i < keys.size(); i++) {
            switch (files.checkPhoto(caller.communityId(), keys.get(i))) {
                case NOT_OWNED -> check.add(field + "[" + i + "]", "photo_not_owned");
                case NOT_UPLOADED -> check.add(field + "[" + i + "]", "photo_not_uploaded");
                case INVALID -> check.add(field + "[" + i + "]", "photo_invalid");
                case OK -> { }
            }
        }
    }

    /** Both submit and resolve take their photos in {@code photoKeys}. */
    private static Problem photosNotOwned(RequestStore.PhotosNotOwned notOwned) {
        return Problem.invalid(notOwned.indexes().stream().map(i -> new FieldError("photoKeys[" + i + "]", "photo_not_owned")).toList());
    }

    private static String eventKind(Lifecycle.Action action) {
        return switch (action) {
            case ASSIGN -> "assigned";
            case START -> "started";
            case SEND_BACK -> "sent_back";
            case RESOLVE -> "resolved";
            case REJECT -> "rejected";
            case CONFIRM -> "confirmed";
            case REOPEN -> "reopened";
            case CLOSE -> "closed";
        };
    }

    private static String describeTriage(ResidentRequest before, ResidentRequest after) {
        StringBuilder out = new StringBuilder();
        if (!before.category().equals(after.category())) out.append("category ").append(before.category()).append(" → ").append(after.category());
        if (before.priority() != after.priority()) {
            if (!out.isEmpty()) out.append("; ");
            out.append("priority ").append(before.priority().wire()).append(" → ").append(after.priority().wire());
        }
        return out.isEmpty() ? "no change" : out.toString();
    }

    /** The role a timeline shows for an actor: the most specific one they hold. */
    static String roleOf(Caller caller) {
        if (caller.is(Role.ADMIN)) return "admin";
        if (caller.is(Role.STAFF)) return "staff";
        if (caller.is(Role.GRID_WORKER)) return "grid_worker";
        return "resident";
    }

    private static List<TimelineEvent> append(List<TimelineEvent> timeline, TimelineEvent event) {
        var all = new java.util.ArrayList<>(timeline);
        all.add(event);
        return all;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String hash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
