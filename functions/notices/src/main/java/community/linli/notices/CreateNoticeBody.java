package community.linli.notices;

import community.linli.platform.http.Check;
import community.linli.tables.directory.QuestionBody;
import community.linli.tables.notices.NoticeKind;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /notices}: a draft. {@code publishAt} is when it is to go live once
 * published (absent: at its publication); {@code expiresAt} must come after it, or after now when
 * it is absent. {@code attachments} are upload keys of {@code POST /uploads}. An activity carries
 * its seats, deadline, time and place in {@code activity}. An emergency notice goes to the community
 * or to listed grids, and may carry a {@code form} (登记) of questions as a request category asks
 * them, which each household answers.
 */
record CreateNoticeBody(String title, String body, String kind, List<String> attachments, AudienceBody audience,
                        Instant publishAt, Instant expiresAt, ActivityBody activity, List<QuestionBody> form) {
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
        if ("emergency".equals(kind)) {
            QuestionBody.checkAll(check, "form", form, Emergencies.MAX_QUESTIONS);
            if (audience != null && "tag".equals(audience.kind())) check.add("audience.kind", "not_for_emergency");
        } else if (form != null) {
            check.add("form", "requires", java.util.Map.of("field", "kind=emergency"));
        }
        if (expiresAt != null && publishAt != null && !expiresAt.isAfter(publishAt)) {
            check.add("expiresAt", "not_after", java.util.Map.of("other", "publishAt"));
        }
        check.done();
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
