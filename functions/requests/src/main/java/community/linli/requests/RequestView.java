package community.linli.requests;

import community.linli.core.requests.Location;
import community.linli.core.requests.ResidentRequest;
import java.time.Instant;

/** A request as the API shows it. */
record RequestView(String id, String status, String category, String description, Location location,
                   Instant createdAt, Instant updatedAt, Instant expectedAt, long version) {

    static RequestView of(ResidentRequest r) {
        return new RequestView(r.id(), r.status().wire(), r.category(), r.description(), r.location(),
                r.createdAt(), r.updatedAt(), r.expectedAt(), r.version());
    }
}
