package community.linli.residentupdates;

import community.linli.platform.store.StreamImages;
import community.linli.tables.requests.RequestItems;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * An update the requester gets about their request: it was assigned (its first assignee; a
 * transfer between staff is not the resident's news), resolved, or rejected. Read from a stream
 * record's images alone: a MODIFY of a request's own item that makes one of these changes. Every
 * other record (new requests, timeline entries, sent records, removals) calls for none.
 */
record Update(Kind kind, ResidentRequest request) {
    enum Kind {
        ASSIGNED("assigned", "已派单", "已安排工作人员办理，请留意来电", "您的诉求%s已派单，工作人员将尽快与您联系。"),
        RESOLVED("resolved", "已办结", "已办结，请在小程序中确认并评价", "您的诉求%s已办结，请在小程序中确认并评价。"),
        REJECTED("rejected", "不予受理", "未予受理，原因请在小程序中查看", "您的诉求%s未予受理，原因请在小程序中查看。");

        final String wire;
        /** The {@code phrase} value: at most 5 characters. */
        final String status;
        /** The {@code thing} value: at most 20 characters, never anything the resident wrote. */
        final String hint;
        /** The SMS, with the tracking number for {@code %s}: one 70-character segment. */
        final String sms;

        Kind(String wire, String status, String hint, String sms) {
            this.wire = wire;
            this.status = status;
            this.hint = hint;
            this.sms = sms;
        }
    }

    static Optional<Update> of(StreamImages.Change record) {
        if (!"MODIFY".equals(record.eventName()) || record.newImage().isEmpty()) return Optional.empty();
        if (!(RequestItems.fromItem(record.newImage()) instanceof RequestItems.RequestItem(ResidentRequest after))) return Optional.empty();
        if (!(RequestItems.fromItem(record.oldImage()) instanceof RequestItems.RequestItem(ResidentRequest before))) return Optional.empty();
        if (after.status() != before.status() && after.status() == Status.RESOLVED) return Optional.of(new Update(Kind.RESOLVED, after));
        if (after.status() != before.status() && after.status() == Status.REJECTED) return Optional.of(new Update(Kind.REJECTED, after));
        if (before.assignee() == null && after.assignee() != null) return Optional.of(new Update(Kind.ASSIGNED, after));
        return Optional.empty();
    }

    /**
     * A deterministic id per request, change (the version it made), channel and requester, so the
     * same change seen again has the same id; its sent record sits with the alerts' ({@code C#c#ALERT#id}).
     */
    String id(String channel) {
        String source = String.join("\n", request.communityId(), request.id(), "resident_" + kind.wire, "v" + request.version(),
                channel, request.requesterSub());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
