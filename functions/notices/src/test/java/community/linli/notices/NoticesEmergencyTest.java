package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Emergency notices and the households they reach: acknowledgement once per household, the form
 * answered and corrected until the notice closes, and the dashboard and CSV export per grid. The
 * registry is the demo's, written as the ResidentsFunction writes it: G03 has two households,
 * 李建国's (B0301-1-302, three members) and 张明's (B0302-1-101).
 */
@ExtendWith(MotoExtension.class)
@Provision({"NoticesFunction", "ResidentsFunction"})
class NoticesEmergencyTest {
    NoticesApi api;
    Persona staff = Persona.staff();
    NoticesApi.Member liJianguo = NoticesApi.memberOf("G03", DemoCommunity.HOUSEHOLD_ID);
    NoticesApi.Member wangXiulan = NoticesApi.memberOf("G03", DemoCommunity.HOUSEHOLD_ID);
    NoticesApi.Member zhangMing = NoticesApi.memberOf("G03", DemoCommunity.SECOND_HOUSEHOLD_ID);

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
        var crypto = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
        DemoCommunity.seedResidents(new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), crypto, api.clock));
    }

    // ---------------------------------------------------------------- drafting

    @Test
    void draft_ofAnEmergencyWithAForm_showsTheFormAsSent() {
        var reply = api.draft(staff, NoticesApi.emergency("燃气泄漏紧急通知", "G03")).expect(201);

        assertThat(reply.text("/form/0/label")).isEqualTo("家中是否有外地返回人员");
        assertThat(reply.text("/form/1/type")).isEqualTo("multi_choice");
        assertThat(reply.body().at("/form/1/options")).hasSize(3);
    }

    // ---------------------------------------------------------------- acknowledgement

    @Test
    void acknowledge_byAnyMember_countsOncePerHousehold_andASecondIsRefusedNamingTheNotice() {
        String id = api.published(NoticesApi.emergency("燃气泄漏紧急通知", "G03"));

        var first = api.acknowledge(liJianguo, id).expect(201);
        int items = api.itemCount();
        var second = api.acknowledge(wangXiulan, id);

        assertThat(first.text("/householdId")).isEqualTo(DemoCommunity.HOUSEHOLD_ID);
        assertThat(first.headers()).containsEntry("Location", "/notices/" + id + "/acknowledgement");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.errorFields()).containsExactly("id");
        assertThat(second.text("/errors/0/code")).isEqualTo("already_acknowledged");
        assertThat(api.itemCount()).as("nothing written").isEqualTo(items);
    }

    @Test
    void acknowledge_isTwoRoundTrips_whateverTheNumberOfHouseholds() {
        String id = api.published(NoticesApi.emergency("燃气泄漏紧急通知"));
        for (int i = 0; i < 30; i++) api.acknowledge(NoticesApi.memberOf("G0" + (1 + i % 9), "hh-load-" + i), id).expect(201);

        var trips = api.dynamoTrips.during(() -> api.acknowledge(liJianguo, id).expect(201));

        assertThat(trips).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    }

    @Test
    void acknowledge_ofAWithdrawnOrExpiredNotice_isRefusedAsClosed_andWritesNothing() {
        String withdrawn = api.published(NoticesApi.emergency("已撤回的通知", "G03"));
        api.withdraw(staff, withdrawn, 2).expect(200);
        String expiring = api.published(NoticesApi.emergency("将过期的通知", "G03"));
        api.clock.advance(Duration.ofDays(40));
        int items = api.itemCount();

        var toWithdrawn = api.acknowledge(liJianguo, withdrawn);
        var toExpired = api.acknowledge(liJianguo, expiring);

        for (var reply : List.of(toWithdrawn, toExpired)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.errorFields()).containsExactly("id");
            assertThat(reply.text("/errors/0/code")).isEqualTo("notice_closed");
        }
        assertThat(api.itemCount()).isEqualTo(items);
    }

    @Test
    void acknowledge_ofAnAnnouncement_isNotAnEmergency_andOfAnotherGridsNotice_is404() {
        String announcement = api.published(NoticesApi.draft("停水通知", "G03"));
        String otherGrid = api.published(NoticesApi.emergency("G05 紧急通知", "G05"));

        var reply = api.acknowledge(liJianguo, announcement);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("/errors/0/code")).isEqualTo("not_an_emergency");
        assertThat(api.acknowledge(liJianguo, otherGrid).status()).isEqualTo(404);
    }

    @Test
    void acknowledge_byAResidentLinkedToNoHousehold_is403() {
        String id = api.published(NoticesApi.emergency("燃气泄漏紧急通知", "G03"));

        var reply = api.call(NoticesApi.acknowledgeEvent(id).as(NoticesApi.residentOf("G03")).build());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text("/detail")).isEqualTo("账号尚未绑定在册住户");
    }

    // ---------------------------------------------------------------- the form

    @Test
    void answer_isCheckedAgainstTheForm_andCorrectedUntilTheNoticeCloses() {
        String id = api.published(NoticesApi.emergency("疫情登记", "G03"));

        api.answer(liJianguo, id, Map.of("answers", Map.of("returned", "是"))).expect(200);
        var corrected = api.answer(wangXiulan, id, Map.of("answers", Map.of("returned", "否", "medicine", List.of("降压药")))).expect(200);
        var read = api.myAnswer(liJianguo, id).expect(200);

        assertThat(corrected.text("/householdId")).isEqualTo(DemoCommunity.HOUSEHOLD_ID);
        assertThat(read.text("/answers/returned")).isEqualTo("否");
        assertThat(read.body().at("/answers/medicine").get(0).asText()).isEqualTo("降压药");
        assertThat(api.myAnswer(zhangMing, id).status()).as("his household has not answered").isEqualTo(404);
    }

    @Test
    void answer_thatDoesNotFitTheForm_is400NamingEachAnswer_andWritesNothing() {
        String id = api.published(NoticesApi.emergency("疫情登记", "G03"));
        int items = api.itemCount();

        var reply = api.answer(liJianguo, id, Map.of("answers", Map.of("medicine", List.of("止痛药"), "floor", "3")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("answers.returned", "answers.medicine[0]", "answers.floor");
        assertThat(api.itemCount()).isEqualTo(items);
    }

    @Test
    void answer_toAClosedNotice_isRefusedNamingTheNotice_andTheEarlierAnswerStays() {
        String id = api.published(NoticesApi.emergency("疫情登记", "G03"));
        api.answer(liJianguo, id, Map.of("answers", Map.of("returned", "是"))).expect(200);
        api.withdraw(staff, id, 2).expect(200);

        var reply = api.answer(liJianguo, id, Map.of("answers", Map.of("returned", "否")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("id");
        assertThat(reply.text("/errors/0/code")).isEqualTo("notice_closed");
        assertThat(api.myAnswer(liJianguo, id).expect(200).text("/answers/returned")).isEqualTo("是");
    }

    @Test
    void answer_toANoticeWithoutAForm_isRefusedNamingTheAnswers() {
        Map<String, Object> body = NoticesApi.emergency("燃气泄漏", "G03");
        body.remove("form");
        String id = api.published(body);

        var reply = api.answer(liJianguo, id, Map.of("answers", Map.of("returned", "是")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("answers");
        assertThat(reply.text("/errors/0/code")).isEqualTo("no_form");
    }

    @Test
    void answer_andItsReading_areTwoRoundTrips_andOne() {
        String id = api.published(NoticesApi.emergency("疫情登记", "G03"));

        assertThat(api.dynamoTrips.during(() -> api.answer(liJianguo, id, Map.of("answers", Map.of("returned", "是"))).expect(200)))
                .isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
        assertThat(api.dynamoTrips.during(() -> api.myAnswer(liJianguo, id).expect(200))).isEqualTo(Map.of("BatchGetItem", 1));
    }

    // ---------------------------------------------------------------- the dashboard and the export

    @Test
    void dashboard_countsDown_asHouseholdsAcknowledgeAndAnswer() {
        String id = api.published(NoticesApi.emergency("燃气泄漏紧急通知", "G03", "G04"));
        Persona gridWorker = Persona.gridWorker("G03");

        var before = api.households(gridWorker, id, Map.of()).expect(200);
        api.acknowledge(liJianguo, id).expect(201);
        api.answer(wangXiulan, id, Map.of("answers", Map.of("returned", "否"))).expect(200);
        var after = api.households(gridWorker, id, Map.of()).expect(200);

        assertThat(before.body().get("grids")).as("a grid worker sees their own grid only").hasSize(1);
        assertThat(before.body().at("/grids/0/reached").asInt()).isEqualTo(2);
        assertThat(before.body().at("/grids/0/notAcknowledged")).hasSize(2);
        assertThat(after.body().at("/grids/0/acknowledged").asInt()).isEqualTo(1);
        assertThat(after.body().at("/grids/0/answered").asInt()).isEqualTo(1);
        assertThat(after.body().at("/grids/0/notAcknowledged")).singleElement()
                .satisfies(door -> assertThat(door.get("householdId").asText()).isEqualTo(DemoCommunity.SECOND_HOUSEHOLD_ID))
                .satisfies(door -> assertThat(door.get("roomId").asText()).isEqualTo("101"));
        var forStaff = api.households(staff, id, Map.of()).expect(200);
        assertThat(forStaff.body().get("grids")).extracting(g -> g.get("gridId").asText()).containsExactly("G03", "G04");
        assertThat(forStaff.body().at("/totals/reached").asInt()).isEqualTo(2);
    }

    @Test
    void dashboard_ofOneGrid_isRefusedForAGridTheNoticeDoesNotAddress_andForAnotherWorkersGrid() {
        String id = api.published(NoticesApi.emergency("燃气泄漏紧急通知", "G03", "G04"));

        var unaddressed = api.households(staff, id, Map.of("gridId", "G05"));
        var notCovered = api.households(Persona.gridWorker("G03"), id, Map.of("gridId", "G04"));
        var unknownParameter = api.households(staff, id, Map.of("grid", "G03"));

        assertThat(unaddressed.status()).isEqualTo(400);
        assertThat(unaddressed.errorFields()).containsExactly("gridId");
        assertThat(notCovered.status()).isEqualTo(403);
        assertThat(unknownParameter.errorFields()).containsExactly("grid");
        assertThat(api.households(Persona.gridWorker("G05"), id, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void dashboard_isTheNoticeTheHouseholdsAndOneRegistryQueryPerGrid() {
        String id = api.published(NoticesApi.emergency("燃气泄漏紧急通知", "G03", "G04"));
        api.acknowledge(liJianguo, id).expect(201);

        var trips = api.dynamoTrips.during(() -> api.households(staff, id, Map.of()).expect(200));

        assertThat(trips).isEqualTo(Map.of("GetItem", 1, "Query", 3));
    }

    @Test
    void answers_exportAsCsv_withTheQuestionLabelsAsHeaders_ofTheCallersGridsOnly() {
        String id = api.published(NoticesApi.emergency("疫情登记", "G03", "G05"));
        api.answer(liJianguo, id, Map.of("answers", Map.of("returned", "是", "medicine", List.of("降压药", "感冒药")))).expect(200);
        api.answer(NoticesApi.memberOf("G05", "hh-g05-1"), id, Map.of("answers", Map.of("returned", "否"))).expect(200);

        var forG03 = api.answers(Persona.gridWorker("G03"), id, Map.of());
        var forStaff = api.answers(staff, id, Map.of());

        assertThat(forG03.getStatusCode()).isEqualTo(200);
        assertThat(forG03.getHeaders().get("Content-Type")).startsWith("text/csv");
        assertThat(NoticesApi.csv(forG03).split("\r\n")).containsExactly(
                "网格,楼栋,单元,房号,填写时间,家中是否有外地返回人员,需要代购的药品",
                "G03,B0301,1,302,2026-11-30 09:00,是,降压药、感冒药");
        assertThat(NoticesApi.csv(forStaff).split("\r\n")).hasSize(3);
    }
}
