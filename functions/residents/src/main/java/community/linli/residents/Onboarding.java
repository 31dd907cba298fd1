package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Problem;
import community.linli.platform.store.Page;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.residents.Address;
import community.linli.tables.residents.Application;
import community.linli.tables.residents.ApplicationStatus;
import community.linli.tables.residents.Household;
import community.linli.tables.residents.NewResident;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Onboarding from the mini-program: an account applies to join a room; its WeChat-verified phone
 * links it at once to a registered active resident of that room, or the grid worker of the room's
 * grid (staff and admins too) approves or refuses it.
 *
 * <p>The link is written where the token issuer reads it, the account item of the AccountsTable
 * (community, the {@code residents} group, the resident's grid, the resident's id), in the same
 * TransactWriteItems as the application and the resident's account link in the ResidentsTable, so
 * neither table ever holds half a link. Moving out, a death and erasure unlink it in the move's or
 * erasure's transaction ({@link Residents}). Logs carry ids and outcomes, never a name or phone.
 */
final class Onboarding {
    private final ResidentStore store;
    private final DirectoryStore directory;
    private final AccountStore accounts;
    private final Clock clock;

    Onboarding(ResidentStore store, DirectoryStore directory, AccountStore accounts, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Any signed-in account in no community. 201 linked when the account's verified phone is that of
     * an active resident of the room who has no account yet; else 201 pending. 409 when the account
     * belongs to a community, or has a pending or linked application for the room.
     */
    ApplicationView apply(String accountId, Supplier<ApplyBody> input) {
        ApplyBody body = input.get();
        AccountStore.Membership account = accounts.membership(accountId).orElseThrow(Problem::unauthorized);
        if (account.communityId() != null) throw Problem.conflict("account_in_community");
        String c = body.communityId();
        Building building = directory.room(c, body.buildingId(), body.unitId(), body.roomId())
                .flatMap(room -> directory.building(c, body.buildingId()))
                .orElseThrow(() -> Problem.invalid("roomId", "unknown_room"));
        Address room = new Address(building.gridId(), body.buildingId(), body.unitId(), body.roomId());
        Instant now = clock.instant();
        Application pending = new Application(c, ResidentStore.applicationId(accountId, room), accountId, room, body.name(),
                Relation.ofWire(body.relation()), ApplicationStatus.PENDING, null, null, now, null, null);
        Optional<Resident> match = account.phoneHash() == null ? Optional.empty()
                : store.findByPhoneHash(c, account.phoneHash()).stream().filter(r -> r.active() && inRoom(r.address(), room)).findFirst();
        try {
            if (match.isPresent()) {
                String residentId = match.get().residentId();
                Application linked = pending.decided(ApplicationStatus.LINKED, residentId, null, now, null);
                try {
                    store.applyLinked(linked, match.get(), accounts.linkResident(accountId, c, room.gridId(), residentId, match.get().householdId(), now));
                    Log.info("onboarding.linked_at_once", "communityId", c, "applicationId", linked.applicationId(),
                            "residentId", residentId, "gridId", room.gridId(), "account", accountId);
                    return ApplicationView.of(linked);
                } catch (ResidentStore.ResidentNotLinkable taken) {
                    Log.info("onboarding.match_not_linkable", "communityId", c, "applicationId", pending.applicationId(),
                            "residentLinked", taken.linked());
                }
            }
            store.apply(pending);
        } catch (ResidentStore.ApplicationExists exists) {
            throw Problem.conflict("application_exists");
        } catch (ResidentStore.AccountNotLinkable bound) {
            throw Problem.conflict("account_in_community");
        }
        Log.info("onboarding.applied", "communityId", c, "applicationId", pending.applicationId(), "gridId", room.gridId(),
                "account", accountId);
        return ApplicationView.of(pending);
    }

    /** The caller's own applications, in every community, each with its status (and a refusal's reason). */
    ApplicationView.Items mine(String accountId) {
        return new ApplicationView.Items(store.applicationsOf(accountId).stream().map(ApplicationView::of).toList());
    }

    /** Grid workers of the grid, staff and admins: the grid's pending applications, oldest first. */
    ApplicationView.Page pending(Caller caller, String gridId, int limit, String cursor) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        if (!caller.coversGrid(gridId)) throw Problem.forbidden("grid_not_covered");
        Page<Application> page = store.pendingApplications(caller.communityId(), gridId, limit, cursor);
        return new ApplicationView.Page(page.items().stream().map(ApplicationView::of).toList(), page.nextCursor());
    }

    /**
     * Links the applicant to the registered resident {@code residentId} of the application's room, or
     * registers a new resident from the approver's fields into a household of that room and links the
     * applicant to them. 409 when decided already, or the resident has an account, or the account
     * joined a community meanwhile.
     */
    ApplicationView approve(Caller caller, String applicationId, Supplier<ApprovalBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        Application application = find(caller, applicationId);
        ApprovalBody body = input.get();
        if (application.status() != ApplicationStatus.PENDING) throw Problem.conflict("application_decided");
        String c = application.communityId();
        String grid = application.address().gridId();
        Instant now = clock.instant();
        Application linked;
        try {
            if (body.residentId() != null) {
                Resident resident = store.get(c, body.residentId()).filter(r -> r.active() && inRoom(r.address(), application.address()))
                        .orElseThrow(() -> Problem.invalid("residentId", "resident_not_in_room"));
                linked = store.approveLink(application, body.residentId(), caller.sub(),
                        accounts.linkResident(application.accountId(), c, grid, body.residentId(), resident.householdId(), now));
            } else {
                Household household = store.household(c, body.householdId()).filter(h -> inRoom(h.address(), application.address()))
                        .orElseThrow(() -> Problem.invalid("householdId", "household_not_in_room"));
                IdCardNumber id = IdCardNumber.of(body.idNumber());
                NewResident resident = new NewResident(application.name(), id.value(), id.birthDate(), id.gender(), body.phone(),
                        application.relation(), ResidenceType.ofWire(body.residenceType()), List.of(), List.of(), List.of(), null,
                        LocalDate.now(clock.withZone(Residents.CHINA)));
                Resident registered = store.approveRegister(application, household, resident, caller.sub(),
                        residentId -> accounts.linkResident(application.accountId(), c, grid, residentId, household.householdId(), now));
                linked = application.decided(ApplicationStatus.LINKED, registered.residentId(), null, now, caller.sub());
            }
        } catch (ResidentStore.ApplicationDecided decided) {
            throw Problem.conflict("application_decided");
        } catch (ResidentStore.ResidentNotLinkable notLinkable) {
            if (notLinkable.linked()) throw Problem.conflict("resident_linked");
            throw Problem.invalid("residentId", "resident_not_in_room");
        } catch (ResidentStore.AccountNotLinkable bound) {
            throw Problem.conflict("account_in_community");
        } catch (ResidentStore.IdNumberTaken taken) {
            throw Residents.idNumberRegistered(caller, taken);
        } catch (ResidentStore.HouseholdHasHead head) {
            throw Residents.householdHasHead();
        }
        Log.info("onboarding.approved", "communityId", c, "applicationId", applicationId, "residentId", linked.residentId(),
                "registered", body.residentId() == null, "gridId", grid, "by", caller.sub());
        return ApplicationView.of(linked);
    }

    /** Refuses a pending application with the reason its applicant is shown; 409 when decided already. */
    ApplicationView refuse(Caller caller, String applicationId, Supplier<RefusalBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        Application application = find(caller, applicationId);
        RefusalBody body = input.get();
        if (application.status() != ApplicationStatus.PENDING) throw Problem.conflict("application_decided");
        Application refused;
        try {
            refused = store.refuse(application, body.reason(), caller.sub());
        } catch (ResidentStore.ApplicationDecided decided) {
            throw Problem.conflict("application_decided");
        }
        Log.info("onboarding.refused", "communityId", application.communityId(), "applicationId", applicationId, "by", caller.sub());
        return ApplicationView.of(refused);
    }

    /** An application of the caller's community and grids; any other is 404. */
    private Application find(Caller caller, String applicationId) {
        if (!Residents.ID.matcher(applicationId).matches()) throw Problem.notFound();
        return store.application(caller.communityId(), applicationId)
                .filter(a -> caller.coversGrid(a.address().gridId()))
                .orElseThrow(Problem::notFound);
    }

    private static boolean inRoom(Address a, Address room) {
        return a != null && a.buildingId().equals(room.buildingId()) && a.unitId().equals(room.unitId()) && a.roomId().equals(room.roomId());
    }
}
