package community.linli.notices;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.csv.CsvWriter;
import community.linli.platform.http.Problem;
import community.linli.platform.store.Page;
import community.linli.tables.notices.AudienceKind;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.notices.NoticeStore;
import community.linli.tables.notices.SignUp;
import community.linli.tables.notices.SignUpStatus;
import community.linli.tables.residents.ResidentStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An activity's attendance: its check-in QR code, residents checking in with it, staff checking
 * a confirmed attendee in by hand, and staff's list of the sign-ups and its CSV export.
 *
 * <p>Who manages an activity's attendance: staff and admins, every activity of their community;
 * grid workers, the activities addressed to one of their grids by name (not those addressed to
 * the whole community or to a tag, whose sign-ups come from every grid). Anyone else of the
 * community is 403 by role, and a grid worker of other grids finds the activity 404. A check-in is
 * once: a second scan, or staff checking in someone already in, changes nothing and answers the
 * first check-in's time.
 */
final class Attendance {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
    static final List<String> CSV_HEADER = List.of("姓名", "同行人数", "状态", "报名时间", "签到时间");
    private static final String UNREGISTERED = "（未登记居民）";
    private static final int MAX_ACCOUNT_ID = 128;

    private final NoticeStore store;
    private final ResidentStore residents;
    private final Readers readers;
    private final CheckInQr qr;
    private final Clock clock;

    Attendance(NoticeStore store, ResidentStore residents, Readers readers, CheckInQr qr, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.readers = readers;
        this.qr = qr;
        this.clock = clock;
    }

    /** A file to download: its bytes and the name it is offered under. */
    record FileBody(byte[] bytes, String filename) {}

    /**
     * The PNG of the activity's check-in QR code, or ({@code asText}) the URL it carries, for a
     * console that draws or shows the code itself; a draft has none yet (400 {@code not_published}),
     * a withdrawn one none any more.
     */
    FileBody qr(Caller caller, String noticeId, Supplier<Integer> size, boolean asText) {
        NoticeStore.SignUpState state = managed(caller, noticeId, null);
        int pixels = size.get();
        Notice notice = state.notice();
        requireActivity(notice);
        if (notice.status() == NoticeStatus.WITHDRAWN) throw Problem.invalid("id", "notice_withdrawn");
        if (state.checkInCode() == null) throw Problem.invalid("id", "not_published");
        if (asText) {
            Log.info("notices.check_in_url", "communityId", caller.communityId(), "noticeId", noticeId);
            return new FileBody(qr.url(caller.communityId(), noticeId, state.checkInCode()).getBytes(StandardCharsets.US_ASCII),
                    noticeId + "-check-in.txt");
        }
        byte[] png = qr.png(caller.communityId(), noticeId, state.checkInCode(), pixels);
        Log.info("notices.check_in_qr", "communityId", caller.communityId(), "noticeId", noticeId, "size", pixels, "bytes", png.length);
        return new FileBody(png, noticeId + "-check-in.png");
    }

    /**
     * A resident scanning the code at the venue: checked in once, with a confirmed sign-up of
     * their own and the activity's code; a second scan answers the first check-in.
     */
    SignUpView checkIn(Caller caller, String noticeId, Supplier<CheckInBody> read) {
        caller.require(Role.RESIDENT);
        Readers.Reader reader = readers.of(caller);
        NoticeStore.SignUpState state = store.signUpState(caller.communityId(), noticeId, caller.sub())
                .filter(st -> Notices.addressed(st.notice(), reader))
                .orElseThrow(Problem::notFound);
        CheckInBody body = read.get();
        Notice notice = state.notice();
        if (notice.status() == NoticeStatus.WITHDRAWN) throw Problem.invalid("id", "notice_withdrawn");
        requireActivity(notice);
        if (state.checkInCode() == null || !sameCode(state.checkInCode(), body.code())) throw Problem.invalid("code", "wrong_check_in_code");
        SignUp checkedIn = checkIn(state.mine(), "id");
        return SignUpView.of(checkedIn);
    }

    /** Staff (or the grid worker) checking in a confirmed attendee by hand, by their account on the list. */
    AttendeeView checkInByHand(Caller caller, String noticeId, String accountId) {
        // No account id is that long, and a sort key has at most 1 KB: such a path names no sign-up.
        NoticeStore.SignUpState state = managed(caller, noticeId, accountId.length() <= MAX_ACCOUNT_ID ? accountId : null);
        Notice notice = state.notice();
        requireActivity(notice);
        if (notice.status() == NoticeStatus.WITHDRAWN) throw Problem.invalid("id", "notice_withdrawn");
        if (state.mine().isEmpty()) throw Problem.notFound();
        SignUp checkedIn = checkIn(state.mine(), "accountId");
        return AttendeeView.of(checkedIn, nameOf(caller.communityId(), List.of(checkedIn)).get(checkedIn.residentId()));
    }

    /** A page of the activity's sign-ups, confirmed and waitlisted, by account. */
    AttendeeView.Page list(Caller caller, String noticeId, int limit, String cursor) {
        requireActivity(managed(caller, noticeId, null).notice());
        Page<SignUp> page = store.signUpsPage(caller.communityId(), noticeId, limit, cursor);
        Map<String, String> names = nameOf(caller.communityId(), page.items());
        return new AttendeeView.Page(page.items().stream().map(s -> AttendeeView.of(s, names.get(s.residentId()))).toList(),
                page.nextCursor());
    }

    /**
     * Every sign-up as a CSV with Chinese headers, for Excel: confirmed first, then the waitlist,
     * each in sign-up order; times in China's time zone.
     */
    FileBody export(Caller caller, String noticeId) {
        requireActivity(managed(caller, noticeId, null).notice());
        List<SignUp> signUps = new ArrayList<>(store.signUps(caller.communityId(), noticeId));
        signUps.sort(Comparator.comparing((SignUp s) -> s.status() != SignUpStatus.CONFIRMED).thenComparing(SignUp::signedUpAt));
        Map<String, String> names = nameOf(caller.communityId(), signUps);
        List<List<String>> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (SignUp s : signUps) {
            lines.add(List.of(names.getOrDefault(s.residentId(), UNREGISTERED), Integer.toString(s.companions()),
                    s.status() == SignUpStatus.CONFIRMED ? "已确认" : "候补", LOCAL_TIME.format(s.signedUpAt()),
                    s.checkedInAt() == null ? "" : LOCAL_TIME.format(s.checkedInAt())));
        }
        Log.info("notices.sign_ups_exported", "communityId", caller.communityId(), "noticeId", noticeId, "rows", signUps.size(),
                "by", caller.sub());
        return new FileBody(CsvWriter.write(lines), noticeId + "-signups.csv");
    }

    /** Staff and admins: any activity of the community; grid workers: one addressed to one of their grids by name; else 404. */
    private NoticeStore.SignUpState managed(Caller caller, String noticeId, String accountId) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        return store.signUpState(caller.communityId(), noticeId, accountId)
                .filter(st -> st.notice().status() != NoticeStatus.DRAFT || caller.isStaff())
                .filter(st -> caller.isStaff() || (st.notice().audience().kind() == AudienceKind.GRIDS
                        && st.notice().audience().gridIds().stream().anyMatch(caller::coversGrid)))
                .orElseThrow(Problem::notFound);
    }

    private SignUp checkIn(Optional<SignUp> mine, String field) {
        SignUp signUp = mine.filter(s -> s.status() == SignUpStatus.CONFIRMED)
                .orElseThrow(() -> Problem.invalid(field, "no_confirmed_sign_up"));
        if (signUp.checkedInAt() != null) return signUp;
        SignUp stored = store.checkIn(signUp, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .filter(s -> s.status() == SignUpStatus.CONFIRMED && s.checkedInAt() != null)
                .orElseThrow(() -> Problem.invalid(field, "no_confirmed_sign_up"));
        Log.info("notices.checked_in", "communityId", stored.communityId(), "noticeId", stored.noticeId());
        return stored;
    }

    /** Names by resident id (a map that takes a null key: a sign-up linked to no resident has none). */
    private Map<String, String> nameOf(String communityId, List<SignUp> signUps) {
        List<String> ids = signUps.stream().map(SignUp::residentId).filter(Objects::nonNull).toList();
        return ids.isEmpty() ? new HashMap<>() : residents.names(communityId, ids);
    }

    private static void requireActivity(Notice notice) {
        if (notice.activity() == null) throw Problem.invalid("id", "not_an_activity");
    }

    /** Compares in constant time, so the time an answer takes tells nothing about the code. */
    private static boolean sameCode(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
