package community.linli.tables.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A resident's request (诉求). {@code id} is the tracking number, unique within the community and
 * short enough to read over the phone ({@code 261128-0042}). {@code version} starts at 1 and grows
 * with every change; writes are conditional on it.
 *
 * <p>{@code sealedContactPhone} is the resident's contact phone as {@code FieldCrypto} sealed it
 * (field {@value #CONTACT_PHONE_FIELD}): a phone is personal information, so it never reaches
 * DynamoDB, its stream or a log in plain text. It, {@code requesterSub} and, when {@code
 * hideIdentity} is set, anything that identifies the resident are shown only to the roles that may
 * see them (see the views). {@code smsUpdates}: the resident asked, when filing, for an SMS to the
 * contact phone when the request is assigned, resolved or rejected.
 */
public record ResidentRequest(
        String communityId,
        String id,
        String requesterSub,
        String category,
        String description,
        Location location,
        Priority urgency,
        Priority priority,
        String sealedContactPhone,
        List<String> photoKeys,
        Map<String, Object> answers,
        boolean hideIdentity,
        Status status,
        Assignee assignee,
        Instant createdAt,
        Instant updatedAt,
        Instant expectedAt,
        Resolution resolution,
        Rating rating,
        int reopenCount,
        long version,
        boolean smsUpdates) {

    /** The field name a contact phone is sealed under (bound into its ciphertext). */
    public static final String CONTACT_PHONE_FIELD = "request.contactPhone";
    /** The most code points of a description (and of a reply or resolution text), wherever a request is filed. */
    public static final int MAX_DESCRIPTION = 2000;

    public ResidentRequest {
        photoKeys = photoKeys == null ? List.of() : List.copyOf(photoKeys);
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    /**
     * A request as it is filed, wherever that happens (a resident's submit, a care visit's
     * concern): accepted, unassigned, {@code priority} starting at {@code urgency}, version 1.
     */
    public static ResidentRequest filed(String communityId, String id, String requesterSub, String category, String description,
                                        Location location, Priority urgency, String sealedContactPhone, List<String> photoKeys,
                                        Map<String, Object> answers, boolean hideIdentity, Instant at, Instant expectedAt) {
        return new ResidentRequest(communityId, id, requesterSub, category, description, location, urgency, urgency,
                sealedContactPhone, photoKeys, answers, hideIdentity, Status.ACCEPTED, null, at, at, expectedAt, null, null, 0, 1, false);
    }

    /** This request with the resident's choice of SMS updates to its contact phone (only at filing). */
    public ResidentRequest withSmsUpdates(boolean value) {
        return new ResidentRequest(communityId, id, requesterSub, category, description, location, urgency, priority,
                sealedContactPhone, photoKeys, answers, hideIdentity, status, assignee, createdAt, updatedAt, expectedAt, resolution,
                rating, reopenCount, version, value);
    }

    public String gridId() {
        return location == null ? null : location.gridId();
    }

    public boolean overdueAt(Instant now) {
        return status.open() && expectedAt != null && expectedAt.isBefore(now);
    }

    /** Whether the member of the staff registry with {@code staffId} handles it; never for a null id. */
    public boolean assignedTo(String staffId) {
        return assignee != null && staffId != null && assignee.staffId().equals(staffId);
    }

    /** The next version of this request, as changed at {@code now}. */
    public Builder change(Instant now) {
        return new Builder(this).updatedAt(now).version(version + 1);
    }

    /** A copy with some fields changed; the record stays immutable. */
    public static final class Builder {
        private Status status;
        private Assignee assignee;
        private String category;
        private Priority priority;
        private Instant updatedAt;
        private Instant expectedAt;
        private Resolution resolution;
        private Rating rating;
        private int reopenCount;
        private long version;
        private final ResidentRequest base;

        private Builder(ResidentRequest base) {
            this.base = base;
            status = base.status;
            assignee = base.assignee;
            category = base.category;
            priority = base.priority;
            updatedAt = base.updatedAt;
            expectedAt = base.expectedAt;
            resolution = base.resolution;
            rating = base.rating;
            reopenCount = base.reopenCount;
            version = base.version;
        }

        public Builder status(Status value) { status = value; return this; }
        public Builder assignee(Assignee value) { assignee = value; return this; }
        public Builder category(String value) { category = value; return this; }
        public Builder priority(Priority value) { priority = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        public Builder expectedAt(Instant value) { expectedAt = value; return this; }
        public Builder resolution(Resolution value) { resolution = value; return this; }
        public Builder rating(Rating value) { rating = value; return this; }
        public Builder reopenCount(int value) { reopenCount = value; return this; }
        public Builder version(long value) { version = value; return this; }

        public ResidentRequest build() {
            return new ResidentRequest(base.communityId, base.id, base.requesterSub, category, base.description,
                    base.location, base.urgency, priority, base.sealedContactPhone, base.photoKeys, base.answers,
                    base.hideIdentity, status, assignee, base.createdAt, updatedAt, expectedAt, resolution, rating,
                    reopenCount, version, base.smsUpdates);
        }
    }
}
