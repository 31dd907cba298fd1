package community.linli.notices;

import static community.linli.platform.AlertsTopic.Attribute.COMMUNITY;
import static community.linli.platform.AlertsTopic.Attribute.KIND;
import static community.linli.platform.AlertsTopic.Attribute.NOTICE_ID;

import community.linli.platform.AlertsTopic;
import community.linli.tables.notices.AudienceKind;
import community.linli.tables.notices.Notice;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Puts a published notice's one message on the {@link AlertsTopic}: once per notice, never per
 * grid or resident. Subscribers filter on its attributes: {@code community}; {@code grids}, a
 * {@code String.Array} of the grids addressed, or {@code ["all"]} when the notice addresses the
 * whole community or a tag; {@code kind} ({@code emergency} is what grid workers are paged for);
 * and {@code noticeId}, by which a subscriber recognises a message SNS delivered twice.
 */
final class Announcer {
    static final String ALL_GRIDS = "all";

    private final AlertsTopic topic;

    Announcer(SnsClient sns, String topicArn) {
        this.topic = new AlertsTopic(sns, topicArn);
    }

    /** One Publish. */
    void announce(Notice notice) {
        List<String> grids = notice.audience().kind() == AudienceKind.GRIDS ? notice.audience().gridIds() : List.of(ALL_GRIDS);
        topic.publish(AlertsTopic.message(text(notice)).with(COMMUNITY, notice.communityId()).grids(grids)
                .with(KIND, notice.kind().wire()).with(NOTICE_ID, notice.noticeId()));
    }

    /** What an SMS or mail subscriber reads: the kind and the title (the body may be long; the mini-program shows it). */
    static String text(Notice notice) {
        String label = switch (notice.kind()) {
            case EMERGENCY -> "【紧急通知】";
            case ACTIVITY -> "【社区活动】";
            case ANNOUNCEMENT -> "【社区公告】";
        };
        return label + notice.title();
    }
}
