package community.linli.residents;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Problem;
import community.linli.tables.residents.CareDue;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStore;
import community.linli.tables.residents.Visit;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Care visits (关爱走访): residents with a care tag are due for a visit every so many days (the
 * shortest cadence of their tags); grid workers of their grid, staff and admins log visits, each of
 * which moves the due date; a grid's list shows who is overdue or due soon. A grid worker only in
 * their grids (another grid's list is 403, another grid's resident 404). Logs carry ids and
 * outcomes; never a name, a note or a tag.
 */
final class CareVisits {
    private final ResidentStore store;
    private final Residents residents;
    private final Clock clock;

    CareVisits(ResidentStore store, Residents residents, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.clock = clock;
    }

    /** The grid's residents due on or before {@code within} days from today, earliest first. */
    CareDueView.Page due(Caller caller, String gridId, int within, int limit, String cursor) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        if (!caller.coversGrid(gridId)) throw Problem.forbidden("grid_not_covered");
        LocalDate today = today();
        LocalDate until = today.plusDays(within);
        var page = store.careDue(caller.communityId(), gridId, until, limit, cursor);
        return new CareDueView.Page(gridId, today, until, page.items().stream().map(d -> CareDueView.of(d, today)).toList(),
                page.nextCursor());
    }

    /** Logs a visit to an active resident of the caller's grids; when they are on the list, their due date moves. */
    VisitView visit(Caller caller, String residentId, Supplier<VisitBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        Resident resident = residents.find(caller, residentId);
        VisitBody body = input.get();
        if (!resident.active()) throw Problem.conflict("move_not_allowed", java.util.Map.of("status", resident.status().wire()));
        Optional<CareDue> care = store.care(caller.communityId(), residentId);
        Visit visit;
        try {
            visit = store.logVisit(resident, care, body.date(), body.note(), body.concern(), caller.sub());
        } catch (ResidentStore.CareChanged changed) {
            throw Problem.conflict("care_changed");
        }
        LocalDate next = care.map(c -> c.visited(body.date()).dueOn()).orElse(null);
        Log.info("residents.visited", "communityId", caller.communityId(), "residentId", residentId, "visitId", visit.visitId(),
                "gridId", Residents.gridOf(resident), "concern", body.concern(), "onCareList", care.isPresent(), "by", caller.sub());
        return VisitView.of(visit, next);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Residents.CHINA));
    }
}
