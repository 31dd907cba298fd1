package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB round trips per notices operation. Deterministic, so asserted here; the benchmark
 * (bench/ RoundTrips) prints the same counts for the README. A resident here is not linked to a
 * registry record, so their tags cost the membership GetItem alone (NoticesTagAudienceTest counts
 * a linked one).
 */
@ExtendWith(MotoExtension.class)
class NoticesRoundTripsTest {
    NoticesApi api;
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
    }

    private Map<String, Integer> trips(Runnable call) {
        return api.dynamoTrips.during(call);
    }

    @Test
    void draft_isOnePut_plusTheDirectoryQueryWhenItNamesGrids() {
        assertThat(trips(() -> api.draft(staff, NoticesApi.draft("全社区")).expect(201))).isEqualTo(Map.of("PutItem", 1));
        assertThat(trips(() -> api.draft(staff, NoticesApi.draft("两个网格", "G03", "G04")).expect(201)))
                .isEqualTo(Map.of("Query", 1, "PutItem", 1));
    }

    @Test
    void publishNow_isAGetATransactionAndTheAnnouncementsDelete_andLaterNoDelete() {
        String now = api.draft(staff, NoticesApi.draft("停水通知", "G03")).expect(201).text("/id");
        Map<String, Object> laterBody = NoticesApi.draft("停电通知", "G03");
        laterBody.put("publishAt", "2026-11-30T05:00:00.000Z");
        String later = api.draft(staff, laterBody).expect(201).text("/id");

        assertThat(trips(() -> api.publish(staff, now, 1).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1, "DeleteItem", 1));
        assertThat(trips(() -> api.publish(staff, later, 1).expect(200))).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    }

    @Test
    void patch_isAGetAndAPutForADraft_andATransactionOncePublished_andWithdrawIsAGetAndATransaction() {
        String id = api.draft(staff, NoticesApi.draft("停水通知", "G03")).expect(201).text("/id");

        assertThat(trips(() -> api.patch(staff, id, Map.of("title", "停水通知（改）", "version", 1)).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
        api.publish(staff, id, 2).expect(200);
        assertThat(trips(() -> api.patch(staff, id, Map.of("title", "停水通知（再改）", "version", 3)).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
        assertThat(trips(() -> api.withdraw(staff, id, 4).expect(200))).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    }

    @Test
    void list_isOneQueryForStaff_andOneQueryPerListAReaderReads() {
        api.published(NoticesApi.draft("停水通知", "G03"));

        assertThat(trips(() -> api.list(staff, Map.of()).expect(200))).isEqualTo(Map.of("Query", 1));
        assertThat(trips(() -> api.list(NoticesApi.residentOf("G03"), Map.of()).expect(200)))
                .as("the membership GetItem; ALL and G#G03").isEqualTo(Map.of("GetItem", 1, "Query", 2));
        assertThat(trips(() -> api.list(Persona.gridWorker("G03", "G04"), Map.of()).expect(200)))
                .as("ALL, G#G03, G#G04").isEqualTo(Map.of("Query", 3));
    }

    @Test
    void get_isOneGetForStaff_andForAResidentABatchGetAndTheReceiptOnce() {
        String id = api.published(NoticesApi.draft("停水通知", "G03"));
        Persona resident = NoticesApi.residentOf("G03");

        assertThat(trips(() -> api.get(staff, id).expect(200))).isEqualTo(Map.of("GetItem", 1));
        assertThat(trips(() -> api.get(resident, id).expect(200))).isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1, "PutItem", 1));
        assertThat(trips(() -> api.get(resident, id).expect(200))).isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1));
        assertThat(trips(() -> api.get(Persona.gridWorker("G03"), id).expect(200))).isEqualTo(Map.of("GetItem", 1));
    }

    @Test
    void theSchedule_isTheCommunitiesQueryAndOneQueryPerCommunity_plusAGetAndADeletePerAnnouncement() {
        Map<String, Object> body = NoticesApi.draft("停电通知", "G03");
        body.put("publishAt", "2026-11-30T02:00:00.000Z");
        api.publish(staff, api.draft(staff, body).expect(201).text("/id"), 1).expect(200);

        assertThat(trips(api::runSchedule)).isEqualTo(Map.of("Query", 2));
        api.clock.advance(Duration.ofHours(2));
        assertThat(trips(api::runSchedule)).isEqualTo(Map.of("Query", 2, "GetItem", 1, "DeleteItem", 1));
    }

    @Test
    void signUp_isABatchGetAndOneTransaction_andACancelAddsTheWaitlistQueryAndATransactionPerPromotion() {
        String id = api.published(NoticesApi.activity("书法班", 1, "G03"));
        Persona first = NoticesApi.residentOf("G03");
        Persona second = NoticesApi.residentOf("G03");

        var confirmed = trips(() -> api.signUp(first, id, 0).expect(201));
        var waitlisted = trips(() -> api.signUp(second, id, 0).expect(201));
        var cancelled = trips(() -> api.cancelSignUp(first, id).expect(204));

        assertThat(confirmed).as("membership, state, sign-up").isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1, "TransactWriteItems", 1));
        assertThat(waitlisted).isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1, "TransactWriteItems", 1));
        assertThat(cancelled).as("the cancel, the waitlist, one promotion")
                .isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1, "TransactWriteItems", 2, "Query", 1));
    }

    @Test
    void checkIn_isTheStateAndOneConditionalUpdate_andASecondScanNoWrite() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 0).expect(201);
        String code = api.checkInCode(id);

        assertThat(trips(() -> api.checkIn(resident, id, code).expect(200)))
                .as("membership, state, the check-in").isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1, "UpdateItem", 1));
        assertThat(trips(() -> api.checkIn(resident, id, code).expect(200))).isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1));
    }

    @Test
    void attendance_qrIsOneBatchGet_byHandAddsTheUpdate_andTheListAndExportAQuery() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 0).expect(201);

        assertThat(trips(() -> api.checkInQr(staff, id, Map.of()))).isEqualTo(Map.of("BatchGetItem", 1));
        assertThat(trips(() -> api.checkInByHand(staff, id, resident.sub()).expect(200))).isEqualTo(Map.of("BatchGetItem", 1, "UpdateItem", 1));
        assertThat(trips(() -> api.listSignUps(staff, id, Map.of()).expect(200))).isEqualTo(Map.of("BatchGetItem", 1, "Query", 1));
        assertThat(trips(() -> api.exportSignUps(staff, id))).isEqualTo(Map.of("BatchGetItem", 1, "Query", 1));
    }

    @Test
    void badInput_costsNoRoundTripAtAll() {
        assertThat(trips(() -> api.draft(staff, Map.of("title", "")).expect(400))).isEmpty();
    }
}
