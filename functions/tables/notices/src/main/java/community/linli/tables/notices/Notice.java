package community.linli.tables.notices;

import java.time.Instant;
import java.util.List;

/**
 * A notice as stored. {@code publishAt} is when it goes live: the time asked for (a draft may
 * carry one), or the moment it was published when none was; {@code expiresAt} is when it leaves
 * residents' lists. {@code attachments} are FilesBucket keys of the community. {@code activity}
 * is present exactly when the kind is {@link NoticeKind#ACTIVITY}. {@code form} is an emergency
 * notice's questions (登记) as a JSON array, in the shape of the directory's questions, which this
 * module does not read; null when it asks none.
 */
public record Notice(String communityId, String noticeId, String title, String body, NoticeKind kind,
                     List<String> attachments, Audience audience, Instant publishAt, Instant expiresAt,
                     NoticeStatus status, long version, Instant createdAt, Instant updatedAt, String createdBy,
                     Activity activity, String form) {
    public Notice {
        attachments = List.copyOf(attachments);
    }

    /** A notice without a form. */
    public Notice(String communityId, String noticeId, String title, String body, NoticeKind kind, List<String> attachments,
                  Audience audience, Instant publishAt, Instant expiresAt, NoticeStatus status, long version, Instant createdAt,
                  Instant updatedAt, String createdBy, Activity activity) {
        this(communityId, noticeId, title, body, kind, attachments, audience, publishAt, expiresAt, status, version, createdAt,
                updatedAt, createdBy, activity, null);
    }

    /** Withdrawn, or expired at {@code now}: a household may no longer acknowledge it or answer its form. */
    public boolean closedAt(Instant now) {
        return status == NoticeStatus.WITHDRAWN || !expiresAt.isAfter(now);
    }

    /** Published, not withdrawn, and between its publication and its expiry at {@code now}. */
    public boolean liveAt(Instant now) {
        return status == NoticeStatus.PUBLISHED && !publishAt.isAfter(now) && expiresAt.isAfter(now);
    }

    public Notice with(NoticeStatus newStatus, Instant newPublishAt, Instant now) {
        return new Notice(communityId, noticeId, title, body, kind, attachments, audience, newPublishAt, expiresAt,
                newStatus, version + 1, createdAt, now, createdBy, activity, form);
    }
}
