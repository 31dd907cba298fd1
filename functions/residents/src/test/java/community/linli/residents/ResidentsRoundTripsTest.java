package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB and KMS round trips per operation, in a fresh container (the handler's own FieldCrypto;
 * the demo residents were sealed by another one). Deterministic, so asserted here; README "Data"
 * lists the same counts.
 */
@ExtendWith(MotoExtension.class)
class ResidentsRoundTripsTest {
    ResidentsApi api;
    Persona gridWorker = ResidentsApi.gridWorker();
    Persona staff = Persona.staff();
    Persona admin = Persona.admin();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new ResidentsApi(aws);
    }

    private Map<String, Integer> dynamo(Runnable call) {
        api.kmsTrips.reset();
        return api.dynamoTrips.during(call);
    }

    private static Map<String, Object> resident(String idNumber, List<String> tags) {
        Map<String, Object> body = new HashMap<>(Map.of("householdId", DemoCommunity.HOUSEHOLD_ID, "name", "甲", "idNumber", idNumber,
                "phone", "13712340001", "relation", "child", "residenceType", "permanent", "tags", tags));
        if (tags.contains("elderly_alone")) body.put("consents", List.of(Map.of("tag", "elderly_alone", "date", "2026-11-29")));
        return body;
    }

    @Test
    void register_isAGetItemTheClaimsPutAndOneTransaction_plusTheTagListWhenTagged_andTheContainersFirstPaysTwoKmsCalls() {
        var first = dynamo(() -> api.register(gridWorker, resident(IdNumbers.fresh(), List.of())).expect(201));
        var firstKms = api.kmsTrips.byOperation();
        var tagged = dynamo(() -> api.register(gridWorker, resident(IdNumbers.fresh(), List.of("elderly_alone"))).expect(201));

        assertThat(first).isEqualTo(Map.of("GetItem", 1, "PutItem", 1, "TransactWriteItems", 1));
        assertThat(firstKms).isEqualTo(Map.of("GenerateMac", 1, "GenerateDataKey", 1));
        assertThat(tagged).isEqualTo(Map.of("GetItem", 1, "PutItem", 1, "Query", 1, "TransactWriteItems", 1));
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }

    @Test
    void startingAnImport_isOneTransaction_andReadingOneAGetItem_andNeitherCallsKms() {
        var started = dynamo(() -> api.call(ResidentsApi.startImportEvent(Map.of("reason", "年度入户登记")).as(staff).build()).expect(201));
        var read = dynamo(() -> api.call(ResidentsApi.getImportEvent(ResidentsApi.IMPORT_ID).as(staff).build()).expect(200));

        assertThat(started).as("the import and its audit record").isEqualTo(Map.of("TransactWriteItems", 1));
        assertThat(read).isEqualTo(Map.of("GetItem", 1));
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }

    @Test
    void aTakenIdNumber_costsTheClaimsPutAndAReadOfItsHolder() {
        assertThat(dynamo(() -> api.register(gridWorker, resident(DemoCommunity.HEAD_ID_NUMBER, List.of())).expect(409)))
                .isEqualTo(Map.of("GetItem", 2, "PutItem", 1));
    }

    @Test
    void createHousehold_readsRoomAndBuilding_andWritesOneTransaction() {
        assertThat(dynamo(() -> api.household("101"))).isEqualTo(Map.of("GetItem", 2, "TransactWriteItems", 1));
    }

    @Test
    void reads_areEachOneQueryOrKeyRead() {
        assertThat(dynamo(() -> api.get(staff, DemoCommunity.ELDERLY_ID).expect(200))).isEqualTo(Map.of("Query", 1));
        assertThat(dynamo(() -> api.household(staff, DemoCommunity.HOUSEHOLD_ID).expect(200))).isEqualTo(Map.of("Query", 1));
        assertThat(dynamo(() -> api.list(staff, Map.of("grid", "G03")).expect(200))).isEqualTo(Map.of("Query", 1));
        assertThat(dynamo(() -> api.list(staff, Map.of("building", "B0301", "unit", "1")).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "Query", 1));
        assertThat(dynamo(() -> api.list(staff, Map.of("grid", "G03", "tag", "elderly_alone")).expect(200)))
                .isEqualTo(Map.of("BatchGetItem", 1, "Query", 1));
        assertThat(api.kmsTrips.byOperation()).as("masked values need no key").isEmpty();
    }

    @Test
    void lookups_areOneQueryByPhone_orTwoGetItemsById_andOneGenerateMacPerContainer() {
        var byPhone = dynamo(() -> api.lookup(staff, Map.of("phone", DemoCommunity.PHONE_RESIDENT_PHONE)).expect(200));
        var firstKms = api.kmsTrips.byOperation();
        var byId = dynamo(() -> api.lookup(staff, Map.of("idNumber", DemoCommunity.HEAD_ID_NUMBER)).expect(200));

        assertThat(byPhone).isEqualTo(Map.of("Query", 1));
        assertThat(firstKms).isEqualTo(Map.of("GenerateMac", 1));
        assertThat(byId).isEqualTo(Map.of("GetItem", 2));
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }

    @Test
    void writes_areAGetItemAndAPutOrATransaction() {
        assertThat(dynamo(() -> api.patch(gridWorker, DemoCommunity.SPOUSE_ID, Map.of("notes", "退休", "version", 1)).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
        assertThat(dynamo(() -> api.patch(gridWorker, DemoCommunity.SPOUSE_ID, Map.of("tags", List.of("volunteer"), "version", 2)).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "Query", 1, "TransactWriteItems", 1));
        assertThat(dynamo(() -> api.move(gridWorker, DemoCommunity.SPOUSE_ID, Map.of("kind", "move_out", "version", 3)).expect(200)))
                .as("the resident, and its account link").isEqualTo(Map.of("GetItem", 2, "TransactWriteItems", 1));
    }

    @Test
    void careVisits_aVisitIsTwoGetItemsAndOneTransaction_andTheListOneQueryAndOneBatchGet() {
        assertThat(dynamo(() -> api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "上门看望"))
                .expect(201))).isEqualTo(Map.of("GetItem", 2, "TransactWriteItems", 1));
        assertThat(dynamo(() -> api.careDue(gridWorker, Map.of("grid", "G03", "within", "31")).expect(200)))
                .isEqualTo(Map.of("Query", 1, "BatchGetItem", 1));
        assertThat(dynamo(() -> api.patch(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("tags", List.of("elderly_80"), "version", 1))
                .expect(200))).as("a care tag changes: the care item is read to keep its last visit")
                .isEqualTo(Map.of("GetItem", 2, "Query", 1, "TransactWriteItems", 1));
        assertThat(dynamo(() -> api.move(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("kind", "move_out", "version", 2)).expect(200)))
                .as("moving out deletes the care item in the move's transaction (the GetItems: the resident, its account link)")
                .isEqualTo(Map.of("GetItem", 2, "TransactWriteItems", 1));
    }

    @Test
    void aVisitFilingItsConcern_addsTheDirectorysBatchGetAndTheDayCounter_andItsWritesStayOneTransaction() {
        Map<String, Object> body = new HashMap<>(Map.of("date", "2026-11-29", "note", "腿脚不便", "concern", true));
        body.put("request", Map.of("category", "elderly_help", "description", "需要送餐", "answers", Map.of("needs", List.of("买菜送餐"))));
        String photo = api.uploadedPhoto(gridWorker);
        body.put("photoKey", photo);

        assertThat(dynamo(() -> api.visit(gridWorker, DemoCommunity.ELDERLY_ID, body).expect(201)))
                .as("resident, care; category, building and calendars; counter; visit, care, request, timeline and photo check")
                .isEqualTo(Map.of("GetItem", 2, "BatchGetItem", 1, "UpdateItem", 1, "TransactWriteItems", 1));
        assertThat(api.kmsTrips.byOperation()).as("the request has no contact phone to seal").isEmpty();
    }

    @Test
    void reveal_isAGetItemAndTheAuditPut_andOneDecryptForTheDataKeyBothValuesShare() {
        var trips = dynamo(() -> api.reveal(gridWorker, DemoCommunity.HEAD_ID, Map.of("reason", "核对")).expect(200));

        assertThat(trips).isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
        assertThat(api.kmsTrips.byOperation()).isEqualTo(Map.of("Decrypt", 1));
    }

    @Test
    void erasure_isTwoGetItemsAQueryOfThePartitionAndOneTransaction_andAuditIsOneQuery() {
        assertThat(dynamo(() -> api.erase(admin, DemoCommunity.ELDERLY_ID, Map.of("reason", "本人申请", "version", 1)).expect(200)))
                .as("the resident, its account link, its partition").isEqualTo(Map.of("GetItem", 2, "Query", 1, "TransactWriteItems", 1));
        assertThat(dynamo(() -> api.audit(admin, Map.of()).expect(200))).isEqualTo(Map.of("Query", 1));
    }

    @Test
    void badInput_costsNoRoundTripAtAll() {
        var trips = dynamo(() -> api.register(gridWorker, Map.of("name", "乙", "idNumber", "630102197205140313")).expect(400));

        assertThat(trips).isEmpty();
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }

    // ---------------------------------------------------------------- onboarding

    private static Map<String, Object> application(String building, String unit, String room) {
        return Map.of("communityId", DemoCommunity.ID, "buildingId", building, "unitId", unit, "roomId", room, "name", "丙",
                "relation", "child");
    }

    @Test
    void apply_isThreeGetItemsAndAPut_plusAQueryByPhoneWhenVerified_andLinkedAtOnceIsOneTransaction_withNoKmsCall() {
        Persona unverified = ResidentsApi.newcomer(api.newAccount(null));
        Persona verified = ResidentsApi.newcomer(api.newAccount("13712340009"));
        Persona zhangMing = ResidentsApi.newcomer(api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE));

        var pending = dynamo(() -> api.apply(unverified, application("B0301", "1", "302")).expect(201));
        var unmatched = dynamo(() -> api.apply(verified, application("B0301", "1", "302")).expect(201));
        var linked = dynamo(() -> api.apply(zhangMing, application("B0302", "1", "101")).expect(201));

        assertThat(pending).as("account, room, building; the application").isEqualTo(Map.of("GetItem", 3, "PutItem", 1));
        assertThat(unmatched).isEqualTo(Map.of("GetItem", 3, "Query", 1, "PutItem", 1));
        assertThat(linked).isEqualTo(Map.of("GetItem", 3, "Query", 1, "TransactWriteItems", 1));
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }

    @Test
    void statusAndPendingList_areOneQueryEach() {
        Persona applicant = ResidentsApi.newcomer(api.newAccount(null));
        api.apply(applicant, application("B0301", "1", "302")).expect(201);

        assertThat(dynamo(() -> api.myApplications(applicant).expect(200))).isEqualTo(Map.of("Query", 1));
        assertThat(dynamo(() -> api.applications(gridWorker, Map.of("grid", "G03")).expect(200))).isEqualTo(Map.of("Query", 1));
    }

    @Test
    void approveByLinking_isTwoGetItemsAndOneTransaction_refusalAGetItemAndAPut() {
        String linkId = api.apply(ResidentsApi.newcomer(api.newAccount(null)), application("B0301", "1", "302")).expect(201).text("/id");
        String refuseId = api.apply(ResidentsApi.newcomer(api.newAccount(null)), application("B0301", "1", "302")).expect(201).text("/id");

        assertThat(dynamo(() -> api.approve(gridWorker, linkId, Map.of("residentId", DemoCommunity.SPOUSE_ID)).expect(200)))
                .isEqualTo(Map.of("GetItem", 2, "TransactWriteItems", 1));
        assertThat(dynamo(() -> api.refuse(gridWorker, refuseId, Map.of("reason", "无此人")).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
    }

    @Test
    void approveByRegistering_isTwoGetItemsTheClaimsPutAndOneTransaction_andTheContainersFirstPaysTwoKmsCalls() {
        String id = api.apply(ResidentsApi.newcomer(api.newAccount(null)), application("B0301", "1", "302")).expect(201).text("/id");

        var trips = dynamo(() -> api.approve(gridWorker, id, Map.of("householdId", DemoCommunity.HOUSEHOLD_ID, "idNumber", IdNumbers.fresh(),
                "residenceType", "permanent")).expect(200));

        assertThat(trips).isEqualTo(Map.of("GetItem", 2, "PutItem", 1, "TransactWriteItems", 1));
        assertThat(api.kmsTrips.byOperation()).isEqualTo(Map.of("GenerateMac", 1, "GenerateDataKey", 1));
    }
}
