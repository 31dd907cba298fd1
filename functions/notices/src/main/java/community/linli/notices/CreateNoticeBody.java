package community.linli.notices;

import community.linli.platform.http.Check;
import community.linli.tables.notices.NoticeKind;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /notices}: a draft. {@code publishAt} is when it is to go live once
 * published (absent: at its publication); {@code expiresAt} must come after it, or after now when
 * it is absent. {@code attachments} are upload keys of {@code POST /uploads}. An activity carries
 * its seats, deadline, time and place in {@code activity}.
 */
record CreateNoticeBody(String title, String body, String kind, List<String> attachments, AudienceBody audience,
                        Instant publishAt, Instant expiresAt, ActivityBody activity) {
    CreateNoticeBody {
        Check check = Check.of()
                .requiredText("title", title, Notices.MAX_TITLE)
                .requiredText("body", body, Notices.MAX_BODY)
                .required("kind", kind)
                .oneOf("kind", kind, NoticeKind.wires())
                .required("audience", audience)
                .required("expiresAt", expiresAt);
        Notices.checkAttachments(check, attachments);
        if ("activity".equals(kind)) check.required("activity", activity);
        else if (activity != null) check.add("activity", "requires", java.util.Map.of("field", "kind=activity"));
        if (expiresAt != null && publishAt != null && !expiresAt.isAfter(publishAt)) {
            check.add("expiresAt", "not_after", java.util.Map.of("other", "publishAt"));
        }
        check.done();
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
