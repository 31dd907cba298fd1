package community.linli.tables.notices;

import java.time.Instant;
import java.util.List;

/**
 * A notice as stored. {@code publishAt} is when it goes live: the time asked for (a draft may
 * carry one), or the moment it was published when none was; {@code expiresAt} is when it leaves
 * residents' lists. {@code attachments} are FilesBucket keys of the community. {@code activity}
 * is present exactly when the kind is {@link NoticeKind#ACTIVITY}.
 */
public record Notice(String communityId, String noticeId, String title, String body, NoticeKind kind,
                     List<String> attachments, Audience audience, Instant publishAt, Instant expiresAt,
                     NoticeStatus status, long version, Instant createdAt, Instant updatedAt, String createdBy,
                     Activity activity) {
    public Notice {
        attachments = List.copyOf(attachments);
    }

    /** Published, not withdrawn, and between its publication and its expiry at {@code now}. */
    public boolean liveAt(Instant now) {
        return status == NoticeStatus.PUBLISHED && !publishAt.isAfter(now) && expiresAt.isAfter(now);
    }

    public Notice with(NoticeStatus newStatus, Instant newPublishAt, Instant now) {
        return new Notice(communityId, noticeId, title, body, kind, attachments, audience, newPublishAt, expiresAt,
                newStatus, version + 1, createdAt, now, createdBy, activity);
    }
}
