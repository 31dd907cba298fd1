package community.linli.notices;

import community.linli.platform.files.FileStore;
import community.linli.tables.directory.QuestionBody;
import community.linli.tables.notices.Activity;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.notices.SignUp;
import java.time.Instant;
import java.util.List;

/**
 * A notice as the API shows it. {@code status} is where it is at the moment of the answer:
 * {@code draft}, {@code scheduled} (published, its time not yet come), {@code live},
 * {@code expired} or {@code withdrawn}; residents only ever see {@code live} ones. A list shows no
 * body and no attachment links ({@code GET /notices/{id}} does). {@code form} is an emergency
 * notice's questions, in the shape staff sent them.
 */
record NoticeView(String id, String title, String body, String kind, List<FileStore.Photo> attachments,
                  AudienceView audience, Instant publishAt, Instant expiresAt, String status, long version,
                  Instant createdAt, Instant updatedAt, ActivityView activity, SignUpView signUp, List<QuestionBody> form) {

    /** An activity's fields; {@code seatsTaken} only where a resident opens it. */
    record ActivityView(int capacity, int maxCompanions, Instant signUpDeadline, Instant startsAt, String place, Long seatsTaken) {
        static ActivityView of(Activity a, Long seatsTaken) {
            return a == null ? null : new ActivityView(a.capacity(), a.maxCompanions(), a.signUpDeadline(), a.startsAt(), a.place(), seatsTaken);
        }
    }

    /** A notice as a resident opens it: for an activity, its seats taken and their sign-up, if they hold one. */
    static NoticeView forResident(Notice n, Instant now, FileStore files, long seatsTaken, SignUp mine) {
        return new NoticeView(n.noticeId(), n.title(), n.body(), n.kind().wire(),
                n.attachments().stream().map(files::photo).toList(), audience(n), n.publishAt(), n.expiresAt(),
                status(n, now), n.version(), n.createdAt(), n.updatedAt(),
                ActivityView.of(n.activity(), n.activity() == null ? null : seatsTaken), mine == null ? null : SignUpView.of(mine),
                Emergencies.form(n));
    }

    record AudienceView(String kind, List<String> gridIds, String tag) {}

    record Page(List<NoticeView> items, String nextCursor) {}

    static NoticeView of(Notice n, Instant now, FileStore files) {
        return new NoticeView(n.noticeId(), n.title(), n.body(), n.kind().wire(),
                n.attachments().stream().map(files::photo).toList(), audience(n), n.publishAt(), n.expiresAt(),
                status(n, now), n.version(), n.createdAt(), n.updatedAt(), ActivityView.of(n.activity(), null), null, Emergencies.form(n));
    }

    static NoticeView summary(Notice n, Instant now) {
        return new NoticeView(n.noticeId(), n.title(), null, n.kind().wire(), null, audience(n), n.publishAt(),
                n.expiresAt(), status(n, now), n.version(), n.createdAt(), n.updatedAt(), ActivityView.of(n.activity(), null), null, null);
    }

    private static AudienceView audience(Notice n) {
        var a = n.audience();
        return new AudienceView(a.kind().wire(), a.gridIds().isEmpty() ? null : a.gridIds(), a.tag());
    }

    static String status(Notice n, Instant now) {
        if (n.status() == NoticeStatus.DRAFT) return "draft";
        if (n.status() == NoticeStatus.WITHDRAWN) return "withdrawn";
        if (n.publishAt().isAfter(now)) return "scheduled";
        return n.expiresAt().isAfter(now) ? "live" : "expired";
    }
}
