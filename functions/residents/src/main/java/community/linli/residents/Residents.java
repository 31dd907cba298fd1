package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Check;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Problem;
import community.linli.platform.http.StaleVersionException;
import community.linli.platform.store.Page;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Room;
import community.linli.tables.directory.Tag;
import community.linli.tables.residents.Address;
import community.linli.tables.residents.AuditRecord;
import community.linli.tables.residents.Consent;
import community.linli.tables.residents.Household;
import community.linli.tables.residents.MoveKind;
import community.linli.tables.residents.NewResident;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentChange;
import community.linli.tables.residents.ResidentStatus;
import community.linli.tables.residents.ResidentStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What the resident-registry routes do, apart from HTTP: who may act, what is checked, what is written.
 *
 * <p>Grid workers, staff and admins use the registry; a grid worker only inside their grids (a
 * resident or household of another grid is 404 to them, a list of another grid 403). The role is
 * checked before the input is read. Every key is the caller's community's. Logs carry ids and
 * outcomes; never a name, an ID number, a phone or a tag.
 */
final class Residents {
    static final int MAX_NAME = 32;
    static final int MAX_NOTES = 500;
    static final int MAX_TAGS = 10;
    static final int MAX_REASON = 200;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern HOUSEHOLD_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,32}");
    static final Pattern TAG = Pattern.compile("[a-z0-9_]{1,32}");
    /** Dates residents and registrars speak of are Beijing dates. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final ResidentStore store;
    private final DirectoryStore directory;
    private final AccountStore accounts;
    private final Clock clock;

    Residents(ResidentStore store, DirectoryStore directory, AccountStore accounts, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.accounts = accounts;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- households

    HouseholdView createHousehold(Caller caller, Supplier<CreateHouseholdBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        CreateHouseholdBody body = input.get();
        String c = caller.communityId();
        Optional<Room> room = directory.room(c, body.buildingId(), body.unitId(), body.roomId());
        Optional<Building> building = room.flatMap(r -> directory.building(c, body.buildingId()));
        if (building.isEmpty()) throw Problem.invalid("roomId", "unknown_room");
        if (!caller.coversGrid(building.get().gridId())) throw Problem.forbidden("grid_not_covered");
        Household household;
        try {
            household = store.createHousehold(c, body.householdNumber(),
                    new Address(building.get().gridId(), body.buildingId(), body.unitId(), body.roomId()));
        } catch (ResidentStore.HouseholdNumberTaken taken) {
            throw new Problem(Problem.Kind.CONFLICT, "household_number_registered", null,
                    List.of(new FieldError("householdNumber", "household_number_registered")), null);
        }
        Log.info("residents.household_created", "communityId", c, "householdId", household.householdId(),
                "gridId", household.address().gridId(), "by", caller.sub());
        return HouseholdView.of(household, null);
    }

    HouseholdView household(Caller caller, String householdId) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        if (!ID.matcher(householdId).matches()) throw Problem.notFound();
        var found = store.householdWithMembers(caller.communityId(), householdId)
                .filter(h -> caller.coversGrid(h.household().address().gridId()))
                .orElseThrow(Problem::notFound);
        return HouseholdView.of(found.household(), found.members().stream().map(r -> ResidentView.of(caller, r, null)).toList());
    }

    // ---------------------------------------------------------------- residents

    ResidentView register(Caller caller, Supplier<RegisterResidentBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        RegisterResidentBody body = input.get();
        String c = caller.communityId();
        Household household = visibleHousehold(caller, body.householdId());
        Tagging tagging = tagging(caller, body.tags(), body.consents(), List.of());
        IdCardNumber id = IdCardNumber.of(body.idNumber());
        NewResident resident = new NewResident(body.name(), id.value(), id.birthDate(), id.gender(), body.phone(),
                Relation.ofWire(body.relation()), ResidenceType.ofWire(body.residenceType()), body.tags(), tagging.sensitive(),
                tagging.consents(), body.notes(), body.movedInOn() != null ? body.movedInOn() : today());
        Resident stored;
        try {
            stored = store.register(c, household, resident, caller.sub(), tagging.careCadences());
        } catch (ResidentStore.IdNumberTaken taken) {
            throw idNumberRegistered(caller, taken);
        } catch (ResidentStore.HouseholdHasHead head) {
            throw householdHasHead();
        }
        Log.info("residents.registered", "communityId", c, "residentId", stored.residentId(), "householdId", household.householdId(),
                "gridId", household.address().gridId(), "tags", stored.tags().size(), "by", caller.sub());
        return ResidentView.of(caller, stored, null);
    }

    ResidentView get(Caller caller, String residentId) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        if (!ID.matcher(residentId).matches()) throw Problem.notFound();
        var found = store.withHistory(caller.communityId(), residentId)
                .filter(h -> caller.coversGrid(gridOf(h.resident())))
                .orElseThrow(Problem::notFound);
        return ResidentView.of(caller, found.resident(), found.moves());
    }

    /** The query of {@code GET /residents}: a grid, or a building (with a unit, and a room), and a tag for a whole grid. */
    record ListQuery(String grid, String building, String unit, String room, String tag, int limit, String cursor) {}

    ResidentView.Page list(Caller caller, ListQuery q) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        String c = caller.communityId();
        String grid = q.grid();
        if (q.building() != null) {
            Building building = directory.building(c, q.building())
                    .orElseThrow(() -> Problem.invalid("building", "unknown_building"));
            if (grid != null && !grid.equals(building.gridId())) throw Problem.invalid("grid", "grid_mismatch");
            grid = building.gridId();
        }
        if (!caller.coversGrid(grid)) throw Problem.forbidden("grid_not_covered");
        Page<Resident> page = q.tag() != null
                ? store.byTag(c, grid, q.tag(), q.limit(), q.cursor())
                : store.byPlace(c, grid, q.building(), q.unit(), q.room(), q.limit(), q.cursor());
        return new ResidentView.Page(page.items().stream().map(r -> ResidentView.of(caller, r, null)).toList(), page.nextCursor());
    }

    ResidentView patch(Caller caller, String residentId, Supplier<PatchResidentBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        Resident current = find(caller, residentId);
        PatchResidentBody body = input.get();
        if (current.status() == ResidentStatus.ERASED) throw moveNotAllowed(current);
        Tagging tagging = body.tags() == null ? null : tagging(caller, body.tags(), body.consents(), current.consents());
        IdCardNumber id = body.idNumber() == null ? null : IdCardNumber.of(body.idNumber());
        Relation relation = Relation.ofWire(body.relation());
        Household household = relation == Relation.HEAD && current.active() && !current.isHead()
                ? store.household(caller.communityId(), current.householdId()).orElseThrow(Problem::notFound) : null;
        ResidentChange change = new ResidentChange(body.name(), id == null ? null : id.value(), id == null ? null : id.birthDate(),
                id == null ? null : id.gender(), body.phone(), relation, ResidenceType.ofWire(body.residenceType()),
                body.tags(), tagging == null ? null : tagging.sensitive(), tagging == null ? null : tagging.consents(), body.notes());
        Resident updated;
        try {
            updated = store.update(current, body.version(), change, household,
                    tagging == null ? null : tagging.careCadences().isEmpty() ? careCadences(caller, current.tags()) : tagging.careCadences());
        } catch (StaleVersionException stale) {
            Log.info("residents.version_conflict", "communityId", caller.communityId(), "residentId", residentId,
                    "sent", body.version(), "current", stale.currentVersion());
            throw stale;
        } catch (ResidentStore.IdNumberTaken taken) {
            throw idNumberRegistered(caller, taken);
        } catch (ResidentStore.HouseholdHasHead head) {
            throw householdHasHead();
        }
        Log.info("residents.updated", "communityId", caller.communityId(), "residentId", residentId, "version", updated.version(),
                "idNumberChanged", id != null, "phoneChanged", body.phone() != null, "tagsChanged", body.tags() != null, "by", caller.sub());
        return ResidentView.of(caller, updated, null);
    }

    ResidentView move(Caller caller, String residentId, Supplier<MoveBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        Resident current = find(caller, residentId);
        MoveBody body = input.get();
        MoveKind kind = MoveKind.ofWire(body.kind());
        boolean allowed = kind == MoveKind.MOVE_IN ? current.status() == ResidentStatus.MOVED_OUT : current.active();
        if (!allowed) throw moveNotAllowed(current);
        Household to = body.householdId() == null ? null : visibleHousehold(caller, body.householdId());
        if (to != null && kind == MoveKind.TRANSFER && to.householdId().equals(current.householdId())) {
            throw Problem.invalid("householdId", "not_applicable");
        }
        String linked = kind == MoveKind.MOVE_IN ? null : store.linkedAccount(caller.communityId(), residentId).orElse(null);
        TransactWriteItem accountPart = null;
        if (linked != null && kind != MoveKind.TRANSFER) accountPart = accounts.unlinkResident(linked, residentId, clock.instant());
        if (linked != null && kind == MoveKind.TRANSFER) {
            accountPart = accounts.moveResident(linked, residentId, to.householdId(), to.address().gridId());
        }
        Resident moved;
        try {
            moved = store.move(current, body.version(), kind, to, Relation.ofWire(body.relation()),
                    body.date() != null ? body.date() : today(), caller.sub(),
                    kind == MoveKind.MOVE_IN ? careCadences(caller, current.tags()) : Map.of(), linked, accountPart);
        } catch (ResidentStore.HouseholdHasHead head) {
            throw householdHasHead();
        }
        Log.info("residents.moved", "communityId", caller.communityId(), "residentId", residentId, "kind", kind.wire(),
                "householdId", moved.householdId(), "version", moved.version(), "by", caller.sub());
        return ResidentView.of(caller, moved, null);
    }

    ResidentView.Items lookup(Caller caller, Supplier<LookupBody> input) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        LookupBody body = input.get();
        String c = caller.communityId();
        List<Resident> found = body.idNumber() != null
                ? store.findByIdHash(c, store.idHash(body.idNumber())).stream().toList()
                : store.findByPhoneHash(c, store.phoneHash(body.phone()));
        List<ResidentView> visible = found.stream().filter(r -> caller.coversGrid(gridOf(r)))
                .map(r -> ResidentView.of(caller, r, null)).toList();
        Log.info("residents.lookup", "communityId", c, "by", caller.sub(), "kind", body.idNumber() != null ? "id_number" : "phone",
                "found", found.size(), "visible", visible.size());
        return new ResidentView.Items(visible);
    }

    /** Admins, and the grid worker of the resident's grid; the audit record is written before anything is opened. */
    RevealView reveal(Caller caller, String residentId, Supplier<ReasonBody> input) {
        caller.require(Role.GRID_WORKER, Role.ADMIN);
        Resident resident = find(caller, residentId);
        ReasonBody body = input.get();
        if (resident.status() == ResidentStatus.ERASED) throw Problem.notFound();
        AuditRecord audit = audit(caller, "reveal", residentId, body.reason());
        store.audit(audit);
        Log.info("residents.revealed", "communityId", caller.communityId(), "residentId", residentId, "auditId", audit.auditId(),
                "by", caller.sub());
        return new RevealView(residentId, store.idNumber(resident), store.phone(resident), audit.auditId());
    }

    AuditView.Page audits(Caller caller, YearMonth month, int limit, String cursor) {
        caller.require(Role.ADMIN);
        var page = store.audits(caller.communityId(), month != null ? month : YearMonth.now(clock.withZone(ZoneOffset.UTC)), limit, cursor);
        return new AuditView.Page(page.items().stream().map(AuditView::of).toList(), page.nextCursor());
    }

    /** Admins only, on the resident's request: personal data deleted for good, a tombstone and the audit record left. */
    ResidentView erase(Caller caller, String residentId, Supplier<ReasonBody> input) {
        caller.require(Role.ADMIN);
        Resident current = find(caller, residentId);
        ReasonBody body = input.get();
        Check.of().required("version", body.version()).done();
        if (current.status() == ResidentStatus.ERASED) throw moveNotAllowed(current);
        AuditRecord audit = audit(caller, "erasure", residentId, body.reason());
        Resident tombstone;
        try {
            String linked = store.linkedAccount(caller.communityId(), residentId).orElse(null);
            tombstone = store.erase(current, body.version(), audit, linked,
                    linked == null ? null : accounts.unlinkResident(linked, residentId, clock.instant()));
        } catch (ResidentStore.TooLongToErase tooLong) {
            throw Problem.conflict("history_too_long");
        }
        Log.info("residents.erased", "communityId", caller.communityId(), "residentId", residentId, "auditId", audit.auditId(),
                "by", caller.sub());
        return ResidentView.of(caller, tombstone, null);
    }

    /**
     * Counts per grid: {@code gridId}'s alone (a grid worker only of theirs: 403), or every grid the
     * caller covers (one Query of the directory's grids, then one counting Query per grid).
     */
    StatisticsView statistics(Caller caller, String gridId) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        String c = caller.communityId();
        if (gridId != null) {
            if (!caller.coversGrid(gridId)) throw Problem.forbidden("grid_not_covered");
            return StatisticsView.of("grid", List.of(store.countGrid(c, gridId)));
        }
        List<String> grids = directory.grids(c).stream().map(g -> g.id()).filter(caller::coversGrid).toList();
        return StatisticsView.of(caller.isStaff() ? "community" : "my_grids", grids.stream().map(g -> store.countGrid(c, g)).toList());
    }

    // ---------------------------------------------------------------- checks shared by the bodies

    /** A plausible ID-card number today, or the error that names {@code field}. */
    static void checkIdNumber(Check check, String field, String normalized) {
        if (normalized == null) return;
        IdCardNumber.Flaw flaw = IdCardNumber.flaw(normalized, LocalDate.now(CHINA));
        if (flaw != null) check.add(field, flaw.code);
    }

    /** A day that has happened, since 1900. */
    static void checkDate(Check check, String field, LocalDate date) {
        if (date == null) return;
        if (date.isAfter(LocalDate.now(CHINA))) check.add(field, "future_date");
        else if (date.isBefore(EARLIEST)) check.add(field, "date_too_early", Map.of("earliest", EARLIEST.toString()));
    }

    /** Tag codes well-formed and distinct; each consent names a tag of {@code tags}, once, with a day that has happened. */
    static void checkTags(Check check, List<String> tags, List<ConsentBody> consents) {
        check.maxItems("tags", tags, MAX_TAGS).distinct("tags", tags);
        if (tags != null) {
            for (int i = 0; i < tags.size(); i++) check.matches("tags[" + i + "]", tags.get(i), TAG);
        }
        if (consents == null) return;
        check.maxItems("consents", consents, MAX_TAGS);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < consents.size(); i++) {
            ConsentBody consent = consents.get(i);
            String at = "consents[" + i + "]";
            if (consent == null) {
                check.add(at, "required");
                continue;
            }
            check.required(at + ".tag", consent.tag()).required(at + ".date", consent.date());
            checkDate(check, at + ".date", consent.date());
            if (consent.tag() != null && (tags == null || !tags.contains(consent.tag()))) check.add(at + ".tag", "consent_without_tag");
            else if (consent.tag() != null && seen.contains(consent.tag())) check.add(at + ".tag", "duplicate_items");
            seen.add(consent.tag());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The sensitive tags among {@code tags} and their consents: new ones recorded now by the caller, earlier ones kept. */
    private record Tagging(List<String> sensitive, List<Consent> consents, Map<String, Integer> careCadences) {}

    /** Checks {@code tags} against the community's list (one Query, only when there are tags): 400 naming each unknown one, or a sensitive one without consent. */
    private Tagging tagging(Caller caller, List<String> tags, List<ConsentBody> consents, List<Consent> recorded) {
        if (tags.isEmpty()) return new Tagging(List.of(), List.of(), Map.of());
        Map<String, Tag> known = new HashMap<>();
        directory.tags(caller.communityId()).forEach(t -> known.put(t.code(), t));
        Map<String, Consent> byTag = new LinkedHashMap<>();
        recorded.forEach(c -> byTag.put(c.tag(), c));
        for (ConsentBody c : consents) {
            byTag.put(c.tag(), new Consent(c.tag(), c.date(), caller.sub(), clock.instant()));
        }
        Check check = Check.of();
        List<String> sensitive = new ArrayList<>();
        List<Consent> kept = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = known.get(tags.get(i));
            if (tag == null) {
                check.add("tags[" + i + "]", "unknown_tag");
            } else if (tag.sensitive()) {
                sensitive.add(tag.code());
                if (byTag.containsKey(tag.code())) kept.add(byTag.get(tag.code()));
                else check.add("tags[" + i + "]", "consent_required");
            }
        }
        for (int i = 0; i < consents.size(); i++) {
            Tag tag = known.get(consents.get(i).tag());
            if (tag != null && !tag.sensitive()) check.add("consents[" + i + "].tag", "consent_without_tag");
        }
        check.done();
        return new Tagging(sensitive, kept, cadences(known.values()));
    }

    /** The community's care cadences (tag code → days): one Query of the directory, only when {@code tags} has any to look up. */
    Map<String, Integer> careCadences(Caller caller, List<String> tags) {
        return tags.isEmpty() ? Map.of() : cadences(directory.tags(caller.communityId()));
    }

    private static Map<String, Integer> cadences(java.util.Collection<Tag> tags) {
        Map<String, Integer> cadences = new HashMap<>();
        tags.stream().filter(t -> t.careCadenceDays() != null).forEach(t -> cadences.put(t.code(), t.careCadenceDays()));
        return cadences;
    }

    /** A household the caller may register into: another grid's is as unknown as a missing one. */
    private Household visibleHousehold(Caller caller, String householdId) {
        return store.household(caller.communityId(), householdId)
                .filter(h -> caller.coversGrid(h.address().gridId()))
                .orElseThrow(() -> Problem.invalid("householdId", "unknown_household"));
    }

    Resident find(Caller caller, String residentId) {
        if (!ID.matcher(residentId).matches()) throw Problem.notFound();
        return store.get(caller.communityId(), residentId).filter(r -> caller.coversGrid(gridOf(r))).orElseThrow(Problem::notFound);
    }

    /** The grid of a resident; an erased one has none, so only staff and admins see its tombstone. */
    static String gridOf(Resident r) {
        return r.address() == null ? null : r.address().gridId();
    }

    private AuditRecord audit(Caller caller, String action, String residentId, String reason) {
        String role = caller.is(Role.ADMIN) ? "admin" : caller.is(Role.STAFF) ? "staff" : "grid_worker";
        return new AuditRecord(caller.communityId(), ResidentStore.newAuditId(), clock.instant(), caller.sub(), role,
                action, residentId, reason);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** 409 naming {@code idNumber}; the holder's id only if the caller may see that resident. */
    static Problem idNumberRegistered(Caller caller, ResidentStore.IdNumberTaken taken) {
        Resident holder = taken.holder();
        boolean visible = holder != null && caller.coversGrid(gridOf(holder));
        Log.info("residents.id_number_conflict", "communityId", caller.communityId(), "holderVisible", visible, "by", caller.sub());
        return new Problem(Problem.Kind.CONFLICT, "id_number_registered", null,
                List.of(new FieldError("idNumber", "id_number_registered")), null,
                visible ? Map.of("residentId", holder.residentId()) : Map.of());
    }

    static Problem householdHasHead() {
        return new Problem(Problem.Kind.CONFLICT, "household_has_head", null,
                List.of(new FieldError("relation", "household_has_head")), null);
    }

    private static Problem moveNotAllowed(Resident r) {
        return Problem.conflict("move_not_allowed", Map.of("status", r.status().wire()));
    }
}
