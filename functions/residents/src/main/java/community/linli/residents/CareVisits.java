package community.linli.residents;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import community.linli.platform.http.Problem;
import community.linli.tables.directory.Answers;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Sla;
import community.linli.tables.requests.Access;
import community.linli.tables.requests.Location;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.TimelineEvent;
import community.linli.tables.residents.CareDue;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStore;
import community.linli.tables.residents.Visit;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Care visits (关爱走访): residents with a care tag are due for a visit every so many days (the
 * shortest cadence of their tags); grid workers of their grid, staff and admins log visits, each of
 * which moves the due date; a grid's list shows who is overdue or due soon. A grid worker only in
 * their grids (another grid's list is 403, another grid's resident 404). Logs carry ids and
 * outcomes; never a name, a note or a tag.
 *
 * <p>A visit may carry a photo uploaded through {@code POST /uploads} (checked as a request's
 * photos are: stored in the FilesBucket, and uploaded by the caller, by its upload record in the
 * RequestsTable). A visit with a concern may file a request in the request loop in the same step:
 * the visitor is its requester, the resident's room its location, the directory's building its
 * grid, so it lands in that grid's inbox exactly as a resident's submit would; the visit, the care
 * item and the request's items are one transaction across the two tables.
 */
final class CareVisits {
    /** The name of the photo's upload check among the parts of a visit's transaction, as a cancellation reports it. */
    private static final String PHOTO_PART = "photo";

    private final ResidentStore store;
    private final Residents residents;
    private final DirectoryStore directory;
    private final RequestStore requests;
    private final FileStore files;
    private final Clock clock;

    CareVisits(ResidentStore store, Residents residents, DirectoryStore directory, RequestStore requests, FileStore files, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.directory = directory;
        this.requests = requests;
        this.files = files;
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

    /**
     * Logs a visit to an active resident of the caller's grids; when they are on the list, their due
     * date moves; its concern's {@code request}, when given, is filed in the request loop with it.
     * Everything is checked before anything is written, and then written in one transaction (but the
     * day's tracking-number counter, which a failed transaction leaves one number further on).
     */
    VisitView visit(Caller caller, String residentId, Supplier<VisitBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        Resident resident = residents.find(caller, residentId);
        VisitBody body = input.get();
        if (!resident.active()) throw Problem.conflict("move_not_allowed", Map.of("status", resident.status().wire()));
        String c = caller.communityId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Check check = Check.of();
        Filing filing = body.request() == null ? null : filing(check, resident, body.request(), now);
        if (body.photoKey() != null) files.checkPhoto(check, c, body.photoKey(), "photoKey");
        check.done();

        Optional<CareDue> care = store.care(c, residentId);
        List<ResidentStore.Part> others = new ArrayList<>();
        ResidentRequest request = null;
        if (filing != null) {
            ConcernRequestBody asked = body.request();
            List<String> photos = body.photoKey() == null ? List.of() : List.of(body.photoKey());
            request = ResidentRequest.filed(c, requests.nextTrackingNumber(c), caller.sub(), filing.category().code(),
                    asked.description(), filing.location(), asked.priority(), null, photos, asked.givenAnswers(), false, now,
                    filing.expectedAt());
            List<TransactWriteItem> items = requests.createItems(request, TimelineEvent.submitted(request, Access.roleOf(caller)));
            for (int i = 0; i < items.size(); i++) others.add(new ResidentStore.Part("request" + i, items.get(i)));
        }
        if (body.photoKey() != null) {
            requests.ownedUploads(c, caller.sub(), List.of(body.photoKey()))
                    .forEach(item -> others.add(new ResidentStore.Part(PHOTO_PART, item)));
        }
        Visit visit;
        try {
            visit = store.logVisit(resident, care, new Visit(residentId, null, body.date(), body.note(), body.concern(), body.photoKey(),
                    request == null ? null : request.id(), caller.sub(), null), others);
        } catch (ResidentStore.CareChanged changed) {
            throw Problem.conflict("care_changed");
        } catch (ResidentStore.PartFailed failed) {
            if (PHOTO_PART.equals(failed.part())) throw Problem.invalid("photoKey", "photo_not_owned");
            throw failed;
        }
        LocalDate next = care.map(cd -> cd.visited(body.date()).dueOn()).orElse(null);
        Log.info("residents.visited", "communityId", c, "residentId", residentId, "visitId", visit.visitId(),
                "gridId", Residents.gridOf(resident), "concern", body.concern(), "onCareList", care.isPresent(), "by", caller.sub(),
                "photo", body.photoKey() != null, "requestId", visit.requestId());
        return VisitView.of(visit, next, files);
    }

    /** What a concern's request is filed with, once its category is known to take requests. */
    private record Filing(Category category, Location location, Instant expectedAt) {}

    /**
     * Reads the concern's category, the resident's building and the calendars (one BatchGetItem) and
     * checks them: an unknown, disabled or emergency category (an emergency is for the phone, not
     * the inbox) is an error on {@code request.category}, and null; answers the category's questions
     * refuse are errors on {@code request.answers.}.
     */
    private Filing filing(Check check, Resident resident, ConcernRequestBody asked, Instant now) {
        var address = resident.address();
        var lookup = directory.lookup(resident.communityId(), asked.category(), address.buildingId(), Sla.calendarYears(now));
        Category category = lookup.category().orElse(null);
        if (category == null) {
            check.add("request.category", "unknown_category");
            return null;
        }
        if (!category.enabled() || category.emergency() != null) {
            check.add("request.category", category.enabled() ? "category_emergency" : "category_disabled");
            return null;
        }
        Answers.check(check, category, asked.givenAnswers(), "request.");
        String gridId = lookup.building().map(Building::gridId).orElse(address.gridId());
        var location = new Location(gridId, address.buildingId(), address.unitId(), address.roomId(), null, null, null);
        return new Filing(category, location, Sla.expectedAt(now, category, lookup::calendar));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Residents.CHINA));
    }
}
