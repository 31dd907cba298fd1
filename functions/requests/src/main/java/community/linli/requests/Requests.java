package community.linli.requests;

import community.linli.tables.requests.Access;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.Lifecycle;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.tables.directory.Answers;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Sla;
import community.linli.tables.staff.StaffStore;
import community.linli.platform.crypto.FieldCrypto;
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
import community.linli.tables.requests.EventKind;
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
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the requests routes do, apart from HTTP: who may act, what is checked, what is written.
 * Every route on one request starts with {@link #authorize}; the methods that take a
 * {@link Target} run after it and check only what the body asks for.
 */
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
    private final Assignees assignees;
    private final FileStore files;
    private final FieldCrypto crypto;
    private final Clock clock;

    Requests(RequestStore store, DirectoryStore directory, StaffStore staff, FileStore files, FieldCrypto crypto, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.assignees = new Assignees(staff);
        this.files = files;
        this.crypto = crypto;
        this.clock = clock;
    }

    /** A request the caller may see, with the part of its timeline they may see: what {@link #authorize} hands on. */
    record Target(Caller caller, ResidentRequest request, List<TimelineEvent> timeline) {}

    /**
     * The one authorization step of a route on one request, run before its body is read:
     * <ol>
     * <li>the caller holds a role that one of {@code actions} needs, or any group for a read (403
     *     {@code role_required}, whichever request is named: it tells nothing about the request);</li>
     * <li>the request exists and they may see it ({@link Access}; 404 otherwise, exactly as if it
     *     did not exist);</li>
     * <li>they are among who may take one of {@code actions} on it ({@link Lifecycle}; 403). A route
     *     that offers several (transitions) checks the one the body names after reading it.</li>
     * </ol>
     * So a caller who may not see a request gets 404 whatever body they send, and one who may see
     * it but not act gets 403 before their body is looked at.
     */
    Target authorize(Caller caller, String id, Collection<Lifecycle.Action> actions) {
        Set<Role> roles = actions.isEmpty() ? EnumSet.allOf(Role.class) : EnumSet.noneOf(Role.class);
        actions.forEach(action -> roles.addAll(action.who.roles));
        caller.require(roles.toArray(Role[]::new));
        var found = store.findWithTimeline(caller.communityId(), id, Access.mayReadInternalNotes(caller))
                .filter(f -> Access.canSee(caller, f.request()))
                .orElseThrow(Problem::notFound);
        ResidentRequest request = found.request();
        if (!actions.isEmpty() && actions.stream().noneMatch(action -> Lifecycle.mayTake(caller, action, request))) {
            Lifecycle.authorize(caller, actions.iterator().next(), request);
        }
        List<TimelineEvent> timeline = Access.handlerSide(caller, request) ? found.timeline()
                : found.timeline().stream().filter(e -> !e.internal()).toList();
        return new Target(caller, request, timeline);
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
            throw Problem.emergency("category", category.emergency().message(), category.emergency().messageEn(),
                    category.emergency().phone());
        }
        String gridId = null;
        if (where.buildingId() != null) {
            Building building = lookup.building().orElse(null);
            if (building == null) check.add("location.buildingId", "unknown_building");
            else if (where.gridId() != null && !where.gridId().equals(building.gridId())) check.add("location.gridId", "grid_mismatch");
            else gridId = building.gridId();
        }
        if (category != null) Answers.check(check, category, body.answers(), "");
        files.checkPhotos(check, caller.communityId(), body.photoKeys(), "photoKeys");
        check.done();
        if (where.buildingId() == null) {
            gridId = Building.nearest(directory.buildings(caller.communityId()), where.latitude(), where.longitude(), PLACE_WITHIN_METERS)
                    .map(Building::gridId).orElse(null);
        }

        String id = store.nextTrackingNumber(caller.communityId());
        Priority urgency = Priority.ofWire(body.urgency());
        var location = new Location(gridId, where.buildingId(), where.unitId(), where.roomId(),
                where.latitude(), where.longitude(), where.address());
        String sealedPhone = body.contactPhone() == null ? null : crypto.seal(ResidentRequest.CONTACT_PHONE_FIELD, body.contactPhone());
        var request = ResidentRequest.filed(caller.communityId(), id, caller.sub(), category.code(), body.description(),
                location, urgency, sealedPhone, body.photoKeys(), body.answers(), body.hideIdentity(), now,
                Sla.expectedAt(now, category, lookup::calendar)).withSmsUpdates(body.smsUpdates());
        var submitted = TimelineEvent.submitted(request, Access.roleOf(caller));
        var view = detail(caller, request, List.of(submitted), now);
        // The replayable answer keeps the phone sealed, as the request does.
        IdempotencyRecord record = idempotencyKey
                .map(key -> new IdempotencyRecord(key, bodyHash, id, Json.write(Views.withContactPhone(view, sealedPhone))))
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
        String phone = first.contactPhone() == null ? null : crypto.open(ResidentRequest.CONTACT_PHONE_FIELD, first.contactPhone());
        return new Submitted(Views.withFreshPhotoLinks(Views.withContactPhone(first, phone), files), true);
    }

    /** The request as {@code caller} may see it; its contact phone is opened only for a caller who sees it. */
    private Views.RequestView detail(Caller caller, ResidentRequest request, List<TimelineEvent> timeline, Instant now) {
        return Views.detail(caller, request, timeline, files,
                sealed -> crypto.open(ResidentRequest.CONTACT_PHONE_FIELD, sealed), now);
    }

    Views.RequestView get(Target target) {
        return detail(target.caller(), target.request(), target.timeline(), now());
    }

    Views.PageView<Views.RequestSummary> listMine(Caller caller, int limit, String cursor) {
        Page<ResidentRequest> page = store.listByRequester(caller.communityId(), caller.sub(), limit, cursor);
        Instant now = now();
        return new Views.PageView<>(page.items().stream().map(r -> Views.summary(caller, r, now)).toList(), page.nextCursor());
    }

    /** After {@code authorize(…, List.of(Lifecycle.Action.RATE))}. */
    Views.RequestView rate(Target target, RatingBody body) {
        Caller caller = target.caller();
        ResidentRequest request = target.request();
        checkVersion(request, body.version());
        Instant now = now();
        Status next = Lifecycle.next(Lifecycle.Action.RATE, request, now);
        var rated = request.change(now).rating(new Rating(body.score(), body.comment(), now)).status(next).build();
        var event = TimelineEvent.of(Lifecycle.event(Lifecycle.Action.RATE, request), caller.sub(), Access.roleOf(caller), now, next)
                .withText(body.comment());
        store.update(rated, request.version(), event);
        Log.info("request.rated", "requestId", request.id(), "score", body.score());
        return detail(caller, rated, append(target.timeline(), event), now);
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
        var scope = Access.inbox(caller, filter.grid(), filter.unplaced(), "me".equals(filter.assignee()) ? me(caller) : filter.assignee());
        Instant now = now();
        boolean open = filter.statuses().isEmpty() || filter.statuses().stream().allMatch(Status::open);
        var page = store.inbox(new RequestStore.InboxQuery(caller.communityId(), scope.gridId(), filter.unplaced(), scope.assigneeId(),
                open, filter.statuses(), filter.category(), filter.overdue() ? now : null, filter.limit(), filter.cursor()));
        return new Views.PageView<>(page.items().stream().map(r -> Views.summary(caller, r, now)).toList(), page.nextCursor());
    }

    /** After {@code authorize(…, List.of(Lifecycle.Action.EDIT))}. */
    Views.RequestView patch(Target target, PatchRequestBody body) {
        Caller caller = target.caller();
        ResidentRequest request = target.request();
        checkVersion(request, body.version());
        Instant now = now();
        Lifecycle.next(Lifecycle.Action.EDIT, request, now);
        boolean newCategory = body.category() != null && !body.category().equals(request.category());
        boolean newPriority = body.priority() != null && Priority.ofWire(body.priority()) != request.priority();
        if (!newCategory && !newPriority) throw Problem.invalid("body", "empty_update");
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
        var event = TimelineEvent.of(Lifecycle.event(Lifecycle.Action.EDIT, request), caller.sub(), Access.roleOf(caller), now, updated.status())
                .withText(describeTriage(request, updated)).asInternal();
        List<TimelineEvent> events = new ArrayList<>(List.of(event));
        // A new due time already past may lie behind the overdue sweep's watermark, where the sweep
        // no longer reads: the triage marks it itself (the sweep would find the mark if it did read it).
        if (!updated.expectedAt().equals(request.expectedAt()) && updated.overdueAt(now)) events.add(TimelineEvent.overdue(updated));
        store.update(updated, request.version(), events);
        Log.info("request.triaged", "requestId", request.id());
        List<TimelineEvent> timeline = new ArrayList<>(target.timeline());
        timeline.addAll(events);
        return detail(caller, updated, timeline, now);
    }

    /**
     * After {@code authorize(…, Lifecycle.Action.TRANSITIONS)}: the caller may take some move
     * on this request; whether they may take the one the body names is checked here (403).
     */
    Views.RequestView transition(Target target, TransitionBody body) {
        Caller caller = target.caller();
        ResidentRequest request = target.request();
        Lifecycle.Action action = body.move();
        Lifecycle.authorize(caller, action, request);
        checkVersion(request, body.version());
        Instant now = now();
        Status next = Lifecycle.next(action, request, now);
        var changed = request.change(now).status(next);
        var event = TimelineEvent.of(Lifecycle.event(action, request), caller.sub(), Access.roleOf(caller), now, next)
                .withReason(body.reason());
        switch (action) {
            case ASSIGN -> {
                if (request.assignee() != null && body.reason() == null) throw Problem.invalid("reason", "reason_required");
                Assignee assignee = assignees.check(request, body.assignee());
                changed.assignee(assignee);
                event = event.withAssignee(assignee);
            }
            case SEND_BACK -> changed.assignee(null);
            case RESOLVE -> {
                Check check = Check.of();
                files.checkPhotos(check, caller.communityId(), body.photoKeys(), "photoKeys");
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
        Log.info("request.transition", "requestId", request.id(), "action", action.wire(), "status", next.wire());
        return detail(caller, updated, append(target.timeline(), event), now);
    }

    /** After {@code authorize(…, List.of(Lifecycle.Action.ASSIGN))}: whom the caller may hand the request to. */
    Assignees.AssigneesView assignees(Target target) {
        return assignees.of(target.request());
    }

    /** After {@code authorize(…, List.of(Lifecycle.Action.NOTE))}. */
    Views.RequestView note(Target target, NoteBody body) {
        Caller caller = target.caller();
        ResidentRequest request = target.request();
        Instant now = now();
        Status status = Lifecycle.next(Lifecycle.Action.NOTE, request, now);
        var event = TimelineEvent.of(body.internal() ? EventKind.NOTE : EventKind.REPLY, caller.sub(), Access.roleOf(caller), now, status)
                .withText(body.text());
        if (body.internal()) event = event.asInternal();
        store.append(request, event);
        Log.info("request.noted", "requestId", request.id(), "internal", body.internal());
        return detail(caller, request, append(target.timeline(), event), now);
    }

    // ---------------------------------------------------------------- helpers

    /** The caller's own staff id, for {@code assignee=me}: 403 for an account the staff registry does not know. */
    private static String me(Caller caller) {
        if (caller.staffId() == null) throw Problem.forbidden("not_in_directory");
        return caller.staffId();
    }

    private static void checkVersion(ResidentRequest request, long basedOn) {
        if (request.version() != basedOn) throw new StaleVersionException(request.version());
    }

    /** Both submit and resolve take their photos in {@code photoKeys}. */
    private static Problem photosNotOwned(RequestStore.PhotosNotOwned notOwned) {
        return Problem.invalid(notOwned.indexes().stream().map(i -> new FieldError("photoKeys[" + i + "]", "photo_not_owned")).toList());
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
