package community.linli.residents;

import community.linli.platform.Aws;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.files.FileStore;
import community.linli.tables.accounts.Account;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.residents.Address;
import community.linli.tables.residents.Application;
import community.linli.tables.residents.AuditRecord;
import community.linli.tables.residents.ImportJob;
import community.linli.tables.residents.ImportStatus;
import community.linli.tables.residents.ApplicationStatus;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.ApiReply;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.Persona;
import community.linli.testkit.RoundTrips;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ResidentsFunction as a client sees it, for tests: the demo community's directory (with the rooms
 * of B0301, B0302 in G03 and B0501 in G05) and its demo households and residents seeded, events
 * built from the fixtures in events/, each response checked against openapi.yaml, and the DynamoDB
 * and KMS round trips each call made. The handler's FieldCrypto is its own, like a fresh container's.
 */
final class ResidentsApi {
    static final Instant NOW = Instant.parse("2026-11-30T01:00:00.000Z");
    static final Set<String> BUILDINGS_WITH_ROOMS = Set.of("B0301", "B0302", "B0501");

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips dynamoTrips = new RoundTrips();
    final RoundTrips kmsTrips = new RoundTrips();
    final ResidentStore store;
    final ResidentsHandler handler;
    final AccountStore accounts;
    final FileStore files;
    /** The RequestsTable, where a visit's concern files its request and a photo's upload is recorded. */
    final RequestStore requests;
    static final String NEWCOMER = "u-demo-newcomer";
    static final String APPLICANT = "u-demo-applicant";
    static final String APPLICANT_2 = "u-demo-applicant-2";

    ResidentsApi(LocalAws aws) {
        this.aws = aws;
        DirectoryStore directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
        aws.seedOnce("residents-directory", List.of("DirectoryTable"), () -> {
            DemoCommunity.seed(directory);
            directory.putPlaces(DemoCommunity.ID, List.of(), List.of(), List.of(),
                    DemoCommunity.rooms().stream().filter(r -> BUILDINGS_WITH_ROOMS.contains(r.buildingId())).toList());
        });
        this.store = new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), crypto(aws, aws.kms()), clock);
        this.accounts = new AccountStore(aws.dynamoDb(), aws.name("AccountsTable"));
        aws.seedOnce("residents-registry@" + clock.instant(), List.of("ResidentsTable", "AccountsTable"), () -> {
            DemoCommunity.seedResidents(store);
            seedApplicants();
            seedImportJob();
        });
        this.files = new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("FilesBucket"), clock);
        this.requests = new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), clock);
        seedImportReport();
        this.handler = new ResidentsHandler(aws.countingDynamoDb(dynamoTrips), aws.name("ResidentsTable"), aws.name("DirectoryTable"),
                aws.name("AccountsTable"), aws.name("RequestsTable"), crypto(aws, aws.countingKms(kmsTrips)), files, imports(aws, clock), clock);
    }

    /**
     * The accounts the onboarding fixtures act as: {@value #NEWCOMER}, signed in and in no community;
     * {@value #APPLICANT} with a pending application for B0302-1-101 (the fixture approves it) and
     * {@value #APPLICANT_2} with one for B0301-1-302 (the fixture refuses it).
     */
    private void seedApplicants() {
        accounts.put(Account.unbound(NEWCOMER), "openid-hash-" + NEWCOMER, NOW);
        for (String[] a : new String[][] {{APPLICANT, "B0302", "1", "101", "赵敏"}, {APPLICANT_2, "B0301", "1", "302", "钱进"}}) {
            accounts.put(Account.unbound(a[0]), "openid-hash-" + a[0], NOW);
            Address room = new Address("G03", a[1], a[2], a[3]);
            store.apply(new Application(DemoCommunity.ID, ResidentStore.applicationId(a[0], room), a[0], room, a[4], Relation.CHILD,
                    ApplicationStatus.PENDING, null, null, NOW, null, null));
        }
    }

    /** The import the fixture reads, {@value #IMPORT_ID}: done, with a one-line report. */
    static final String IMPORT_ID = "imp-demo-import";
    static final String REPORT = "\uFEFF行号,列,问题\r\n3,身份证号,身份证号码校验位不正确，请核对\r\n";

    /** Last month's, so that this month's audit log holds only what a test does. */
    static final Instant IMPORTED_AT = Instant.parse("2026-10-15T01:00:00.000Z");

    private void seedImportJob() {
        store.createImport(new ImportJob(DemoCommunity.ID, IMPORT_ID, ImportStatus.WAITING_UPLOAD, "demo-staff", "au-demo-import", IMPORTED_AT,
                IMPORTED_AT, ImportJob.Counts.NONE, null, null), new AuditRecord(DemoCommunity.ID, "au-demo-import", IMPORTED_AT, "demo-staff",
                "staff", "import", IMPORT_ID, "年度入户登记"));
        store.finishImport(DemoCommunity.ID, IMPORT_ID, ImportStatus.DONE, new ImportJob.Counts(2, 2, 1, 0, 1),
                ImportJob.reportKey(DemoCommunity.ID, IMPORT_ID), null);
    }

    /** The report of {@link #seedImportJob}'s import, in the ImportsBucket (not a table: written for every test). */
    private void seedImportReport() {
        imports(aws, clock).write(ImportJob.reportKey(DemoCommunity.ID, IMPORT_ID), REPORT.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/csv; charset=utf-8");
    }

    /** A fresh account in no community; with {@code phone} verified (its lookup hash stored) when not null. Returns its id. */
    String newAccount(String phone) {
        String id = "u-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        accounts.put(Account.unbound(id), "openid-hash-" + id, NOW);
        if (phone != null) accounts.bindPhone(id, "sealed-elsewhere", store.phoneHash(phone), null, NOW);
        return id;
    }

    /** An account item that says what {@code persona}'s token says (community, groups, grids). */
    void accountLike(Persona persona) {
        java.util.Set<community.linli.platform.auth.Role> roles = java.util.EnumSet.noneOf(community.linli.platform.auth.Role.class);
        persona.groups().stream().map(community.linli.platform.auth.Role::ofGroup).filter(java.util.Objects::nonNull).forEach(roles::add);
        accounts.put(new Account(persona.sub(), persona.communityId(), roles, persona.gridIds()), "openid-hash-" + persona.sub(), NOW);
    }

    /** A signed-in account in no community: what the JWT authorizer passes for an account that has not joined one. */
    static Persona newcomer(String accountId) {
        return new Persona(accountId, null, List.of(), List.of());
    }

    /** The account item as the token issuer reads it at the next refresh. */
    Account account(String accountId) {
        return accounts.find(accountId).orElseThrow();
    }

    /** The ImportsBucket's files, as the handler signs their links. */
    static FileStore imports(LocalAws aws, java.time.Clock clock) {
        return new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("ImportsBucket"), clock);
    }

    static FieldCrypto crypto(LocalAws aws, software.amazon.awssdk.services.kms.KmsClient kms) {
        return new FieldCrypto(kms, aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
    }

    static Persona gridWorker() {
        return Persona.gridWorker("G03").withSub(DemoCommunity.GRID_WORKER_ID);
    }

    ApiReply call(APIGatewayV2HTTPEvent event) {
        return ApiReply.call(handler, event);
    }

    // ---------------------------------------------------------------- routes, from the fixtures

    static HttpEvents withBody(HttpEvents events, Object body) {
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents startImportEvent(Object body) {
        return withBody(HttpEvents.from("residents-start-import.json"), body);
    }

    static HttpEvents getImportEvent(String id) {
        return HttpEvents.from("residents-get-import.json").pathParameter("id", id);
    }

    static HttpEvents createHouseholdEvent(Object body) {
        return withBody(HttpEvents.from("residents-create-household.json"), body);
    }

    static HttpEvents householdEvent(String id) {
        return HttpEvents.from("residents-get-household.json").pathParameter("id", id);
    }

    static HttpEvents registerEvent(Object body) {
        return withBody(HttpEvents.from("residents-register.json"), body);
    }

    static HttpEvents listEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-list.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    static HttpEvents getEvent(String id) {
        return HttpEvents.from("residents-get.json").pathParameter("id", id);
    }

    static HttpEvents patchEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-patch.json").pathParameter("id", id), body);
    }

    static HttpEvents moveEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-move.json").pathParameter("id", id), body);
    }

    static HttpEvents lookupEvent(Object body) {
        return withBody(HttpEvents.from("residents-lookup.json"), body);
    }

    static HttpEvents revealEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-reveal.json").pathParameter("id", id), body);
    }

    static HttpEvents erasureEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-erasure.json").pathParameter("id", id), body);
    }

    static HttpEvents auditEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-audit.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    static HttpEvents visitEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-visit.json").pathParameter("id", id), body);
    }

    static HttpEvents careDueEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-care-due.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    static HttpEvents statisticsEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-statistics.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    ApiReply statistics(Persona who, Map<String, String> query) {
        return call(statisticsEvent(query).as(who).build());
    }

    ApiReply visit(Persona who, String id, Object body) {
        return call(visitEvent(id, body).as(who).build());
    }

    ApiReply careDue(Persona who, Map<String, String> query) {
        return call(careDueEvent(query).as(who).build());
    }

    ApiReply createHousehold(Persona who, Object body) {
        return call(createHouseholdEvent(body).as(who).build());
    }

    ApiReply household(Persona who, String id) {
        return call(householdEvent(id).as(who).build());
    }

    ApiReply register(Persona who, Object body) {
        return call(registerEvent(body).as(who).build());
    }

    ApiReply list(Persona who, Map<String, String> query) {
        return call(listEvent(query).as(who).build());
    }

    ApiReply get(Persona who, String id) {
        return call(getEvent(id).as(who).build());
    }

    ApiReply patch(Persona who, String id, Object body) {
        return call(patchEvent(id, body).as(who).build());
    }

    ApiReply move(Persona who, String id, Object body) {
        return call(moveEvent(id, body).as(who).build());
    }

    ApiReply lookup(Persona who, Object body) {
        return call(lookupEvent(body).as(who).build());
    }

    ApiReply reveal(Persona who, String id, Object body) {
        return call(revealEvent(id, body).as(who).build());
    }

    ApiReply erase(Persona who, String id, Object body) {
        return call(erasureEvent(id, body).as(who).build());
    }

    ApiReply audit(Persona who, Map<String, String> query) {
        return call(auditEvent(query).as(who).build());
    }

    static HttpEvents applyEvent(Object body) {
        return withBody(HttpEvents.from("residents-apply.json"), body);
    }

    static HttpEvents myApplicationsEvent() {
        return HttpEvents.from("residents-my-applications.json");
    }

    static HttpEvents applicationsEvent(Map<String, String> query) {
        HttpEvents events = HttpEvents.from("residents-list-applications.json").clearQuery();
        query.forEach(events::query);
        return events;
    }

    static HttpEvents approveEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-approve-application.json").pathParameter("id", id), body);
    }

    static HttpEvents refuseEvent(String id, Object body) {
        return withBody(HttpEvents.from("residents-refuse-application.json").pathParameter("id", id), body);
    }

    ApiReply apply(Persona who, Object body) {
        return call(applyEvent(body).as(who).build());
    }

    ApiReply myApplications(Persona who) {
        return call(myApplicationsEvent().as(who).build());
    }

    ApiReply applications(Persona who, Map<String, String> query) {
        return call(applicationsEvent(query).as(who).build());
    }

    ApiReply approve(Persona who, String id, Object body) {
        return call(approveEvent(id, body).as(who).build());
    }

    ApiReply refuse(Persona who, String id, Object body) {
        return call(refuseEvent(id, body).as(who).build());
    }

    /** A new household in G03's B0301 unit 2 room {@code room} (101 ... 302), by the grid worker of G03; returns its id. */
    String household(String room) {
        return createHousehold(gridWorker(), Map.of("buildingId", "B0301", "unitId", "2", "roomId", room,
                "householdNumber", "0301-2-" + room)).expect(201).text("/id");
    }

    /** A new household in G05's B0501 unit 1 room {@code room}, by staff; returns its id. */
    String householdInG05(String room) {
        return createHousehold(Persona.staff(), Map.of("buildingId", "B0501", "unitId", "1", "roomId", room,
                "householdNumber", "0501-1-" + room)).expect(201).text("/id");
    }

    /**
     * A photo as {@code POST /uploads} and the client's PUT leave it: an upload record naming
     * {@code uploader} in the RequestsTable and a JPEG in the FilesBucket. Returns its key.
     */
    String uploadedPhoto(Persona uploader) {
        var upload = files.presignPhotoUpload(uploader.communityId(), "image/jpeg", 2048);
        requests.recordUpload(uploader.communityId(), upload.key(), uploader.sub(), "image/jpeg", 2048);
        byte[] jpeg = new byte[2048];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        aws.s3().putObject(r -> r.bucket(aws.name("FilesBucket")).key(upload.key()).contentType("image/jpeg"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(jpeg));
        return upload.key();
    }

    /** Every item of the RequestsTable: what "nothing written" is checked against on that side. */
    List<Map<String, AttributeValue>> requestItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /** Every item of the ResidentsTable: what "nothing written" and "no plaintext" are checked against. */
    /**
     * How many items the ResidentsTable holds: a COUNT scan, which moto answers without serializing
     * the items (what a full scan spends most of its time on once a test has written a few hundred).
     */
    int itemCount() {
        int count = 0;
        for (var page : aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("ResidentsTable")).consistentRead(true)
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT))) {
            count += page.count();
        }
        return count;
    }

    List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("ResidentsTable")).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
