package community.linli.staff;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Check;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Problem;
import community.linli.platform.http.StaleVersionException;
import community.linli.platform.store.Page;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Grid;
import community.linli.tables.staff.Duty;
import community.linli.tables.staff.DutyAndMembers;
import community.linli.tables.staff.StaffChange;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the staff routes do, apart from HTTP: who may act, what is checked, what is written.
 *
 * <p>The role is checked before the input is read, so a caller without it learns nothing from
 * validation. Every key is the caller's community's, so another community's member is 404. Logs
 * carry ids, roles and outcomes; never a name or a phone.
 */
final class Staff {
    static final int MAX_NAME = 32;
    static final int MAX_GRIDS = 20;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final StaffStore store;
    private final DirectoryStore directory;
    private final Clock clock;

    Staff(StaffStore store, DirectoryStore directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    StaffView register(Caller caller, Supplier<RegisterStaffBody> input) {
        caller.require(Role.ADMIN);
        RegisterStaffBody body = input.get();
        checkGridsExist(caller.communityId(), body.gridIds());
        StaffMember member;
        try {
            member = store.register(caller.communityId(), body.toNewStaff());
        } catch (StaffStore.PhoneTaken taken) {
            throw phoneRegistered(caller, taken);
        }
        Log.info("staff.registered", "communityId", caller.communityId(), "staffId", member.staffId(),
                "role", member.role().wire(), "grids", member.gridIds().size(), "by", caller.sub());
        return view(caller, member);
    }

    StaffView.Page list(Caller caller, int limit, String cursor) {
        caller.require(Role.STAFF, Role.ADMIN);
        Page<StaffMember> page = store.list(caller.communityId(), limit, cursor);
        return new StaffView.Page(page.items().stream().map(m -> view(caller, m)).toList(), page.nextCursor());
    }

    StaffView get(Caller caller, String staffId) {
        caller.require(Role.STAFF, Role.ADMIN);
        return view(caller, find(caller, staffId));
    }

    StaffView patch(Caller caller, String staffId, Supplier<PatchStaffBody> input) {
        caller.require(Role.ADMIN);
        StaffMember current = find(caller, staffId);
        PatchStaffBody body = input.get();
        StaffChange change = body.toChange();
        StaffRole role = change.role() != null ? change.role() : current.role();
        List<String> grids = change.gridIds() != null ? change.gridIds() : current.gridIds();
        Check fit = Check.of();
        checkRoleFitsGrids(fit, role, grids);
        fit.done();
        if (change.gridIds() != null) checkGridsExist(caller.communityId(), change.gridIds());
        StaffMember updated;
        try {
            updated = store.update(current, body.version(), change);
        } catch (StaleVersionException stale) {
            Log.info("staff.version_conflict", "communityId", caller.communityId(), "staffId", staffId,
                    "sent", body.version(), "current", stale.currentVersion());
            throw stale;
        } catch (StaffStore.PhoneTaken taken) {
            throw phoneRegistered(caller, taken);
        }
        Log.info("staff.updated", "communityId", caller.communityId(), "staffId", staffId, "version", updated.version(),
                "role", updated.role().wire(), "status", updated.status().wire(), "phoneChanged", change.phone() != null,
                "by", caller.sub());
        return view(caller, updated);
    }

    /** The community's head, weekly roster and dated rosters, with who is on duty now: one Query. */
    DutyView duty(Caller caller) {
        caller.require(Role.STAFF, Role.ADMIN);
        return DutyView.of(store.duty(caller.communityId()), clock.instant());
    }

    /**
     * Stores the community's head and roster whole, based on {@code version}: one Query of the
     * registry's partition reads the members, the stored version and the dated rosters; the head must
     * be an active admin and everyone on the roster an active member (400 {@code not_an_admin},
     * {@code unknown_staff}); a version other than the stored one is 409 with nothing written; then
     * one PutItem, still conditional on the version, so a change racing this one is 409 too. The
     * answer is the roster just written with the dates read before it: two round trips.
     */
    DutyView putDuty(Caller caller, Supplier<PutDutyBody> input) {
        caller.require(Role.ADMIN);
        PutDutyBody body = input.get();
        DutyAndMembers read = store.dutyAndMembers(caller.communityId());
        Map<String, StaffMember> active = active(read.members());
        Check check = Check.of();
        StaffMember head = active.get(body.head());
        if (head == null || head.role() != StaffRole.ADMIN) check.add("head", "not_an_admin");
        checkOnRoster(check, active, body.slots().stream().map(PutDutyBody.Slot::staffIds).toList());
        check.done();
        Duty stored;
        try {
            if (read.duty().version() != body.version()) throw new StaleVersionException(read.duty().version());
            stored = store.putDuty(caller.communityId(), body.head(), body.toSlots(), body.version());
        } catch (StaleVersionException stale) {
            Log.info("staff.duty_version_conflict", "communityId", caller.communityId(), "sent", body.version(),
                    "current", stale.currentVersion());
            throw stale;
        }
        Log.info("staff.duty_updated", "communityId", caller.communityId(), "version", stored.version(),
                "slots", stored.slots().size(), "by", caller.sub());
        return DutyView.of(stored.withDates(read.duty().dates()), clock.instant());
    }

    /**
     * Stores {@code date}'s own roster whole (Asia/Shanghai), replacing the weekly one on that date:
     * the date checked first (400 naming {@code date}: not a date, before today, or more than a year
     * ahead), then the body, then the ids against the registry (one Query a page; 400
     * {@code unknown_staff}), then one PutItem. A date is its own item, so no version: the last
     * admin's roster for a date is the date's.
     */
    DutyView.DateView putDutyDate(Caller caller, String dateText, Supplier<PutDutyDateBody> input) {
        caller.require(Role.ADMIN);
        LocalDate date = dutyDate(dateText);
        PutDutyDateBody body = input.get();
        Map<String, StaffMember> active = activeMembers(caller.communityId());
        Check check = Check.of();
        checkOnRoster(check, active, body.slots().stream().map(PutDutyDateBody.Slot::staffIds).toList());
        check.done();
        var stored = store.putDutyDate(caller.communityId(), date, body.toSlots());
        Log.info("staff.duty_date_set", "communityId", caller.communityId(), "date", date, "slots", stored.slots().size(), "by", caller.sub());
        return DutyView.DateView.of(stored);
    }

    /** Clears {@code date}'s own roster, so the weekly roster applies again: one DeleteItem, 204 whether or not it had one. */
    void deleteDutyDate(Caller caller, String dateText) {
        caller.require(Role.ADMIN);
        LocalDate date = dutyDate(dateText);
        store.deleteDutyDate(caller.communityId(), date);
        Log.info("staff.duty_date_cleared", "communityId", caller.communityId(), "date", date, "by", caller.sub());
    }

    /** A date a roster may be set or cleared for: today (Asia/Shanghai) up to a year ahead. */
    private LocalDate dutyDate(String text) {
        LocalDate date = null;
        try {
            if (text != null && text.length() == 10) date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            // refused below, as every malformed date is
        }
        LocalDate today = clock.instant().atZone(Duty.ZONE).toLocalDate();
        Check check = Check.of();
        if (date == null) check.add("date", "date");
        else if (date.isBefore(today)) check.add("date", "date_too_early", Map.of("earliest", today.toString()));
        else if (date.isAfter(today.plusYears(1))) check.add("date", "date_too_late", Map.of("latest", today.plusYears(1).toString()));
        check.done();
        return date;
    }

    /** Each slot's ids ({@code slots[i].staffIds[j]}) must name an active member: 400 {@code unknown_staff}. */
    private static void checkOnRoster(Check check, Map<String, StaffMember> active, List<List<String>> idsBySlot) {
        for (int i = 0; i < idsBySlot.size(); i++) {
            List<String> ids = idsBySlot.get(i);
            for (int j = 0; j < ids.size(); j++) {
                if (!active.containsKey(ids.get(j))) check.add("slots[" + i + "].staffIds[" + j + "]", "unknown_staff");
            }
        }
    }

    /** The community's active members by id: one Query a page of the registry. */
    private Map<String, StaffMember> activeMembers(String communityId) {
        List<StaffMember> members = new ArrayList<>();
        String cursor = null;
        do {
            Page<StaffMember> page = store.list(communityId, StaffHandler.MAX_PAGE, cursor);
            members.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return active(members);
    }

    private static Map<String, StaffMember> active(List<StaffMember> members) {
        Map<String, StaffMember> active = new HashMap<>();
        members.stream().filter(StaffMember::active).forEach(m -> active.put(m.staffId(), m));
        return active;
    }

    // ---------------------------------------------------------------- checks shared by the bodies

    /** Grid ids that are well-formed and distinct, and a role they fit: grid workers have grids, nobody else does. */
    static void checkGrids(Check check, StaffRole role, List<String> gridIds) {
        checkGridIds(check, gridIds);
        if (role != null) checkRoleFitsGrids(check, role, gridIds == null ? List.of() : gridIds);
    }

    static void checkGridIds(Check check, List<String> gridIds) {
        check.maxItems("gridIds", gridIds, MAX_GRIDS).distinct("gridIds", gridIds);
        if (gridIds == null) return;
        for (int i = 0; i < gridIds.size(); i++) check.matches("gridIds[" + i + "]", gridIds.get(i), ID);
    }

    private static void checkRoleFitsGrids(Check check, StaffRole role, List<String> gridIds) {
        // A semantic refusal: a PATCH that changes only the role is schema-valid, the stored grids are what is missing.
        if (role == StaffRole.GRID_WORKER && gridIds.isEmpty()) check.add("gridIds", "grid_required");
        if (role != StaffRole.GRID_WORKER && !gridIds.isEmpty()) check.add("gridIds", "grid_workers_only");
    }

    // ---------------------------------------------------------------- helpers

    /** One Query on the DirectoryTable, only when there are grids to check. */
    private void checkGridsExist(String communityId, List<String> gridIds) {
        if (gridIds.isEmpty()) return;
        Set<String> known = directory.grids(communityId).stream().map(Grid::id).collect(Collectors.toSet());
        Check check = Check.of();
        for (int i = 0; i < gridIds.size(); i++) {
            if (!known.contains(gridIds.get(i))) check.add("gridIds[" + i + "]", "unknown_grid");
        }
        check.done();
    }

    private StaffMember find(Caller caller, String staffId) {
        if (!ID.matcher(staffId).matches()) throw Problem.notFound();
        return store.get(caller.communityId(), staffId).orElseThrow(Problem::notFound);
    }

    /** Admins see phones in full (one Decrypt per data key not yet opened in this container); everyone else masked. */
    private StaffView view(Caller caller, StaffMember member) {
        return StaffView.of(member, caller.is(Role.ADMIN) ? store.phone(member) : null);
    }

    /** 409 naming {@code phone}; only admins register or change phones, so the holder's staff id may be shown. */
    private static Problem phoneRegistered(Caller caller, StaffStore.PhoneTaken taken) {
        Log.info("staff.phone_conflict", "communityId", caller.communityId(), "holder", taken.staffId());
        Map<String, Object> extensions = new HashMap<>();
        if (taken.staffId() != null) extensions.put("staffId", taken.staffId());
        return new Problem(Problem.Kind.CONFLICT, "phone_registered", null,
                List.of(new FieldError("phone", "phone_registered")), null, extensions);
    }
}
