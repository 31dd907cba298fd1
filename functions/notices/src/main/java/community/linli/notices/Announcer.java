package community.linli.notices;

import community.linli.platform.Json;
import community.linli.tables.notices.AudienceKind;
import community.linli.tables.notices.Notice;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Puts a published notice's one message on the AlertsTopic: once per notice, never per grid or
 * resident. Subscribers filter on its attributes: {@code community}; {@code grids}, a
 * {@code String.Array} of the grids addressed, or {@code ["all"]} when the notice addresses the
 * whole community or a tag; {@code kind} ({@code emergency} is what grid workers are paged for);
 * and {@code noticeId}, by which a subscriber recognises a message SNS delivered twice.
 */
final class Announcer {
    static final String ALL_GRIDS = "all";

    private final SnsClient sns;
    private final String topicArn;

    Announcer(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** One Publish. */
    void announce(Notice notice) {
        List<String> grids = notice.audience().kind() == AudienceKind.GRIDS ? notice.audience().gridIds() : List.of(ALL_GRIDS);
        sns.publish(r -> r.topicArn(topicArn).message(text(notice)).messageAttributes(Map.of(
                "community", string(notice.communityId()),
                "grids", MessageAttributeValue.builder().dataType("String.Array").stringValue(Json.write(grids)).build(),
                "kind", string(notice.kind().wire()),
                "noticeId", string(notice.noticeId()))));
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

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
