package community.linli.requests;

import community.linli.core.Log;
import community.linli.core.auth.Caller;
import community.linli.core.auth.Role;
import community.linli.core.directory.Building;
import community.linli.core.directory.Category;
import community.linli.core.directory.DirectoryStore;
import community.linli.core.http.Check;
import community.linli.core.http.Problem;
import community.linli.core.requests.Location;
import community.linli.core.requests.RequestStore;
import community.linli.core.requests.ResidentRequest;
import community.linli.core.requests.Sla;
import community.linli.core.requests.Status;
import community.linli.core.requests.TimelineEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the requests routes do, apart from HTTP: who may act, what is checked, what is written. */
final class Requests {
    private final RequestStore store;
    private final DirectoryStore directory;
    private final Clock clock;

    Requests(RequestStore store, DirectoryStore directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    RequestView submit(Caller caller, SubmitRequestBody body) {
        caller.require(Role.RESIDENT, Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        LocationBody where = body.location();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var lookup = directory.lookup(caller.communityId(), body.category(), where.buildingId(), Sla.calendarYears(now));

        Check check = Check.of();
        Category category = lookup.category().orElse(null);
        if (category == null) check.add("category", "unknown_category");
        else if (!category.enabled()) check.add("category", "category_disabled");
        String gridId = where.gridId();
        if (where.buildingId() != null) {
            Building building = lookup.building().orElse(null);
            if (building == null) {
                check.add("location.buildingId", "unknown_building");
            } else if (gridId != null && !gridId.equals(building.gridId())) {
                check.add("location.gridId", "grid_mismatch");
            } else {
                gridId = building.gridId();
            }
        }
        check.done();

        String id = store.nextTrackingNumber(caller.communityId());
        var location = new Location(gridId, where.buildingId(), where.unitId(), where.roomId(),
                where.latitude(), where.longitude(), where.address());
        var request = new ResidentRequest(caller.communityId(), id, caller.sub(), category.code(), body.description(),
                location, Status.ACCEPTED, now, now, Sla.expectedAt(now, category, lookup::calendar), 1);
        store.create(request, new TimelineEvent("submitted", caller.sub(), now, 0, Status.ACCEPTED));
        Log.info("request.submitted", "communityId", caller.communityId(), "requestId", id, "category", category.code());
        return RequestView.of(request);
    }

    RequestView get(Caller caller, String id) {
        ResidentRequest request = store.find(caller.communityId(), id)
                .filter(r -> caller.isStaff() || r.requesterSub().equals(caller.sub()))
                .orElseThrow(Problem::notFound);
        return RequestView.of(request);
    }
}
