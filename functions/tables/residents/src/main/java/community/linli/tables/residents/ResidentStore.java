package community.linli.tables.residents;

import static community.linli.platform.store.Attr.instant;
import static community.linli.platform.store.Attr.n;
import static community.linli.platform.store.Attr.num;
import static community.linli.platform.store.Attr.putIf;
import static community.linli.platform.store.Attr.s;
import static community.linli.platform.store.Attr.str;
import static community.linli.platform.store.Attr.strList;
import static community.linli.platform.store.Attr.strings;
import static community.linli.platform.store.Attr.time;

import community.linli.platform.Masks;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.StaleVersionException;
import community.linli.platform.store.Attr;
import community.linli.platform.store.Cursors;
import community.linli.platform.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The ResidentsTable: households, residents, their history, tags and ID claims, and the audit log
 * of personal-data access. {@code c} is the community, {@code rid} a resident, {@code hid} a household.
 *
 * <pre>
 * item             pk                   sk            ByPlace gsi1            ByHousehold gsi2   ByPhone gsi3        ByTag gsi4
 * resident         C#c#RES#rid          R             C#c#G#grid / PLACE      C#c#HH#hid / R#rid C#c#PHONE#hash / rid -
 * move (history)   C#c#RES#rid          MOVE#at#n     -                       -                  -                   -
 * tag              C#c#RES#rid          TAG#code      -                       -                  -                   C#c#G#grid#TAG#code / PLACE
 * ID claim         C#c#IDCARD#hash      CLAIM         (residentId)
 * household        C#c#HH#hid           H             -                       C#c#HH#hid / #
 * household number C#c#HHNO#number      CLAIM         (householdId)
 * audit record     C#c#AUDIT#yyyy-MM    at#auditId
 * bulk import      C#c#IMPORT#iid       IMPORT        (status, counts, report key; its audit record is put with it)
 * account link     C#c#RES#rid          ACCOUNT       (accountId: the WeChat account linked to the resident)
 * application      C#c#APP#aid          A             C#c#G#grid#APPLY / at#aid (pending only)   ByApplicant gsi5: ACC#account / at#aid
 * care             C#c#RES#rid          CARE          C#c#G#grid#CARE / dueOn#rid
 * visit            C#c#RES#rid          VISIT#date#vid  (photoKey, requestId: the FilesBucket's and RequestsTable's keys)
 * PLACE = B#building#U#unit#R#room#rid
 * </pre>
 *
 * <p>The care item of an active resident with a care tag carries their cadence, last visit and due
 * date, and puts them on their grid's care-visit list in ByPlace (in a partition of its own, ordered
 * by due date), so the visits due in a grid up to a day are one Query. It is written, moved and
 * deleted in the same transactions as the registration, tag change, move, visit or erasure that
 * changes it; the cadences of the community's care tags come from the caller (the directory's tag
 * list), since this table module does not read the directory.
 *
 * Only active residents carry the ByPlace, ByHousehold and ByTag keys (sparse indexes), so the
 * residents of a grid, building, unit or room, of a household, or with a tag in a grid are each
 * one Query, and moved-out, deceased and erased residents drop out of them. A resident's record,
 * history and tags share one partition. The ID claim keeps an ID-card number to one resident of a
 * community: a conditional PutItem writes it first, and the TransactWriteItems that writes the
 * resident checks it is still theirs, so two registrations of one number cannot both succeed (see
 * {@link #claimIdNumber} for why it is not a part of the transaction). ID numbers and phones are
 * stored only sealed ({@link FieldCrypto}, fields {@value #ID_FIELD} and {@value #PHONE_FIELD}),
 * masked, and as lookup hashes. Audit records are only ever put, conditional on not existing; the
 * function's IAM policy denies UpdateItem and DeleteItem on their partitions.
 */
public final class ResidentStore {
    public static final String ID_FIELD = "resident.idNumber";
    public static final String PHONE_FIELD = "resident.phone";
    public static final String BY_PLACE = "ByPlace";
    public static final String BY_HOUSEHOLD = "ByHousehold";
    public static final String BY_PHONE = "ByPhone";
    public static final String BY_TAG = "ByTag";
    public static final String BY_APPLICANT = "ByApplicant";
    /** The most items one TransactWriteItems takes: an erasure of a longer history is refused. */
    static final int MAX_TRANSACTION = 100;
    /** How long a claim may wait for its resident before another registration may take it over. */
    static final java.time.Duration CLAIM_GRACE = java.time.Duration.ofMinutes(1);
    /** How often a transaction cancelled at its claim check is tried while the claim is still its own. */
    static final int CLAIM_ATTEMPTS = 3;
    private static final String NOT_EXISTS = "attribute_not_exists(pk)";
    private static final String VERSION_IS = "#v = :v";
    private static final String LINK = "ACCOUNT";
    private static final String REAPPLY = "attribute_not_exists(pk) OR #s = :refused";
    private static final String STILL_PENDING = "#s = :pending";
    /** Care visits fall due on Beijing dates. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DynamoDbClient dynamo;
    private final String table;
    private final FieldCrypto crypto;
    private final Clock clock;

    public ResidentStore(DynamoDbClient dynamo, String table, FieldCrypto crypto, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.crypto = crypto;
        this.clock = clock;
    }

    /** Another resident of the community has this ID-card number. */
    public static final class IdNumberTaken extends RuntimeException {
        private final transient Resident holder;

        public IdNumberTaken(Resident holder) {
            super("ID number already registered in this community", null, false, false);
            this.holder = holder;
        }

        /** Who holds it, or null while the registration that claimed it is still being written. */
        public Resident holder() {
            return holder;
        }
    }

    /** Another household of the community has this household number. */
    public static final class HouseholdNumberTaken extends RuntimeException {
        public HouseholdNumberTaken() {
            super("household number already registered in this community", null, false, false);
        }
    }

    /** The household has a head already; a second one is refused. */
    public static final class HouseholdHasHead extends RuntimeException {
        public HouseholdHasHead() {
            super("household has a head", null, false, false);
        }
    }

    /** The resident's history is longer than one transaction can erase. */
    public static final class TooLongToErase extends RuntimeException {
        public TooLongToErase() {
            super("history too long to erase in one transaction", null, false, false);
        }
    }

    /** The account has an application for this room that is pending or linked already. */
    public static final class ApplicationExists extends RuntimeException {
        public ApplicationExists() {
            super("application exists", null, false, false);
        }
    }

    /** The application has been decided already. */
    public static final class ApplicationDecided extends RuntimeException {
        public ApplicationDecided() {
            super("application decided", null, false, false);
        }
    }

    /** The resident is not an active resident of the application's room, or has an account linked already. */
    public static final class ResidentNotLinkable extends RuntimeException {
        private final boolean linked;

        public ResidentNotLinkable(boolean linked) {
            super("resident cannot be linked", null, false, false);
            this.linked = linked;
        }

        /** True when another account is linked to the resident; false when it left the room. */
        public boolean linked() {
            return linked;
        }
    }

    /** The account part of the transaction failed its condition: the account belongs to a community already, or is gone. */
    public static final class AccountNotLinkable extends RuntimeException {
        public AccountNotLinkable() {
            super("account cannot be linked", null, false, false);
        }
    }

    /** A household and its active members, in resident-id order. */
    public record HouseholdMembers(Household household, List<Resident> members) {}

    // ---------------------------------------------------------------- households

    /** Creates a household at {@code address} with its number claimed: one TransactWriteItems. */
    public Household createHousehold(String communityId, String householdNumber, Address address) {
        return createHousehold(communityId, "hh-" + shortId(), householdNumber, address);
    }

    /** Creates a household under {@code householdId} (seeding), with its number claimed. */
    public Household createHousehold(String communityId, String householdId, String householdNumber, Address address) {
        Instant now = clock.instant();
        Household household = new Household(communityId, householdId, householdNumber, address, null, 1, now, now);
        Map<String, AttributeValue> claim = key(householdNumberPk(communityId, householdNumber), "CLAIM");
        claim.put("type", s("household_number_claim"));
        claim.put("householdId", s(household.householdId()));
        Tx tx = new Tx();
        tx.put(toItem(household), NOT_EXISTS, Map.of(), "household");
        tx.put(claim, NOT_EXISTS, Map.of(), "number");
        String failed = tx.run();
        if ("number".equals(failed)) throw new HouseholdNumberTaken();
        if (failed != null) throw new IllegalStateException("household id collided: " + failed);
        return household;
    }

    /** One GetItem. */
    public Optional<Household> household(String communityId, String householdId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(householdPk(communityId, householdId), "H")));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(household(response.item())) : Optional.empty();
    }

    /** The household and its active members: one Query on ByHousehold (a page per 1 MB). */
    public Optional<HouseholdMembers> householdWithMembers(String communityId, String householdId) {
        Household household = null;
        List<Resident> members = new ArrayList<>();
        for (var item : queryAll(BY_HOUSEHOLD, "gsi2pk", householdPk(communityId, householdId))) {
            if ("household".equals(str(item, "type"))) household = household(item);
            else members.add(resident(item));
        }
        return household == null ? Optional.empty() : Optional.of(new HouseholdMembers(household, members));
    }

    // ---------------------------------------------------------------- residents: writes

    /**
     * Registers {@code resident} as an active member of {@code household}: the resident, its ID
     * claim, its tags, its first move and, for a head, the household's head, in one TransactWriteItems.
     *
     * @throws IdNumberTaken     when the ID number belongs to another resident of the community
     * @throws HouseholdHasHead  when registering a head into a household that has one
     */
    public Resident register(String communityId, Household household, NewResident resident, String by) {
        return register(communityId, "r-" + shortId(), household, resident, by, Map.of());
    }

    /**
     * Registers {@code resident} as {@link #register(String, Household, NewResident, String)} does, and
     * when one of its tags has a cadence in {@code careCadences} (tag code → days, the community's care
     * tags), puts them on the care-visit list, due on the day of registration, in the same transaction.
     */
    public Resident register(String communityId, Household household, NewResident resident, String by,
                             Map<String, Integer> careCadences) {
        return register(communityId, "r-" + shortId(), household, resident, by, careCadences);
    }

    /** Registers {@code resident} under {@code residentId} (seeding); otherwise as {@link #register(String, Household, NewResident, String, Map)}. */
    public Resident register(String communityId, String residentId, Household household, NewResident resident, String by,
                             Map<String, Integer> careCadences) {
        return register(communityId, residentId, household, resident, by, careCadences, tx -> { });
    }

    private Resident register(String communityId, String residentId, Household household, NewResident resident, String by,
                              Map<String, Integer> careCadences, java.util.function.Consumer<Tx> more) {
        Instant now = clock.instant();
        String idHash = idHash(resident.idNumber());
        String phone = resident.phone();
        Resident stored = new Resident(communityId, residentId, household.householdId(), household.address(), resident.name(),
                resident.birthDate(), resident.gender(), resident.relation(), resident.residenceType(), resident.tags(),
                resident.sensitiveTags(), resident.consents(), resident.notes(), ResidentStatus.ACTIVE, 1, now, now,
                crypto.seal(ID_FIELD, resident.idNumber()), Masks.idNumber(resident.idNumber()), idHash,
                phone == null ? null : crypto.seal(PHONE_FIELD, phone), Masks.phone(phone), phone == null ? null : phoneHash(phone));
        claimIdNumber(communityId, idHash, residentId, now);
        Tx tx = new Tx();
        tx.put(toItem(stored), NOT_EXISTS, Map.of(), "resident");
        tx.holdsClaim(communityId, idHash, residentId);
        tx.put(moveItem(communityId, new Move(residentId, MoveKind.MOVE_IN, resident.movedInOn(), null, household.householdId(),
                household.address(), by, now), 0), NOT_EXISTS, Map.of(), "move");
        stored.tags().forEach(tag -> tx.put(tagItem(stored, tag), null, Map.of(), "tag"));
        Integer cadence = cadence(stored.tags(), careCadences);
        if (cadence != null) tx.put(careItem(communityId, new CareDue(residentId, household.address().gridId(), cadence, null, today())),
                null, Map.of(), "care");
        if (stored.isHead()) tx.setHead(household, residentId, now);
        more.accept(tx);
        String failed = tx.runOrRelease(communityId, idHash, residentId);
        if ("head".equals(failed)) throw new HouseholdHasHead();
        if ("id".equals(failed)) throw new IdNumberTaken(null);
        failedLinking(failed);
        if (failed != null) throw new IllegalStateException("registration failed at " + failed);
        return stored;
    }

    /**
     * Applies {@code change} to {@code current} if it is still at {@code basedOnVersion}: one
     * PutItem, or one TransactWriteItems when its tags, ID number or (for a head) relation change.
     *
     * @throws StaleVersionException when the resident is at another version
     * @throws IdNumberTaken         when a corrected ID number belongs to another resident
     * @throws HouseholdHasHead      when becoming the head of a household that has one
     */
    public Resident update(Resident current, long basedOnVersion, ResidentChange change, Household household) {
        return update(current, basedOnVersion, change, household, null);
    }

    /**
     * As {@link #update(Resident, long, ResidentChange, Household)}, and when the tags change, the care
     * item follows them in the same transaction: {@code careCadences} as for {@link #register(String,
     * Household, NewResident, String, Map)}; null leaves the care item as it is.
     */
    public Resident update(Resident current, long basedOnVersion, ResidentChange change, Household household,
                           Map<String, Integer> careCadences) {
        if (current.version() != basedOnVersion) throw new StaleVersionException(current.version());
        String communityId = current.communityId();
        Instant now = clock.instant();
        boolean idChanges = change.idNumber() != null && !idHash(change.idNumber()).equals(current.idHash());
        boolean phoneRemoved = change.phone() != null && change.phone().isEmpty();
        boolean phoneChanges = change.phone() != null && !change.phone().isEmpty()
                && !phoneHash(change.phone()).equals(current.phoneHash());
        String sealedPhone = phoneRemoved ? null : phoneChanges ? crypto.seal(PHONE_FIELD, change.phone()) : current.sealedPhone();
        Relation relation = or(change.relation(), current.relation());
        Resident updated = new Resident(communityId, current.residentId(), current.householdId(), current.address(),
                or(change.name(), current.name()),
                idChanges ? change.birthDate() : current.birthDate(), idChanges ? change.gender() : current.gender(),
                relation, or(change.residenceType(), current.residenceType()),
                or(change.tags(), current.tags()), or(change.sensitiveTags(), current.sensitiveTags()),
                or(change.consents(), current.consents()), change.notes() != null ? emptyToNull(change.notes()) : current.notes(),
                current.status(), current.version() + 1, current.createdAt(), now,
                idChanges ? crypto.seal(ID_FIELD, change.idNumber()) : current.sealedIdNumber(),
                idChanges ? Masks.idNumber(change.idNumber()) : current.maskedIdNumber(),
                idChanges ? idHash(change.idNumber()) : current.idHash(),
                sealedPhone, phoneRemoved ? null : phoneChanges ? Masks.phone(change.phone()) : current.maskedPhone(),
                phoneRemoved ? null : phoneChanges ? phoneHash(change.phone()) : current.phoneHash());
        boolean tagsChange = change.tags() != null && !change.tags().equals(current.tags());
        boolean headChanges = current.active() && current.isHead() != updated.isHead();
        Map<String, AttributeValue> versionIs = Map.of(":v", n(basedOnVersion));
        if (!idChanges && !tagsChange && !headChanges) {
            try {
                dynamo.putItem(r -> r.tableName(table).item(toItem(updated)).conditionExpression(VERSION_IS)
                        .expressionAttributeNames(Map.of("#v", "version")).expressionAttributeValues(versionIs));
            } catch (ConditionalCheckFailedException e) {
                throw stale(communityId, current.residentId());
            }
            return updated;
        }
        if (idChanges) claimIdNumber(communityId, updated.idHash(), current.residentId(), now);
        Tx tx = new Tx();
        tx.put(toItem(updated), VERSION_IS, versionIs, "resident");
        if (idChanges) {
            tx.holdsClaim(communityId, updated.idHash(), current.residentId());
            tx.deleteClaim(communityId, current.idHash(), current.residentId());
        }
        if (tagsChange) retag(tx, current, updated);
        if (tagsChange && careCadences != null) recare(tx, current, updated, careCadences);
        if (headChanges && updated.isHead()) tx.setHead(household, current.residentId(), now);
        if (headChanges && current.isHead()) tx.clearHead(communityId, current.householdId(), current.residentId(), now);
        String failed = idChanges ? tx.runOrRelease(communityId, updated.idHash(), current.residentId()) : tx.run();
        if ("resident".equals(failed)) throw stale(communityId, current.residentId());
        if ("head".equals(failed)) throw new HouseholdHasHead();
        if ("id".equals(failed)) throw new IdNumberTaken(null);
        if (failed != null) throw stale(communityId, current.residentId());
        return updated;
    }

    /**
     * Moves {@code current} (at {@code basedOnVersion}): {@link MoveKind#MOVE_IN} and
     * {@link MoveKind#TRANSFER} into {@code to} as {@code relation}; {@link MoveKind#MOVE_OUT} and
     * {@link MoveKind#DECEASED} out of the indexes. The resident, its tags, a history entry and the
     * heads of the households it leaves and joins, in one TransactWriteItems.
     */
    public Resident move(Resident current, long basedOnVersion, MoveKind kind, Household to, Relation relation,
                         LocalDate date, String by) {
        return move(current, basedOnVersion, kind, to, relation, date, by, null, null, null);
    }

    /**
     * As {@link #move(Resident, long, MoveKind, Household, Relation, LocalDate, String)}, and in the
     * same transaction:
     * <ul>
     * <li>the care item follows the resident: off the list when they leave, onto the list of their new
     * grid on a transfer (keeping their last visit; one GetItem of it when the resident has tags), back
     * on the list, due that day, when they move in again. {@code careCadences} as for
     * {@link #register(String, Household, NewResident, String, Map)}, needed only for a move-in; null
     * leaves the care item as it is;</li>
     * <li>the resident's account link ({@link #linkedAccount}, null when none) is kept right: leaving
     * (moved out, deceased) deletes the link and runs {@code accountPart} (the account's unlink); a
     * transfer to another grid runs it (the account's new grid). The link is checked to be as it was
     * read, so an approval racing the move makes the move 409.</li>
     * </ul>
     */
    public Resident move(Resident current, long basedOnVersion, MoveKind kind, Household to, Relation relation,
                         LocalDate date, String by, Map<String, Integer> careCadences, String linkedAccountId,
                         TransactWriteItem accountPart) {
        if (current.version() != basedOnVersion) throw new StaleVersionException(current.version());
        String communityId = current.communityId();
        Instant now = clock.instant();
        boolean joins = kind == MoveKind.MOVE_IN || kind == MoveKind.TRANSFER;
        ResidentStatus status = switch (kind) {
            case MOVE_IN, TRANSFER -> ResidentStatus.ACTIVE;
            case MOVE_OUT -> ResidentStatus.MOVED_OUT;
            case DECEASED -> ResidentStatus.DECEASED;
        };
        Resident moved = new Resident(communityId, current.residentId(),
                joins ? to.householdId() : current.householdId(), joins ? to.address() : current.address(), current.name(),
                current.birthDate(), current.gender(), joins ? relation : current.relation(), current.residenceType(),
                current.tags(), current.sensitiveTags(), current.consents(), current.notes(), status,
                current.version() + 1, current.createdAt(), now, current.sealedIdNumber(), current.maskedIdNumber(),
                current.idHash(), current.sealedPhone(), current.maskedPhone(), current.phoneHash());
        Tx tx = new Tx();
        tx.put(toItem(moved), VERSION_IS, Map.of(":v", n(basedOnVersion)), "resident");
        tx.put(moveItem(communityId, new Move(current.residentId(), kind, date, current.active() ? current.householdId() : null,
                joins ? to.householdId() : null, joins ? to.address() : null, by, now), current.version()), NOT_EXISTS, Map.of(), "move");
        retag(tx, current, moved);
        if (careCadences != null) recareAfterMove(tx, current, moved, kind, careCadences);
        if (current.active() && current.isHead()) tx.clearHead(communityId, current.householdId(), current.residentId(), now);
        if (joins && moved.isHead()) tx.setHead(to, current.residentId(), now);
        if (kind != MoveKind.MOVE_IN) tx.linkAsRead(communityId, current.residentId(), linkedAccountId, !joins);
        if (accountPart != null) tx.add(accountPart, "account");
        String failed = tx.run();
        if ("head".equals(failed)) throw new HouseholdHasHead();
        if (failed != null) throw stale(communityId, current.residentId());
        return moved;
    }

    /**
     * Erases a resident's personal data for good, at {@code basedOnVersion}: the record becomes a
     * tombstone (id, status, when), its ID claim, tags and history are deleted, the household loses
     * it as head, and {@code audit} is written, all in one TransactWriteItems after one Query of the
     * resident's partition.
     */
    public Resident erase(Resident current, long basedOnVersion, AuditRecord audit) {
        return erase(current, basedOnVersion, audit, null, null);
    }

    /** {@link #erase(Resident, long, AuditRecord)}, unlinking the resident's account ({@code accountPart}) in the same transaction. */
    public Resident erase(Resident current, long basedOnVersion, AuditRecord audit, String linkedAccountId, TransactWriteItem accountPart) {
        if (current.version() != basedOnVersion) throw new StaleVersionException(current.version());
        String communityId = current.communityId();
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> partition = queryAll(null, "pk", residentPk(communityId, current.residentId()));
        Tx tx = new Tx();
        Map<String, AttributeValue> tombstone = key(residentPk(communityId, current.residentId()), "R");
        tombstone.put("type", s("resident"));
        tombstone.put("communityId", s(communityId));
        tombstone.put("residentId", s(current.residentId()));
        tombstone.put("status", s(ResidentStatus.ERASED.wire()));
        tombstone.put("version", n(current.version() + 1));
        tombstone.put("createdAt", instant(current.createdAt()));
        tombstone.put("updatedAt", instant(now));
        tx.put(tombstone, VERSION_IS, Map.of(":v", n(basedOnVersion)), "resident");
        if (current.idHash() != null) tx.deleteClaim(communityId, current.idHash(), current.residentId());
        for (var item : partition) {
            String sk = str(item, "sk");
            if (!"R".equals(sk) && !LINK.equals(sk)) tx.delete(Map.of("pk", item.get("pk"), "sk", item.get("sk")));
        }
        tx.linkAsRead(communityId, current.residentId(), linkedAccountId, true);
        if (accountPart != null) tx.add(accountPart, "account");
        if (current.active() && current.isHead()) tx.clearHead(communityId, current.householdId(), current.residentId(), now);
        tx.put(auditItem(audit), NOT_EXISTS, Map.of(), "audit");
        if (tx.size() > MAX_TRANSACTION) throw new TooLongToErase();
        String failed = tx.run();
        if (failed != null) throw stale(communityId, current.residentId());
        return resident(tombstone);
    }

    // ---------------------------------------------------------------- residents: reads

    /** One GetItem. */
    public Optional<Resident> get(String communityId, String residentId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(residentPk(communityId, residentId), "R")));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(resident(response.item())) : Optional.empty();
    }

    /** Keys one BatchGetItem may ask for. */
    private static final int BATCH_KEYS = 100;

    /**
     * The names of residents by id, for lists that show who they are (an activity's sign-ups): one
     * BatchGetItem per 100 ids of their records, reading only the id and the name. An erased or
     * unknown resident has none.
     */
    public Map<String, String> names(String communityId, java.util.Collection<String> residentIds) {
        List<String> ids = residentIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> names = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH_KEYS) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH_KEYS)).stream()
                    .map(id -> key(residentPk(communityId, id), "R")).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("residentId, #n").expressionAttributeNames(Map.of("#n", "name")).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> ask = request;
                var response = dynamo.batchGetItem(r -> r.requestItems(ask));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    if (str(item, "name") != null) names.put(str(item, "residentId"), str(item, "name"));
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return names;
    }

    /** A resident and its moves, oldest first. */
    public record ResidentHistory(Resident resident, List<Move> moves) {}

    /** The resident with its history: one Query of its partition (record, moves and tags). */
    public Optional<ResidentHistory> withHistory(String communityId, String residentId) {
        Resident resident = null;
        List<Move> moves = new ArrayList<>();
        for (var item : queryAll(null, "pk", residentPk(communityId, residentId))) {
            String type = str(item, "type");
            if ("resident".equals(type)) resident = resident(item);
            if ("move".equals(type)) moves.add(move(item));
        }
        return resident == null ? Optional.empty() : Optional.of(new ResidentHistory(resident, moves));
    }

    /**
     * Active residents of a grid, or of a building, unit or room of it (each narrower one needs the
     * wider ones), in address order: one Query on ByPlace per page.
     */
    public Page<Resident> byPlace(String communityId, String gridId, String buildingId, String unitId, String roomId,
                                  int limit, String cursor) {
        String partition = gridPk(communityId, gridId);
        String prefix = buildingId == null ? "B#" : "B#" + buildingId + "#"
                + (unitId == null ? "" : "U#" + unitId + "#" + (roomId == null ? "" : "R#" + roomId + "#"));
        var response = dynamo.query(r -> r.tableName(table).indexName(BY_PLACE)
                .keyConditionExpression("gsi1pk = :p AND begins_with(gsi1sk, :b)")
                .expressionAttributeValues(Map.of(":p", s(partition), ":b", s(prefix)))
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, Set.of("pk", "sk", "gsi1pk", "gsi1sk"),
                        Map.of("gsi1pk", partition), Map.of("gsi1sk", prefix))));
        return new Page<>(response.items().stream().map(ResidentStore::resident).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /**
     * Active residents of a grid with a tag, in address order: one Query on ByTag and one
     * BatchGetItem of their records per page.
     */
    public Page<Resident> byTag(String communityId, String gridId, String tag, int limit, String cursor) {
        String partition = tagPk(communityId, gridId, tag);
        var response = dynamo.query(r -> r.tableName(table).indexName(BY_TAG)
                .keyConditionExpression("gsi4pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, Set.of("pk", "sk", "gsi4pk", "gsi4sk"), Map.of("gsi4pk", partition), Map.of())));
        // The index projects keys only: the resident's id is the end of its partition key.
        String prefix = residentPk(communityId, "");
        List<String> ids = response.items().stream().map(item -> str(item, "pk").substring(prefix.length())).toList();
        return new Page<>(batchGet(communityId, ids), response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /**
     * Counts a grid's active residents: a Query of its ByPlace partition, projected to the household,
     * residence type and tags (one page per 1 MB read, about 1,000 residents).
     */
    public GridCounts countGrid(String communityId, String gridId) {
        int[] population = {0};
        Set<String> households = new java.util.HashSet<>();
        Map<String, Integer> tags = new java.util.TreeMap<>();
        Map<String, Integer> types = new java.util.TreeMap<>();
        forEachPlaced(communityId, gridId, "householdId, residenceType, tags", item -> {
            population[0]++;
            households.add(str(item, "householdId"));
            types.merge(str(item, "residenceType"), 1, Integer::sum);
            strList(item, "tags").forEach(t -> tags.merge(t, 1, Integer::sum));
        });
        return new GridCounts(gridId, population[0], households.size(), tags, types);
    }

    /** A household where the registry places an active resident: its id and room. */
    public record PlacedHousehold(String householdId, Address address) {}

    /**
     * The households of a grid's active residents, each once, in address order: one Query of its
     * ByPlace partition per 1 MB page, projected to the household and its room (nothing personal).
     */
    public List<PlacedHousehold> householdsOfGrid(String communityId, String gridId) {
        Map<String, PlacedHousehold> households = new LinkedHashMap<>();
        forEachPlaced(communityId, gridId, "householdId, gridId, buildingId, unitId, roomId",
                item -> households.putIfAbsent(str(item, "householdId"), new PlacedHousehold(str(item, "householdId"), address(item))));
        return List.copyOf(households.values());
    }

    /** Each active resident placed in the grid, in address order, projected to {@code projection}: one Query of ByPlace per 1 MB page. */
    private void forEachPlaced(String communityId, String gridId, String projection, java.util.function.Consumer<Map<String, AttributeValue>> each) {
        String partition = gridPk(communityId, gridId);
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(r -> r.tableName(table).indexName(BY_PLACE)
                    .keyConditionExpression("gsi1pk = :p AND begins_with(gsi1sk, :b)")
                    .expressionAttributeValues(Map.of(":p", s(partition), ":b", s("B#")))
                    .projectionExpression(projection)
                    .exclusiveStartKey(from));
            response.items().forEach(each);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** Every resident of the community with this phone (lookup hash), erased ones aside: one Query on ByPhone. */
    public List<Resident> findByPhoneHash(String communityId, String phoneHash) {
        return queryAll(BY_PHONE, "gsi3pk", phonePk(communityId, phoneHash)).stream().map(ResidentStore::resident).toList();
    }

    /** The resident of the community with this ID number (lookup hash): a GetItem of its claim, then of the resident. */
    public Optional<Resident> findByIdHash(String communityId, String idHash) {
        String holder = claimHolder(communityId, idHash);
        return holder == null ? Optional.empty() : get(communityId, holder);
    }

    /** The lookup hash of a normalized ID-card number (18 characters, upper-case {@code X}). */
    public String idHash(String idNumber) {
        return crypto.lookupHash(FieldCrypto.ID_CARD, idNumber);
    }

    /** The lookup hash of a mainland mobile: the same value the staff registry and accounts use. */
    public String phoneHash(String phone) {
        return crypto.lookupHash(FieldCrypto.PHONE, phone);
    }

    public String idNumber(Resident resident) {
        return resident.sealedIdNumber() == null ? null : crypto.open(ID_FIELD, resident.sealedIdNumber());
    }

    public String phone(Resident resident) {
        return resident.sealedPhone() == null ? null : crypto.open(PHONE_FIELD, resident.sealedPhone());
    }

    // ---------------------------------------------------------------- onboarding: account links and applications

    /** The account linked to a resident, if any: one GetItem. */
    public Optional<String> linkedAccount(String communityId, String residentId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(residentPk(communityId, residentId), LINK)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.ofNullable(str(response.item(), "accountId")) : Optional.empty();
    }

    /** The one id an account's application for a room has: so a second one for that room is the same item. */
    public static String applicationId(String accountId, Address room) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((accountId + "#" + room.buildingId() + "#"
                    + room.unitId() + "#" + room.roomId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "ap-" + java.util.HexFormat.of().formatHex(digest, 0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One GetItem. */
    public Optional<Application> application(String communityId, String applicationId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(applicationPk(communityId, applicationId), "A")).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(application(response.item())) : Optional.empty();
    }

    /** The pending applications of a grid, oldest first: one Query on ByPlace per page. */
    public Page<Application> pendingApplications(String communityId, String gridId, int limit, String cursor) {
        String partition = pendingPk(communityId, gridId);
        var response = dynamo.query(r -> r.tableName(table).indexName(BY_PLACE)
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p", s(partition))).limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, Set.of("pk", "sk", "gsi1pk", "gsi1sk"), Map.of("gsi1pk", partition), Map.of())));
        return new Page<>(response.items().stream().map(ResidentStore::application).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /** Every application of an account, in any community, oldest first: one Query on ByApplicant. */
    public List<Application> applicationsOf(String accountId) {
        return queryAll(BY_APPLICANT, "gsi5pk", applicantPk(accountId)).stream().map(ResidentStore::application).toList();
    }

    /**
     * Stores a pending application: one PutItem, conditional on the account having no application
     * for the room or only a refused one (which the new one replaces).
     *
     * @throws ApplicationExists when one is pending or linked
     */
    public void apply(Application pending) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(toItem(pending)).conditionExpression(REAPPLY)
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":refused", s(ApplicationStatus.REFUSED.wire()))));
        } catch (ConditionalCheckFailedException e) {
            throw new ApplicationExists();
        }
    }

    /**
     * Links an application at once to {@code resident}, whose phone is the account's verified one:
     * the application (linked), the resident's account link and {@code accountPart} (the account's
     * side) in one TransactWriteItems, which checks the resident is still active in the room.
     */
    public void applyLinked(Application linked, Resident resident, TransactWriteItem accountPart) {
        Tx tx = new Tx();
        tx.put(toItem(linked), REAPPLY, Map.of(":refused", s(ApplicationStatus.REFUSED.wire())), "application");
        linkParts(tx, linked, resident.residentId(), accountPart, true);
        String failed = tx.run();
        if ("application".equals(failed)) throw new ApplicationExists();
        failedLinking(failed);
        if (failed != null) throw new IllegalStateException("link failed at " + failed);
    }

    /** Approves {@code pending} by linking it to the registered {@code residentId}: as {@link #applyLinked}, conditional on it still pending. */
    public Application approveLink(Application pending, String residentId, String by, TransactWriteItem accountPart) {
        Application linked = pending.decided(ApplicationStatus.LINKED, residentId, null, clock.instant(), by);
        Tx tx = new Tx();
        tx.put(toItem(linked), STILL_PENDING, Map.of(":pending", s(ApplicationStatus.PENDING.wire())), "application");
        linkParts(tx, linked, residentId, accountPart, true);
        String failed = tx.run();
        if ("application".equals(failed)) throw new ApplicationDecided();
        failedLinking(failed);
        if (failed != null) throw new IllegalStateException("approval failed at " + failed);
        return linked;
    }

    /**
     * Approves {@code pending} by registering {@code resident} into {@code household} (as
     * {@link #register}) and linking the account to it: the ID claim's PutItem, then one
     * TransactWriteItems with the resident, the application, the link and {@code accountPart}.
     */
    public Resident approveRegister(Application pending, Household household, NewResident resident, String by,
                                    java.util.function.Function<String, TransactWriteItem> accountPart) {
        String residentId = "r-" + shortId();
        Application linked = pending.decided(ApplicationStatus.LINKED, residentId, null, clock.instant(), by);
        return register(pending.communityId(), residentId, household, resident, by, Map.of(), tx -> {
            tx.put(toItem(linked), STILL_PENDING, Map.of(":pending", s(ApplicationStatus.PENDING.wire())), "application");
            linkParts(tx, linked, residentId, accountPart.apply(residentId), false);
        });
    }

    /** Refuses {@code pending} for {@code reason}: one PutItem, conditional on it still pending. */
    public Application refuse(Application pending, String reason, String by) {
        Application refused = pending.decided(ApplicationStatus.REFUSED, null, reason, clock.instant(), by);
        try {
            dynamo.putItem(r -> r.tableName(table).item(toItem(refused)).conditionExpression(STILL_PENDING)
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":pending", s(ApplicationStatus.PENDING.wire()))));
        } catch (ConditionalCheckFailedException e) {
            throw new ApplicationDecided();
        }
        return refused;
    }

    /** The resident's link (only if it has none), the account's side, and, for a registered resident, that it is still active in the room. */
    private void linkParts(Tx tx, Application a, String residentId, TransactWriteItem accountPart, boolean registered) {
        Map<String, AttributeValue> link = key(residentPk(a.communityId(), residentId), LINK);
        link.put("type", s("account_link"));
        link.put("residentId", s(residentId));
        link.put("accountId", s(a.accountId()));
        link.put("applicationId", s(a.applicationId()));
        link.put("linkedAt", instant(clock.instant()));
        tx.put(link, NOT_EXISTS, Map.of(), "link");
        if (registered) {
            tx.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(key(residentPk(a.communityId(), residentId), "R"))
                    .conditionExpression("#s = :active AND buildingId = :b AND unitId = :u AND roomId = :r")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":active", s(ResidentStatus.ACTIVE.wire()), ":b", s(a.address().buildingId()),
                            ":u", s(a.address().unitId()), ":r", s(a.address().roomId())))
                    .build()).build(), "resident");
        }
        tx.add(accountPart, "account");
    }

    private static void failedLinking(String failed) {
        if ("link".equals(failed)) throw new ResidentNotLinkable(true);
        if ("resident".equals(failed)) throw new ResidentNotLinkable(false);
        if ("account".equals(failed)) throw new AccountNotLinkable();
    }

    // ---------------------------------------------------------------- care visits

    /** The resident's care item, if they are on the care-visit list: one GetItem. */
    public Optional<CareDue> care(String communityId, String residentId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(residentPk(communityId, residentId), "CARE")).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(careDue(response.item())) : Optional.empty();
    }

    /** A resident on the care-visit list, with their record. */
    public record DueVisit(CareDue care, Resident resident) {}

    /**
     * The residents of a grid due for a care visit on or before {@code until}, earliest first: one
     * Query on ByPlace (the grid's care partition) and one BatchGetItem of their records per page.
     */
    public Page<DueVisit> careDue(String communityId, String gridId, LocalDate until, int limit, String cursor) {
        String partition = carePk(communityId, gridId);
        var response = dynamo.query(r -> r.tableName(table).indexName(BY_PLACE)
                .keyConditionExpression("gsi1pk = :p AND gsi1sk < :u")
                .expressionAttributeValues(Map.of(":p", s(partition), ":u", s(until.plusDays(1).toString())))
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, Set.of("pk", "sk", "gsi1pk", "gsi1sk"), Map.of("gsi1pk", partition), Map.of())));
        List<CareDue> dues = response.items().stream().map(ResidentStore::careDue).toList();
        Map<String, Resident> residents = new HashMap<>();
        batchGet(communityId, dues.stream().map(CareDue::residentId).toList()).forEach(r -> residents.put(r.residentId(), r));
        return new Page<>(dues.stream().filter(d -> residents.containsKey(d.residentId()))
                .map(d -> new DueVisit(d, residents.get(d.residentId()))).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /** The resident's care item changed (or left the list) since it was read. */
    public static final class CareChanged extends RuntimeException {
        public CareChanged() {
            super("care item changed concurrently", null, false, false);
        }
    }

    /** A write on another table that goes into one of this store's transactions, named as its caller names it. */
    public record Part(String name, TransactWriteItem item) {}

    /** How a transaction names a {@link Part}, apart from its own parts. */
    private static final String OTHER_PART = "other:";

    /** A {@link Part} of another table failed its condition, so nothing was written. */
    public static final class PartFailed extends RuntimeException {
        private final String part;

        public PartFailed(String part) {
            super("part failed: " + part, null, false, false);
            this.part = part;
        }

        public String part() {
            return part;
        }
    }

    /**
     * Logs a visit to {@code resident} (read at {@code care}, empty when not on the list) and moves
     * their due date: the visit, the care item and {@code others} (the request a concern files, the
     * photo's upload check) in one TransactWriteItems, conditional on the resident being active and
     * the care item being as read. {@code visit}'s id and time are the store's.
     *
     * @throws CareChanged when the resident moved, was retagged or visited meanwhile
     * @throws PartFailed when one of {@code others} failed its condition
     */
    public Visit logVisit(Resident resident, Optional<CareDue> care, Visit visit, List<Part> others) {
        String c = resident.communityId();
        Visit logged = new Visit(resident.residentId(), "v-" + shortId(), visit.date(), visit.note(), visit.concern(), visit.photoKey(),
                visit.requestId(), visit.by(), clock.instant());
        Tx tx = new Tx();
        tx.put(visitItem(c, logged), NOT_EXISTS, Map.of(), "visit");
        tx.check(key(residentPk(c, resident.residentId()), "R"), "#s = :active", Map.of("#s", "status"),
                Map.of(":active", s(ResidentStatus.ACTIVE.wire())), "resident");
        care.ifPresent(before -> tx.put(careItem(c, before.visited(visit.date())), "dueOn = :due",
                Map.of(":due", s(before.dueOn().toString())), "care"));
        others.forEach(part -> tx.add(part.item(), OTHER_PART + part.name()));
        String failed = tx.run();
        if (failed == null) return logged;
        if (failed.startsWith(OTHER_PART)) throw new PartFailed(failed.substring(OTHER_PART.length()));
        throw new CareChanged();
    }

    /** The shortest cadence of {@code tags} in {@code careCadences}, or null when none is a care tag. */
    static Integer cadence(List<String> tags, Map<String, Integer> careCadences) {
        return tags.stream().map(careCadences::get).filter(Objects::nonNull).min(Integer::compare).orElse(null);
    }

    /**
     * The care item as {@code after} needs it: gone when inactive or without a care tag; else with its
     * cadence and grid, keeping the last visit of the item it had (one GetItem, only when it may have
     * one), or due today when it had none.
     */
    private void recare(Tx tx, Resident before, Resident after, Map<String, Integer> careCadences) {
        Integer was = before.active() ? cadence(before.tags(), careCadences) : null;
        Integer cadence = after.active() ? cadence(after.tags(), careCadences) : null;
        if (was == null && cadence == null) return;
        Optional<CareDue> existing = care(after.communityId(), after.residentId());
        if (cadence == null) {
            if (existing.isPresent()) tx.delete(key(residentPk(after.communityId(), after.residentId()), "CARE"));
            return;
        }
        LocalDate last = existing.map(CareDue::lastVisitOn).orElse(null);
        LocalDate due = last != null ? last.plusDays(cadence) : existing.map(CareDue::dueOn).orElse(today());
        tx.put(careItem(after.communityId(), new CareDue(after.residentId(), after.address().gridId(), cadence, last, due)),
                null, Map.of(), "care");
    }

    /** The care item after a move, without a read of the directory: its cadence is on the item, except when moving back in. */
    private void recareAfterMove(Tx tx, Resident before, Resident after, MoveKind kind, Map<String, Integer> careCadences) {
        if (before.tags().isEmpty()) return;
        String c = after.communityId();
        if (!after.active()) {
            tx.delete(key(residentPk(c, after.residentId()), "CARE"));
        } else if (kind == MoveKind.TRANSFER) {
            care(c, after.residentId()).ifPresent(d -> tx.put(careItem(c, new CareDue(d.residentId(), after.address().gridId(),
                    d.cadenceDays(), d.lastVisitOn(), d.dueOn())), null, Map.of(), "care"));
        } else {
            Integer cadence = cadence(after.tags(), careCadences);
            if (cadence != null) tx.put(careItem(c, new CareDue(after.residentId(), after.address().gridId(), cadence, null, today())),
                    null, Map.of(), "care");
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    // ---------------------------------------------------------------- bulk imports

    /**
     * The household with number {@code householdNumber}, found through its number claim: two
     * GetItems (one when the community has no such number).
     */
    public Optional<Household> householdByNumber(String communityId, String householdNumber) {
        var claim = dynamo.getItem(r -> r.tableName(table).key(key(householdNumberPk(communityId, householdNumber), "CLAIM")));
        if (!claim.hasItem() || claim.item().isEmpty()) return Optional.empty();
        return household(communityId, str(claim.item(), "householdId"));
    }

    /** A new import's id. */
    public static String newImportId() {
        return "imp-" + shortId();
    }

    /** Creates an import waiting for its file, with its audit record: one TransactWriteItems. */
    public void createImport(ImportJob job, AuditRecord audit) {
        Tx tx = new Tx();
        tx.put(importItem(job), NOT_EXISTS, Map.of(), "import");
        tx.put(auditItem(audit), NOT_EXISTS, Map.of(), "audit");
        String failed = tx.run();
        if (failed != null) throw new IllegalStateException("import id collided: " + failed);
    }

    /** One GetItem. */
    public Optional<ImportJob> importJob(String communityId, String importId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(importPk(communityId, importId), "IMPORT")).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(importJob(response.item())) : Optional.empty();
    }

    /**
     * Marks an import running, its counts reset: one UpdateItem, if it is waiting for its file or
     * was running already (its message delivered again after a run that did not finish). Empty when
     * it does not exist or has finished: a file uploaded again to a finished import is not read.
     */
    public Optional<ImportJob> startImport(String communityId, String importId) {
        try {
            var response = dynamo.updateItem(r -> r.tableName(table).key(key(importPk(communityId, importId), "IMPORT"))
                    .updateExpression("SET #s = :running, #u = :now, #rows = :zero, #p = :zero, #i = :zero, #a = :zero, #f = :zero")
                    .conditionExpression("#s IN (:waiting, :running)")
                    .expressionAttributeNames(names("#s #u #rows #p #i #a #f"))
                    .expressionAttributeValues(Map.of(":running", s(ImportStatus.RUNNING.wire()), ":waiting",
                            s(ImportStatus.WAITING_UPLOAD.wire()), ":now", instant(clock.instant()), ":zero", n(0)))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW));
            return Optional.of(importJob(response.attributes()));
        } catch (ConditionalCheckFailedException finishedOrMissing) {
            return Optional.empty();
        }
    }

    /** Writes a running import's counts: one UpdateItem. */
    public void importProgress(String communityId, String importId, ImportJob.Counts counts) {
        dynamo.updateItem(r -> r.tableName(table).key(key(importPk(communityId, importId), "IMPORT"))
                .updateExpression("SET #u = :now, #rows = :rows, #p = :p, #i = :i, #a = :a, #f = :f")
                .conditionExpression("#s = :running")
                .expressionAttributeNames(names("#s #u #rows #p #i #a #f"))
                .expressionAttributeValues(countValues(counts, Map.of(":running", s(ImportStatus.RUNNING.wire())))));
    }

    /**
     * Ends an import: {@link ImportStatus#DONE} with its report's key, or {@link ImportStatus#FAILED}
     * with {@code failure} (the JSON of its errors). One UpdateItem.
     */
    public void finishImport(String communityId, String importId, ImportStatus status, ImportJob.Counts counts, String reportKey,
                             String failure) {
        Map<String, AttributeValue> values = new HashMap<>(countValues(counts, Map.of(":status", s(status.wire()))));
        StringBuilder update = new StringBuilder("SET #s = :status, #u = :now, #rows = :rows, #p = :p, #i = :i, #a = :a, #f = :f");
        if (reportKey != null) {
            update.append(", #report = :report");
            values.put(":report", s(reportKey));
        }
        if (failure != null) {
            update.append(", #failure = :failure");
            values.put(":failure", s(failure));
        }
        dynamo.updateItem(r -> r.tableName(table).key(key(importPk(communityId, importId), "IMPORT"))
                .updateExpression(update.toString())
                .expressionAttributeNames(names(update.toString()))
                .expressionAttributeValues(values));
    }

    /** Every attribute an import's updates name, through names: several are DynamoDB reserved words (status, rows, processed). */
    private static final Map<String, String> COUNT_NAMES = Map.of("#s", "status", "#u", "updatedAt", "#rows", "rows", "#p", "processed",
            "#i", "imported", "#a", "alreadyRegistered", "#f", "failedRows", "#report", "reportKey", "#failure", "failure");

    /** The names among {@link #COUNT_NAMES} that {@code expression} uses (DynamoDB refuses unused ones). */
    private static Map<String, String> names(String expression) {
        Map<String, String> used = new HashMap<>();
        for (String token : expression.split("[^#A-Za-z]+")) {
            if (COUNT_NAMES.containsKey(token)) used.put(token, COUNT_NAMES.get(token));
        }
        return used;
    }

    private Map<String, AttributeValue> countValues(ImportJob.Counts c, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> values = new HashMap<>(more);
        values.put(":now", instant(clock.instant()));
        values.put(":rows", n(c.rows()));
        values.put(":p", n(c.processed()));
        values.put(":i", n(c.imported()));
        values.put(":a", n(c.alreadyRegistered()));
        values.put(":f", n(c.failed()));
        return values;
    }

    // ---------------------------------------------------------------- audit

    /** Writes an audit record: one PutItem that never overwrites. */
    public void audit(AuditRecord record) {
        dynamo.putItem(r -> r.tableName(table).item(auditItem(record)).conditionExpression(NOT_EXISTS));
    }

    /** The audit records of a month, newest first: one Query per page. */
    public Page<AuditRecord> audits(String communityId, YearMonth month, int limit, String cursor) {
        String partition = auditPk(communityId, month);
        var response = dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition))).scanIndexForward(false).limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor, Set.of("pk", "sk"), Map.of("pk", partition), Map.of())));
        return new Page<>(response.items().stream().map(ResidentStore::audit).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    /** A new audit record's id. */
    public static String newAuditId() {
        return "au-" + shortId();
    }

    // ---------------------------------------------------------------- transactions

    /** One TransactWriteItems, each item named by the part it plays, so a cancellation says which part failed. */
    private final class Tx {
        private final List<TransactWriteItem> items = new ArrayList<>();
        private final List<String> parts = new ArrayList<>();

        void put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values, String part) {
            var put = Put.builder().tableName(table).item(item);
            if (condition != null) put.conditionExpression(condition);
            if (!values.isEmpty()) put.expressionAttributeValues(values);
            if (condition != null && condition.contains("#v")) put.expressionAttributeNames(Map.of("#v", "version"));
            if (condition != null && condition.contains("#s")) put.expressionAttributeNames(Map.of("#s", "status"));
            add(TransactWriteItem.builder().put(put.build()).build(), part);
        }

        void check(Map<String, AttributeValue> key, String condition, Map<String, String> names,
                   Map<String, AttributeValue> values, String part) {
            add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key)
                    .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values).build()).build(), part);
        }

        void delete(Map<String, AttributeValue> key) {
            add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).build()).build(), "delete");
        }

        /** The claim {@link #claimIdNumber} wrote is still this resident's when the transaction commits. */
        void holdsClaim(String communityId, String hash, String residentId) {
            add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key(idClaimPk(communityId, hash), "CLAIM"))
                    .conditionExpression("residentId = :r").expressionAttributeValues(Map.of(":r", s(residentId))).build()).build(), "id");
        }

        /**
         * {@link #run}, and when it did not commit, gives up the claim {@link #claimIdNumber} wrote for
         * it. A write to the claim while the transaction is pending (another registration's PutItem of
         * the same number, refused) can cancel it with TransactionConflict on the claim's check; while
         * the claim is still this resident's, that is retried, up to {@value #CLAIM_ATTEMPTS} times.
         */
        String runOrRelease(String communityId, String hash, String residentId) {
            String failed;
            int attempts = 1;
            try {
                failed = run();
                while ("id".equals(failed) && attempts++ < CLAIM_ATTEMPTS && residentId.equals(claimHolder(communityId, hash))) {
                    failed = run();
                }
            } catch (RuntimeException e) {
                releaseClaim(communityId, hash, residentId);
                throw e;
            }
            if (failed != null) releaseClaim(communityId, hash, residentId);
            return failed;
        }

        void deleteClaim(String communityId, String hash, String residentId) {
            add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(idClaimPk(communityId, hash), "CLAIM"))
                    .conditionExpression("residentId = :r").expressionAttributeValues(Map.of(":r", s(residentId))).build()).build(), "claim");
        }

        void setHead(Household household, String residentId, Instant now) {
            add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(householdPk(household.communityId(), household.householdId()), "H"))
                    .updateExpression("SET headResidentId = :r, #v = #v + :one, updatedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(headResidentId)")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":r", s(residentId), ":one", n(1), ":now", instant(now))).build()).build(), "head");
        }

        void clearHead(String communityId, String householdId, String residentId, Instant now) {
            add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(householdPk(communityId, householdId), "H"))
                    .updateExpression("REMOVE headResidentId SET #v = #v + :one, updatedAt = :now")
                    .conditionExpression("headResidentId = :r")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":r", s(residentId), ":one", n(1), ":now", instant(now))).build()).build(), "formerHead");
        }

        /**
         * The resident's account link is as it was read: {@code accountId}'s (deleted too when
         * {@code unlink}), or none.
         */
        void linkAsRead(String communityId, String residentId, String accountId, boolean unlink) {
            Map<String, AttributeValue> link = key(residentPk(communityId, residentId), LINK);
            if (accountId == null) {
                add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(link)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(), "link");
            } else if (unlink) {
                add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(link)
                        .conditionExpression("accountId = :a").expressionAttributeValues(Map.of(":a", s(accountId))).build()).build(), "link");
            } else {
                add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(link)
                        .conditionExpression("accountId = :a").expressionAttributeValues(Map.of(":a", s(accountId))).build()).build(), "link");
            }
        }

        int size() {
            return items.size();
        }

        void add(TransactWriteItem item, String part) {
            items.add(item);
            parts.add(part);
        }

        /** Runs it; null when it committed, else the part whose condition failed (or that a concurrent transaction held). */
        String run() {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return null;
            } catch (TransactionCanceledException e) {
                if (!e.hasCancellationReasons()) throw e;
                var reasons = e.cancellationReasons();
                for (int i = 0; i < reasons.size() && i < parts.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) return parts.get(i);
                }
                // A transaction racing ours on the same claim cancels ours with TransactionConflict there.
                for (int i = 0; i < reasons.size() && i < parts.size(); i++) {
                    if ("TransactionConflict".equals(reasons.get(i).code())) return parts.get(i);
                }
                throw e;
            }
        }
    }

    /** Tag items as {@code after} needs them: the ones it dropped deleted, the rest written with its place (or none when inactive). */
    private void retag(Tx tx, Resident before, Resident after) {
        for (String tag : before.tags()) {
            if (!after.tags().contains(tag)) tx.delete(key(residentPk(before.communityId(), before.residentId()), "TAG#" + tag));
        }
        for (String tag : after.tags()) tx.put(tagItem(after, tag), null, Map.of(), "tag");
    }

    private StaleVersionException stale(String communityId, String residentId) {
        return new StaleVersionException(get(communityId, residentId).map(Resident::version).orElse(0L));
    }

    /**
     * Claims an ID number for {@code residentId}: one PutItem, conditional on no claim existing,
     * before the transaction that writes the resident (which checks the claim is still its own).
     * A claim whose resident does not exist and that is older than {@link #CLAIM_GRACE} was left
     * by a registration that failed half-way (its container died between the two writes), and is
     * taken over, conditional on it being unchanged.
     *
     * <p>The claim is its own conditional write, not a part of the transaction, because moto (the
     * AWS emulator every test runs on) does not isolate concurrent TransactWriteItems: a racing
     * transaction could write its resident while its claim failed. A single conditional PutItem is
     * atomic on DynamoDB and on moto alike, so two registrations of one number at the same moment
     * cannot both pass it.
     *
     * @throws IdNumberTaken when another resident holds the number, or a registration of it is under way
     */
    private void claimIdNumber(String communityId, String idHash, String residentId, Instant now) {
        Map<String, AttributeValue> claim = idClaim(communityId, idHash, residentId, now);
        try {
            dynamo.putItem(r -> r.tableName(table).item(claim).conditionExpression(NOT_EXISTS)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return;
        } catch (ConditionalCheckFailedException e) {
            String holderId = e.hasItem() ? str(e.item(), "residentId") : null;
            Optional<Resident> holder = holderId == null ? Optional.empty() : get(communityId, holderId);
            Instant claimedAt = e.hasItem() ? time(e.item(), "claimedAt") : null;
            boolean abandoned = holder.isEmpty() && holderId != null && claimedAt != null && claimedAt.plus(CLAIM_GRACE).isBefore(now);
            if (!abandoned) throw new IdNumberTaken(holder.orElse(null));
            try {
                dynamo.putItem(r -> r.tableName(table).item(claim).conditionExpression("residentId = :old")
                        .expressionAttributeValues(Map.of(":old", s(holderId))));
            } catch (ConditionalCheckFailedException raced) {
                throw new IdNumberTaken(null);
            }
        }
    }

    private void releaseClaim(String communityId, String idHash, String residentId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(key(idClaimPk(communityId, idHash), "CLAIM"))
                    .conditionExpression("residentId = :r").expressionAttributeValues(Map.of(":r", s(residentId))));
        } catch (ConditionalCheckFailedException alreadyGone) {
            // Nothing of ours to release.
        }
    }

    private String claimHolder(String communityId, String idHash) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(idClaimPk(communityId, idHash), "CLAIM")).consistentRead(true));
        return response.hasItem() ? str(response.item(), "residentId") : null;
    }

    private List<Resident> batchGet(String communityId, List<String> residentIds) {
        if (residentIds.isEmpty()) return List.of();
        List<Map<String, AttributeValue>> keys = residentIds.stream().map(id -> key(residentPk(communityId, id), "R")).toList();
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        Map<String, Resident> found = new HashMap<>();
        while (!pending.isEmpty()) {
            Map<String, KeysAndAttributes> request = pending;
            var response = dynamo.batchGetItem(r -> r.requestItems(request));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(str(item, "residentId"), resident(item)));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return residentIds.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private List<Map<String, AttributeValue>> queryAll(String index, String keyAttribute, String value) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(r -> {
                r.tableName(table).keyConditionExpression(keyAttribute + " = :p").expressionAttributeValues(Map.of(":p", s(value)))
                        .exclusiveStartKey(from);
                if (index != null) r.indexName(index);
            });
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    // ---------------------------------------------------------------- keys

    private static String residentPk(String c, String residentId) {
        return "C#" + c + "#RES#" + residentId;
    }

    private static String householdPk(String c, String householdId) {
        return "C#" + c + "#HH#" + householdId;
    }

    private static String householdNumberPk(String c, String number) {
        return "C#" + c + "#HHNO#" + number;
    }

    private static String idClaimPk(String c, String hash) {
        return "C#" + c + "#IDCARD#" + hash;
    }

    private static String gridPk(String c, String gridId) {
        return "C#" + c + "#G#" + gridId;
    }

    private static String tagPk(String c, String gridId, String tag) {
        return "C#" + c + "#G#" + gridId + "#TAG#" + tag;
    }

    private static String carePk(String c, String gridId) {
        return "C#" + c + "#G#" + gridId + "#CARE";
    }

    private static String phonePk(String c, String hash) {
        return "C#" + c + "#PHONE#" + hash;
    }

    private static String applicationPk(String c, String applicationId) {
        return "C#" + c + "#APP#" + applicationId;
    }

    private static String pendingPk(String c, String gridId) {
        return "C#" + c + "#G#" + gridId + "#APPLY";
    }

    private static String applicantPk(String accountId) {
        return "ACC#" + accountId;
    }

    private static String importPk(String c, String importId) {
        return "C#" + c + "#IMPORT#" + importId;
    }

    private static String auditPk(String c, YearMonth month) {
        return "C#" + c + "#AUDIT#" + month;
    }

    private static String place(Address a, String residentId) {
        return "B#" + a.buildingId() + "#U#" + a.unitId() + "#R#" + a.roomId() + "#" + residentId;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", s(pk));
        key.put("sk", s(sk));
        return key;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    // ---------------------------------------------------------------- mapping

    private static Map<String, AttributeValue> idClaim(String c, String hash, String residentId, Instant claimedAt) {
        Map<String, AttributeValue> item = key(idClaimPk(c, hash), "CLAIM");
        item.put("type", s("id_claim"));
        item.put("residentId", s(residentId));
        item.put("claimedAt", instant(claimedAt));
        return item;
    }

    private static void putAddress(Map<String, AttributeValue> item, Address a) {
        item.put("gridId", s(a.gridId()));
        item.put("buildingId", s(a.buildingId()));
        item.put("unitId", s(a.unitId()));
        item.put("roomId", s(a.roomId()));
    }

    private static Address address(Map<String, AttributeValue> item) {
        String grid = str(item, "gridId");
        return grid == null ? null : new Address(grid, str(item, "buildingId"), str(item, "unitId"), str(item, "roomId"));
    }

    private static Map<String, AttributeValue> toItem(Household h) {
        Map<String, AttributeValue> item = key(householdPk(h.communityId(), h.householdId()), "H");
        item.put("type", s("household"));
        item.put("communityId", s(h.communityId()));
        item.put("householdId", s(h.householdId()));
        item.put("householdNumber", s(h.householdNumber()));
        putAddress(item, h.address());
        putIf(item, "headResidentId", h.headResidentId());
        item.put("version", n(h.version()));
        item.put("createdAt", instant(h.createdAt()));
        item.put("updatedAt", instant(h.updatedAt()));
        item.put("gsi2pk", s(householdPk(h.communityId(), h.householdId())));
        item.put("gsi2sk", s("#"));
        return item;
    }

    private static Household household(Map<String, AttributeValue> item) {
        return new Household(str(item, "communityId"), str(item, "householdId"), str(item, "householdNumber"), address(item),
                str(item, "headResidentId"), num(item, "version", 1), time(item, "createdAt"), time(item, "updatedAt"));
    }

    private static Map<String, AttributeValue> toItem(Resident r) {
        String c = r.communityId();
        Map<String, AttributeValue> item = key(residentPk(c, r.residentId()), "R");
        item.put("type", s("resident"));
        item.put("communityId", s(c));
        item.put("residentId", s(r.residentId()));
        item.put("householdId", s(r.householdId()));
        putAddress(item, r.address());
        item.put("name", s(r.name()));
        item.put("birthDate", s(r.birthDate().toString()));
        item.put("gender", s(r.gender().wire()));
        item.put("relation", s(r.relation().wire()));
        item.put("residenceType", s(r.residenceType().wire()));
        item.put("tags", strings(r.tags()));
        item.put("sensitiveTags", strings(r.sensitiveTags()));
        item.put("consents", AttributeValue.fromL(r.consents().stream().map(ResidentStore::consentValue).toList()));
        putIf(item, "notes", r.notes());
        item.put("status", s(r.status().wire()));
        item.put("version", n(r.version()));
        item.put("createdAt", instant(r.createdAt()));
        item.put("updatedAt", instant(r.updatedAt()));
        item.put("idSealed", s(r.sealedIdNumber()));
        item.put("idMasked", s(r.maskedIdNumber()));
        item.put("idHash", s(r.idHash()));
        putIf(item, "phoneSealed", r.sealedPhone());
        putIf(item, "phoneMasked", r.maskedPhone());
        putIf(item, "phoneHash", r.phoneHash());
        if (r.phoneHash() != null) {
            item.put("gsi3pk", s(phonePk(c, r.phoneHash())));
            item.put("gsi3sk", s(r.residentId()));
        }
        if (r.active()) {
            item.put("gsi1pk", s(gridPk(c, r.address().gridId())));
            item.put("gsi1sk", s(place(r.address(), r.residentId())));
            item.put("gsi2pk", s(householdPk(c, r.householdId())));
            item.put("gsi2sk", s("R#" + r.residentId()));
        }
        return item;
    }

    private static Resident resident(Map<String, AttributeValue> item) {
        String birthDate = str(item, "birthDate");
        List<Consent> consents = new ArrayList<>();
        AttributeValue stored = item.get("consents");
        if (stored != null && stored.hasL()) stored.l().forEach(v -> consents.add(consent(v.m())));
        return new Resident(str(item, "communityId"), str(item, "residentId"), str(item, "householdId"), address(item),
                str(item, "name"), birthDate == null ? null : LocalDate.parse(birthDate), Gender.ofWire(str(item, "gender")),
                Relation.ofWire(str(item, "relation")), ResidenceType.ofWire(str(item, "residenceType")),
                strList(item, "tags"), strList(item, "sensitiveTags"), consents, str(item, "notes"),
                ResidentStatus.ofWire(str(item, "status")), num(item, "version", 1), time(item, "createdAt"), time(item, "updatedAt"),
                str(item, "idSealed"), str(item, "idMasked"), str(item, "idHash"),
                str(item, "phoneSealed"), str(item, "phoneMasked"), str(item, "phoneHash"));
    }

    private static AttributeValue consentValue(Consent c) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("tag", s(c.tag()));
        m.put("date", s(c.date().toString()));
        m.put("recordedBy", s(c.recordedBy()));
        m.put("recordedAt", instant(c.recordedAt()));
        return AttributeValue.fromM(m);
    }

    private static Consent consent(Map<String, AttributeValue> m) {
        return new Consent(str(m, "tag"), LocalDate.parse(str(m, "date")), str(m, "recordedBy"), time(m, "recordedAt"));
    }

    private static Map<String, AttributeValue> tagItem(Resident r, String tag) {
        Map<String, AttributeValue> item = key(residentPk(r.communityId(), r.residentId()), "TAG#" + tag);
        item.put("type", s("tag"));
        item.put("residentId", s(r.residentId()));
        item.put("tag", s(tag));
        if (r.active()) {
            item.put("gsi4pk", s(tagPk(r.communityId(), r.address().gridId(), tag)));
            item.put("gsi4sk", s(place(r.address(), r.residentId())));
        }
        return item;
    }

    /** A history entry's sort key: its time, then the version it moved from, so two moves in one millisecond stay apart. */
    private static Map<String, AttributeValue> moveItem(String c, Move m, long fromVersion) {
        Map<String, AttributeValue> item = key(residentPk(c, m.residentId()),
                "MOVE#" + Attr.text(m.at()) + "#" + String.format("%06d", fromVersion));
        item.put("type", s("move"));
        item.put("residentId", s(m.residentId()));
        item.put("kind", s(m.kind().wire()));
        item.put("date", s(m.date().toString()));
        putIf(item, "fromHouseholdId", m.fromHouseholdId());
        putIf(item, "toHouseholdId", m.toHouseholdId());
        if (m.to() != null) putAddress(item, m.to());
        item.put("by", s(m.by()));
        item.put("at", instant(m.at()));
        return item;
    }

    private static Move move(Map<String, AttributeValue> item) {
        return new Move(str(item, "residentId"), MoveKind.ofWire(str(item, "kind")), LocalDate.parse(str(item, "date")),
                str(item, "fromHouseholdId"), str(item, "toHouseholdId"), address(item), str(item, "by"), time(item, "at"));
    }

    private static Map<String, AttributeValue> toItem(Application a) {
        Map<String, AttributeValue> item = key(applicationPk(a.communityId(), a.applicationId()), "A");
        item.put("type", s("application"));
        item.put("communityId", s(a.communityId()));
        item.put("applicationId", s(a.applicationId()));
        item.put("accountId", s(a.accountId()));
        putAddress(item, a.address());
        item.put("name", s(a.name()));
        item.put("relation", s(a.relation().wire()));
        item.put("status", s(a.status().wire()));
        putIf(item, "residentId", a.residentId());
        putIf(item, "reason", a.reason());
        item.put("createdAt", instant(a.createdAt()));
        putIf(item, "decidedAt", a.decidedAt());
        putIf(item, "decidedBy", a.decidedBy());
        String order = Attr.text(a.createdAt()) + "#" + a.applicationId();
        if (a.status() == ApplicationStatus.PENDING) {
            item.put("gsi1pk", s(pendingPk(a.communityId(), a.address().gridId())));
            item.put("gsi1sk", s(order));
        }
        item.put("gsi5pk", s(applicantPk(a.accountId())));
        item.put("gsi5sk", s(order));
        return item;
    }

    private static Application application(Map<String, AttributeValue> item) {
        return new Application(str(item, "communityId"), str(item, "applicationId"), str(item, "accountId"), address(item),
                str(item, "name"), Relation.ofWire(str(item, "relation")), ApplicationStatus.ofWire(str(item, "status")),
                str(item, "residentId"), str(item, "reason"), time(item, "createdAt"), time(item, "decidedAt"), str(item, "decidedBy"));
    }

    private static Map<String, AttributeValue> careItem(String c, CareDue d) {
        Map<String, AttributeValue> item = key(residentPk(c, d.residentId()), "CARE");
        item.put("type", s("care"));
        item.put("residentId", s(d.residentId()));
        item.put("gridId", s(d.gridId()));
        item.put("cadenceDays", n(d.cadenceDays()));
        if (d.lastVisitOn() != null) item.put("lastVisitOn", s(d.lastVisitOn().toString()));
        item.put("dueOn", s(d.dueOn().toString()));
        item.put("gsi1pk", s(carePk(c, d.gridId())));
        item.put("gsi1sk", s(d.dueOn() + "#" + d.residentId()));
        return item;
    }

    private static CareDue careDue(Map<String, AttributeValue> item) {
        String last = str(item, "lastVisitOn");
        return new CareDue(str(item, "residentId"), str(item, "gridId"), (int) num(item, "cadenceDays", 1),
                last == null ? null : LocalDate.parse(last), LocalDate.parse(str(item, "dueOn")));
    }

    private static Map<String, AttributeValue> visitItem(String c, Visit v) {
        Map<String, AttributeValue> item = key(residentPk(c, v.residentId()), "VISIT#" + v.date() + "#" + v.visitId());
        item.put("type", s("visit"));
        item.put("residentId", s(v.residentId()));
        item.put("visitId", s(v.visitId()));
        item.put("date", s(v.date().toString()));
        item.put("note", s(v.note()));
        item.put("concern", AttributeValue.fromBool(v.concern()));
        if (v.photoKey() != null) item.put("photoKey", s(v.photoKey()));
        if (v.requestId() != null) item.put("requestId", s(v.requestId()));
        item.put("by", s(v.by()));
        item.put("at", instant(v.at()));
        return item;
    }

    private static Map<String, AttributeValue> auditItem(AuditRecord a) {
        YearMonth month = YearMonth.from(a.at().atOffset(ZoneOffset.UTC));
        Map<String, AttributeValue> item = key(auditPk(a.communityId(), month),
                Attr.text(a.at()) + "#" + a.auditId());
        item.put("type", s("audit"));
        item.put("communityId", s(a.communityId()));
        item.put("auditId", s(a.auditId()));
        item.put("at", instant(a.at()));
        item.put("actor", s(a.actor()));
        item.put("actorRole", s(a.actorRole()));
        item.put("action", s(a.action()));
        item.put("residentId", s(a.residentId()));
        item.put("reason", s(a.reason()));
        return item;
    }

    private static Map<String, AttributeValue> importItem(ImportJob j) {
        Map<String, AttributeValue> item = key(importPk(j.communityId(), j.importId()), "IMPORT");
        item.put("type", s("import"));
        item.put("communityId", s(j.communityId()));
        item.put("importId", s(j.importId()));
        item.put("status", s(j.status().wire()));
        item.put("createdBy", s(j.createdBy()));
        item.put("auditId", s(j.auditId()));
        item.put("createdAt", instant(j.createdAt()));
        item.put("updatedAt", instant(j.updatedAt()));
        item.put("rows", n(j.counts().rows()));
        item.put("processed", n(j.counts().processed()));
        item.put("imported", n(j.counts().imported()));
        item.put("alreadyRegistered", n(j.counts().alreadyRegistered()));
        item.put("failedRows", n(j.counts().failed()));
        putIf(item, "failure", j.failure());
        putIf(item, "reportKey", j.reportKey());
        return item;
    }

    private static ImportJob importJob(Map<String, AttributeValue> item) {
        return new ImportJob(str(item, "communityId"), str(item, "importId"), ImportStatus.ofWire(str(item, "status")),
                str(item, "createdBy"), str(item, "auditId"), time(item, "createdAt"), time(item, "updatedAt"),
                new ImportJob.Counts((int) num(item, "rows", 0), (int) num(item, "processed", 0), (int) num(item, "imported", 0),
                        (int) num(item, "alreadyRegistered", 0), (int) num(item, "failedRows", 0)),
                str(item, "failure"), str(item, "reportKey"));
    }

    private static AuditRecord audit(Map<String, AttributeValue> item) {
        return new AuditRecord(str(item, "communityId"), str(item, "auditId"), time(item, "at"), str(item, "actor"),
                str(item, "actorRole"), str(item, "action"), str(item, "residentId"), str(item, "reason"));
    }
}
