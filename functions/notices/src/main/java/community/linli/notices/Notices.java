package community.linli.notices;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import community.linli.platform.http.Problem;
import community.linli.platform.http.StaleVersionException;
import community.linli.platform.store.Page;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Grid;
import community.linli.tables.notices.Audience;
import community.linli.tables.notices.AudienceKind;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.notices.NoticeStore;
import community.linli.tables.notices.SignUp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/** What NoticesFunction does, route by route (see {@link NoticesHandler}). */
final class Notices {
    static final int MAX_TITLE = 100;
    static final int MAX_BODY = 5000;
    static final int MAX_ATTACHMENTS = 9;
    /** Announcements one schedule run sends per community; the rest wait for the next run. */
    static final int ANNOUNCE_BATCH = 50;

    private final NoticeStore store;
    private final DirectoryStore directory;
    private final Readers readers;
    private final FileStore files;
    private final Announcer announcer;
    private final Clock clock;

    Notices(NoticeStore store, DirectoryStore directory, Readers readers, FileStore files, Announcer announcer, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.readers = readers;
        this.files = files;
        this.announcer = announcer;
        this.clock = clock;
    }

    static void checkAttachments(Check check, List<String> attachments) {
        check.maxItems("attachments", attachments, MAX_ATTACHMENTS).distinct("attachments", attachments);
        for (int i = 0; attachments != null && i < attachments.size(); i++) {
            check.matches("attachments[" + i + "]", attachments.get(i), FileStore.PHOTO_KEY);
        }
    }

    // ---------------------------------------------------------------- staff

    NoticeView create(Caller caller, Supplier<CreateNoticeBody> read) {
        caller.require(Role.STAFF, Role.ADMIN);
        CreateNoticeBody body = read.get();
        Instant now = now();
        Check check = Check.of();
        if (body.publishAt() == null && !body.expiresAt().isAfter(now)) check.add("expiresAt", "not_after", Map.of("other", "publishAt"));
        Audience audience = body.audience().toAudience();
        checkAudience(check, caller.communityId(), audience, "audience");
        files.checkPhotos(check, caller.communityId(), body.attachments(), "attachments");
        check.done();
        Notice draft = new Notice(caller.communityId(), NoticeStore.newNoticeId(), body.title().strip(), body.body().strip(),
                NoticeKind.ofWire(body.kind()), body.attachments(), audience, millis(body.publishAt()), millis(body.expiresAt()),
                NoticeStatus.DRAFT, 1, now, now, caller.sub(), body.activity() == null ? null : body.activity().toActivity(),
                Emergencies.formJson(body.form()));
        store.create(draft);
        Log.info("notices.drafted", "communityId", caller.communityId(), "noticeId", draft.noticeId(), "kind", draft.kind().wire(), "by", caller.sub());
        return NoticeView.of(draft, now, files);
    }

    NoticeView patch(Caller caller, String noticeId, Supplier<PatchNoticeBody> read) {
        caller.require(Role.STAFF, Role.ADMIN);
        Notice current = store.get(caller.communityId(), noticeId).orElseThrow(Problem::notFound);
        PatchNoticeBody body = read.get();
        if (current.status() == NoticeStatus.WITHDRAWN) throw Problem.conflict("notice_withdrawn");
        if (current.version() != body.version()) throw new StaleVersionException(current.version());
        Instant now = now();
        Check check = Check.of();
        if (body.publishAt() != null && current.status() != NoticeStatus.DRAFT) check.add("publishAt", "notice_published");
        if (body.activity() != null && current.kind() != NoticeKind.ACTIVITY) check.add("activity", "requires", Map.of("field", "kind=activity"));
        else if (body.activity() != null && current.status() != NoticeStatus.DRAFT) check.add("activity", "notice_published");
        Instant publishAt = body.publishAt() != null ? millis(body.publishAt()) : current.publishAt();
        Instant expiresAt = body.expiresAt() != null ? millis(body.expiresAt()) : current.expiresAt();
        if (!expiresAt.isAfter(publishAt != null ? publishAt : now)) check.add("expiresAt", "not_after", Map.of("other", "publishAt"));
        Audience audience = body.audience() != null ? body.audience().toAudience() : current.audience();
        if (body.audience() != null) checkAudience(check, caller.communityId(), audience, "audience");
        if (current.kind() == NoticeKind.EMERGENCY && audience.kind() == AudienceKind.TAG) check.add("audience.kind", "not_for_emergency");
        if (body.attachments() != null) files.checkPhotos(check, caller.communityId(), body.attachments(), "attachments");
        check.done();
        Notice changed = new Notice(current.communityId(), current.noticeId(),
                body.title() != null ? body.title().strip() : current.title(),
                body.body() != null ? body.body().strip() : current.body(), current.kind(),
                body.attachments() != null ? body.attachments() : current.attachments(), audience, publishAt, expiresAt,
                current.status(), current.version() + 1, current.createdAt(), now, current.createdBy(),
                body.activity() != null ? body.activity().toActivity() : current.activity(), current.form());
        store.save(current, changed);
        Log.info("notices.changed", "communityId", caller.communityId(), "noticeId", noticeId, "version", changed.version(), "by", caller.sub());
        return NoticeView.of(changed, now, files);
    }

    /**
     * Publishes a draft: live from its {@code publishAt}, or from now when it has none or it has
     * passed. A notice live at once has its one message put on the alerts topic here; a later one
     * by the schedule ({@link #announceDue}). A message that cannot be sent now is sent by the
     * next run of the schedule, since its announcement item stays.
     */
    NoticeView publish(Caller caller, String noticeId, Supplier<VersionBody> read) {
        caller.require(Role.STAFF, Role.ADMIN);
        Notice current = store.get(caller.communityId(), noticeId).orElseThrow(Problem::notFound);
        VersionBody body = read.get();
        if (current.status() != NoticeStatus.DRAFT) throw Problem.conflict("notice_not_draft");
        if (current.version() != body.version()) throw new StaleVersionException(current.version());
        Instant now = now();
        Instant at = current.publishAt() != null && current.publishAt().isAfter(now) ? current.publishAt() : now;
        if (!current.expiresAt().isAfter(at)) throw Problem.invalid("expiresAt", "not_after", Map.of("other", "publishAt"));
        Notice published = store.save(current, current.with(NoticeStatus.PUBLISHED, at, now));
        Log.info("notices.published", "communityId", caller.communityId(), "noticeId", noticeId, "kind", published.kind().wire(),
                "scheduled", at.isAfter(now), "by", caller.sub());
        if (!at.isAfter(now)) {
            try {
                announce(published);
            } catch (SdkException deferred) {
                Log.warn("notices.announce_deferred", "communityId", caller.communityId(), "noticeId", noticeId,
                        "error", deferred.getClass().getSimpleName());
            }
        }
        return NoticeView.of(published, now, files);
    }

    NoticeView withdraw(Caller caller, String noticeId, Supplier<VersionBody> read) {
        caller.require(Role.STAFF, Role.ADMIN);
        Notice current = store.get(caller.communityId(), noticeId).orElseThrow(Problem::notFound);
        VersionBody body = read.get();
        if (current.status() == NoticeStatus.WITHDRAWN) throw Problem.conflict("notice_withdrawn");
        if (current.version() != body.version()) throw new StaleVersionException(current.version());
        Instant now = now();
        Notice withdrawn = store.save(current, current.with(NoticeStatus.WITHDRAWN, current.publishAt(), now));
        Log.info("notices.withdrawn", "communityId", caller.communityId(), "noticeId", noticeId, "by", caller.sub());
        return NoticeView.of(withdrawn, now, files);
    }

    // ---------------------------------------------------------------- everyone

    /** Staff: every notice of the community. Everyone else: the notices live for them now. */
    NoticeView.Page list(Caller caller, int limit, String cursor) {
        caller.requireMember();
        Instant now = now();
        Page<Notice> page;
        if (caller.isStaff()) {
            page = store.list(caller.communityId(), limit, cursor);
        } else {
            Readers.Reader reader = readers.of(caller);
            page = store.live(caller.communityId(), Audience.keysOf(reader.grids(), reader.tags()), now, limit, cursor);
        }
        return new NoticeView.Page(page.items().stream().map(n -> NoticeView.summary(n, now)).toList(), page.nextCursor());
    }

    /**
     * Staff see any notice of the community. Anyone else sees a notice live for them now, and a
     * resident's first opening of it is recorded (once: later openings write nothing); a resident
     * also sees an activity's seats taken and their own sign-up (confirmed once promoted).
     */
    NoticeView get(Caller caller, String noticeId) {
        caller.requireMember();
        Instant now = now();
        if (caller.isStaff()) {
            return NoticeView.of(store.get(caller.communityId(), noticeId).orElseThrow(Problem::notFound), now, files);
        }
        Readers.Reader reader = readers.of(caller);
        boolean resident = caller.is(Role.RESIDENT);
        var opened = resident
                ? store.getWithReceipt(caller.communityId(), noticeId, caller.sub())
                : store.get(caller.communityId(), noticeId).map(n -> new NoticeStore.Opened(n, true, 0, java.util.Optional.empty()));
        Notice notice = opened.map(NoticeStore.Opened::notice)
                .filter(n -> n.liveAt(now) && n.audience().reaches(reader.grids(), reader.tags()))
                .orElseThrow(Problem::notFound);
        if (resident && !opened.get().readBefore()) store.recordRead(caller.communityId(), noticeId, caller.sub(), now);
        return resident ? NoticeView.forResident(notice, now, files, opened.get().seatsTaken(), opened.get().mine().orElse(null))
                : NoticeView.of(notice, now, files);
    }

    // ---------------------------------------------------------------- activities

    /**
     * Signs the calling resident up for an activity live for them, with companions: 201 confirmed
     * or waitlisted (see {@link NoticeStore#signUp}). One that is withdrawn, past its sign-up
     * deadline or not an activity is 400; a second sign-up is 409.
     */
    SignUpView signUp(Caller caller, String noticeId, Supplier<SignUpBody> read) {
        caller.require(Role.RESIDENT);
        Readers.Reader reader = readers.of(caller);
        NoticeStore.SignUpState state = store.signUpState(caller.communityId(), noticeId, caller.sub())
                .filter(st -> addressed(st.notice(), reader))
                .orElseThrow(Problem::notFound);
        SignUpBody body = read.get();
        Notice notice = state.notice();
        Instant now = now();
        if (notice.status() == NoticeStatus.WITHDRAWN) throw Problem.invalid("id", "notice_withdrawn");
        if (notice.activity() == null) throw Problem.invalid("id", "not_an_activity");
        if (!notice.liveAt(now) || now.isAfter(notice.activity().signUpDeadline())) {
            throw Problem.invalid("activity.signUpDeadline", "deadline_passed");
        }
        if (body.count() > notice.activity().maxCompanions()) {
            throw Problem.invalid("companions", "too_many_companions", Map.of("max", notice.activity().maxCompanions()));
        }
        if (state.mine().isPresent()) throw Problem.conflict("already_signed_up");
        SignUp signUp;
        try {
            signUp = store.signUp(notice, caller.sub(), body.count(), now, state.taken() + 1 + body.count() <= notice.activity().capacity());
        } catch (NoticeStore.AlreadySignedUp already) {
            throw Problem.conflict("already_signed_up");
        }
        Log.info("notices.signed_up", "communityId", caller.communityId(), "noticeId", noticeId, "status", signUp.status().wire(),
                "seats", signUp.seats());
        return SignUpView.of(signUp);
    }

    /** Cancels the calling resident's sign-up; the seats it held go to the waitlist. 404 when they hold none. */
    void cancelSignUp(Caller caller, String noticeId) {
        caller.require(Role.RESIDENT);
        Readers.Reader reader = readers.of(caller);
        NoticeStore.SignUpState state = store.signUpState(caller.communityId(), noticeId, caller.sub())
                .filter(st -> addressed(st.notice(), reader) && st.mine().isPresent())
                .orElseThrow(Problem::notFound);
        List<SignUp> promoted = store.cancel(state.notice(), state.mine().get());
        Log.info("notices.sign_up_cancelled", "communityId", caller.communityId(), "noticeId", noticeId, "promoted", promoted.size());
    }

    /** Published (live, expired or withdrawn after it) and addressed to the reader. */
    private static boolean addressed(Notice notice, Readers.Reader reader) {
        return notice.status() != NoticeStatus.DRAFT && notice.audience().reaches(reader.grids(), reader.tags());
    }

    // ---------------------------------------------------------------- the schedule

    /**
     * Sends the message of each published notice whose time has come, in every community of the
     * directory ({@link DirectoryStore#communities}, one Query); returns how many per community.
     */
    Map<String, Integer> announceDue() {
        Map<String, Integer> sent = new LinkedHashMap<>();
        Instant now = now();
        for (String community : directory.communities()) {
            int count = 0;
            for (String noticeId : store.dueAnnouncements(community, now, ANNOUNCE_BATCH)) {
                var notice = store.get(community, noticeId).filter(n -> n.status() == NoticeStatus.PUBLISHED);
                if (notice.isPresent()) {
                    announce(notice.get());
                    count++;
                } else {
                    store.announced(community, noticeId);
                }
            }
            sent.put(community, count);
        }
        return sent;
    }

    /** The reads of a schedule run, without its writes, for the SnapStart priming: returns the (no) announcements due. */
    int primeSchedule() {
        directory.communities();
        return store.dueAnnouncements(community.linli.platform.Priming.COMMUNITY, now(), 1).size();
    }

    private void announce(Notice notice) {
        announcer.announce(notice);
        store.announced(notice.communityId(), notice.noticeId());
        Log.info("notices.announced", "communityId", notice.communityId(), "noticeId", notice.noticeId(), "kind", notice.kind().wire());
    }

    private void checkAudience(Check check, String communityId, Audience audience, String field) {
        if (audience.kind() != AudienceKind.GRIDS) return;
        Set<String> known = directory.grids(communityId).stream().map(Grid::id).collect(Collectors.toSet());
        for (int i = 0; i < audience.gridIds().size(); i++) {
            if (!known.contains(audience.gridIds().get(i))) check.add(field + ".gridIds[" + i + "]", "unknown_grid");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }
}
