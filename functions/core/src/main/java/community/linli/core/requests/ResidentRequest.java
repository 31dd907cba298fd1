package community.linli.core.requests;

import java.time.Instant;

/**
 * A resident's request (诉求). {@code id} is the tracking number, unique within the community and
 * short enough to read over the phone ({@code 261128-0042}). {@code version} starts at 1 and grows
 * with every change; writes are conditional on it.
 */
public record ResidentRequest(
        String communityId,
        String id,
        String requesterSub,
        String category,
        String description,
        Location location,
        Status status,
        Instant createdAt,
        Instant updatedAt,
        Instant expectedAt,
        long version) {

    public String gridId() {
        return location == null ? null : location.gridId();
    }
}
