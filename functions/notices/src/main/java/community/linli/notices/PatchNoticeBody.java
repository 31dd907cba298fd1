package community.linli.notices;

import community.linli.platform.http.Check;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code PATCH /notices/{id}}: what changes, based on {@code version}; what is absent
 * stays. {@code publishAt} and an activity's {@code activity} change only while the notice is a draft; {@code expiresAt} must still
 * come after the publication (both checked against the stored notice in {@link Notices}).
 */
record PatchNoticeBody(String title, String body, List<String> attachments, AudienceBody audience,
                       Instant publishAt, Instant expiresAt, ActivityBody activity, Long version) {
    PatchNoticeBody {
        Check check = Check.of()
                .text("title", title, Notices.MAX_TITLE)
                .text("body", body, Notices.MAX_BODY)
                .required("version", version)
                .atLeast("version", version, 1);
        Notices.checkAttachments(check, attachments);
        if (title == null && body == null && attachments == null && audience == null && publishAt == null && expiresAt == null
                && activity == null) {
            check.add("body", "empty_update");
        }
        check.done();
        attachments = attachments == null ? null : List.copyOf(attachments);
    }
}
