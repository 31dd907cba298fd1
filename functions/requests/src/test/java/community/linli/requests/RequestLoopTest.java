package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.RequestItems;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 受理 → 派单 → 办理 → 回复 → 回访/评价, through the state machine, as the people in the story do it. */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "StaffFunction"})
class RequestLoopTest {
    Api api;
    Persona resident = Persona.resident();
    Persona staff = Persona.staff().withStaffId(DemoCommunity.STAFF_ID);
    Persona gridWorker = Api.demoGridWorker();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws).withDemoStaff();
    }

    /** An assignment names its assignee by staff id; the registry gives their role and name. */
    Map<String, Object> assignTo(Persona worker) {
        return Map.of("assignee", worker.staffId());
    }

    @Test
    void theWholeLoop_fromSubmitToRating_leavesAPublicTimelineWithoutInternalNotes() {
        String id = api.submitted(resident);

        api.move(staff, id, "assign", assignTo(gridWorker)).expect(200);
        api.note(staff, id, "维保合同下月到期，注意留存维修单", "internal").expect(201);
        api.move(gridWorker, id, "start", Map.of()).expect(200);
        api.note(gridWorker, id, "师傅已到现场", "public").expect(201);
        api.move(gridWorker, id, "resolve", Map.of("text", "更换了控制板，电梯已恢复运行")).expect(200);
        api.move(resident, id, "confirm", Map.of()).expect(200);
        var rated = api.rate(resident, id, Map.of("score", 5, "comment", "很快就修好了", "version", api.currentVersion(id))).expect(200);

        assertThat(rated.text("/status")).isEqualTo("closed");
        assertThat(rated.body().at("/rating/score").asInt()).isEqualTo(5);
        var seen = api.get(resident, id).expect(200);
        assertThat(kinds(seen.body())).containsExactly(EventKind.SUBMITTED, EventKind.ASSIGNED, EventKind.STARTED, EventKind.REPLY,
                EventKind.RESOLVED, EventKind.CONFIRMED, EventKind.RATED);
        assertThat(seen.body().toString()).doesNotContain("维保合同").doesNotContain(gridWorker.sub()).doesNotContain(staff.sub());
        assertThat(seen.text("/assignee/name")).isEqualTo("王芳");
        assertThat(seen.text("/resolution/text")).isEqualTo("更换了控制板，电梯已恢复运行");
        var staffView = api.get(staff, id).expect(200);
        assertThat(kinds(staffView.body())).contains(EventKind.NOTE);
        assertThat(staffView.text("/assignee/staffId")).isEqualTo(DemoCommunity.GRID_WORKER_ID);
        assertThat(staffView.text("/assignee/role")).isEqualTo("grid_worker");
    }

    @Test
    void reopen_withinSevenDaysOfResolution_putsItBackWithTheSameAssigneeAndANewDueTime() {
        String id = resolvedBy(gridWorker);
        api.clock.advance(Duration.ofDays(6));

        var reopened = api.move(resident, id, "reopen", Map.of("reason", "电梯又停了")).expect(200);

        assertThat(reopened.text("/status")).isEqualTo("reopened");
        assertThat(reopened.text("/assignee/name")).isEqualTo("王芳");
        assertThat(reopened.body().get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.text("/expectedAt")).isEqualTo(api.clock.instant().plus(Duration.ofHours(24)).toString());
        api.move(gridWorker, id, "resolve", Map.of("text", "再次检修，更换了钢丝绳")).expect(200);
    }

    @Test
    void reopen_afterSevenDays_isRefusedWith409() {
        String id = resolvedBy(gridWorker);
        api.clock.advance(Duration.ofDays(7).plusMinutes(1));

        var response = api.move(resident, id, "reopen", Map.of("reason", "又坏了"));

        response.expect(409);
        assertThat(response.text("/detail")).contains("7");
        assertThat(api.get(resident, id).text("/status")).isEqualTo("resolved");
    }

    @Test
    void reopen_byAnotherResident_isNotEvenVisible() {
        String id = resolvedBy(gridWorker);

        api.move(Persona.resident(), id, Map.of("action", "reopen", "version", 5, "reason", "x")).expect(404);
    }

    @Test
    void rate_twice_isRefusedWith409AndKeepsTheFirstRating() {
        String id = resolvedBy(gridWorker);
        api.rate(resident, id, Map.of("score", 2, "comment", "太慢了", "version", api.currentVersion(id))).expect(200);

        var again = api.rate(resident, id, Map.of("score", 5, "version", api.currentVersion(id)));

        again.expect(409);
        assertThat(api.get(resident, id).body().at("/rating/score").asInt()).isEqualTo(2);
    }

    @Test
    void rate_aResolvedRequest_confirmsIt_soItCanNoLongerBeReopened() {
        String id = resolvedBy(gridWorker);

        var rated = api.rate(resident, id, Map.of("score", 4, "version", api.currentVersion(id))).expect(200);

        assertThat(rated.text("/status")).isEqualTo("closed");
        api.move(resident, id, "reopen", Map.of("reason", "又坏了")).expect(409);
    }

    @Test
    void reject_tellsTheResidentWhy_butASendBackReasonStaysWithStaff() {
        String id = api.submitted(resident);

        api.move(staff, id, "reject", Map.of("reason", "属于物业公司职责，已转物业")).expect(200);

        assertThat(api.get(resident, id).body().toString()).contains("属于物业公司职责");
    }

    @Test
    void aVersionBelowOne_gets400SayingTheMinimum() {
        String id = api.submitted(resident);

        var response = api.move(staff, id, Map.of("action", "start", "version", 0));

        assertThat(response.expect(400).errorFields()).containsExactly("version");
        assertThat(response.text("/errors/0/message")).isEqualTo("不能小于 1");
    }

    @Test
    void aMoveTheStatusDoesNotAllow_isExplainedInChineseWords() {
        String id = api.submitted(resident);

        var response = api.move(resident, id, "confirm", Map.of()).expect(409);

        assertThat(response.text("/detail")).isEqualTo("诉求当前为“已受理”，不能“确认解决”");
    }

    @Test
    void rate_outOfRange_returns400NamingScore() {
        String id = resolvedBy(gridWorker);

        var response = api.rate(resident, id, Map.of("score", 6, "version", api.currentVersion(id)));

        response.expect(400);
        assertThat(response.errorFields()).containsExactly("score");
    }

    @Test
    void rate_beforeResolution_isRefusedWith409() {
        String id = api.submitted(resident);

        api.rate(resident, id, Map.of("score", 4, "version", 1)).expect(409);
    }

    @Test
    void rate_byStaff_isForbidden() {
        String id = resolvedBy(gridWorker);

        api.rate(staff, id, Map.of("score", 4, "version", api.currentVersion(id))).expect(403);
    }

    @Test
    void aStaleVersion_gets409WithTheCurrentVersion_andChangesNothing() {
        String id = api.submitted(resident);
        api.move(staff, id, "assign", assignTo(gridWorker)).expect(200);

        var stale = api.move(Persona.staff(), id, Map.of("action", "reject", "version", 1, "reason", "不属于社区事务"));

        stale.expect(409);
        assertThat(stale.text("/type")).endsWith("/version-conflict");
        assertThat(stale.text("/detail")).contains("2");
        assertThat(api.get(staff, id).text("/status")).isEqualTo("assigned");
    }

    @Test
    void aMoveTheStatusDoesNotAllow_gets409NamingTheStatus() {
        String id = api.submitted(resident);

        var response = api.move(staff, id, "start", Map.of());

        response.expect(409);
        assertThat(response.text("/detail")).contains("已受理");
    }

    @Test
    void anUnknownMove_gets400NamingTheAction() {
        String id = api.submitted(resident);

        var response = api.move(staff, id, Map.of("action", "teleport", "version", 1));

        response.expect(400);
        assertThat(response.errorFields()).containsExactly("action");
    }

    @Test
    void aMoveWithoutItsRequiredField_gets400NamingIt() {
        String id = api.submitted(resident);

        assertThat(api.move(staff, id, "reject", Map.of()).expect(400).errorFields()).containsExactly("reason");
        assertThat(api.move(staff, id, "assign", Map.of()).expect(400).errorFields()).containsExactly("assignee");
        assertThat(api.move(staff, id, "resolve", Map.of()).expect(400).errorFields()).containsExactly("text");
        assertThat(api.move(staff, id, "start", Map.of("text", "x")).expect(400).errorFields()).containsExactly("text");
    }

    @Test
    void reassigning_withoutAReason_gets400_andWithOne_recordsATransfer() {
        String id = api.submitted(resident);
        api.move(staff, id, "assign", assignTo(gridWorker)).expect(200);
        Persona other = api.registered("gw-li-qiang", "李强", StaffRole.GRID_WORKER, "G03");

        api.move(staff, id, "assign", assignTo(other)).expect(400);
        var transferred = api.move(staff, id, "assign", Map.of("reason", "王芳休假", "assignee", other.staffId())).expect(200);

        assertThat(transferred.text("/assignee/staffId")).isEqualTo("gw-li-qiang");
        assertThat(transferred.text("/assignee/name")).isEqualTo("李强");
        assertThat(kinds(transferred.body())).endsWith(EventKind.TRANSFERRED);
    }

    @Test
    void sendBack_returnsItToTriageWithoutAnAssignee_andTheReasonStaysWithStaff() {
        String id = api.submitted(resident);
        api.move(staff, id, "assign", assignTo(gridWorker)).expect(200);

        var back = api.move(gridWorker, id, "send_back", Map.of("reason", "不属于本网格，应由物业处理")).expect(200);

        assertThat(back.text("/status")).isEqualTo("accepted");
        assertThat(back.body().has("assignee")).isFalse();
        assertThat(api.get(staff, id).body().toString()).contains("不属于本网格");
        assertThat(api.get(resident, id).body().toString()).doesNotContain("不属于本网格");
    }

    @Test
    void aGridWorkerWhoIsNotTheAssignee_mayNotResolveIt() {
        String id = api.submitted(resident);
        api.move(staff, id, "assign", assignTo(api.registered("gw-li-qiang", "李强", StaffRole.GRID_WORKER, "G03"))).expect(200);

        api.move(gridWorker, id, "resolve", Map.of("text", "x")).expect(403);
    }

    @Test
    void reject_byStaff_endsTheRequest_andTheResidentSeesIt() {
        String id = api.submitted(resident);

        api.move(staff, id, "reject", Map.of("reason", "属于派出所职责，已告知居民拨打 110")).expect(200);

        assertThat(api.get(resident, id).text("/status")).isEqualTo("rejected");
    }

    @Test
    void reject_byAGridWorker_isForbidden() {
        String id = api.submitted(resident);

        api.move(gridWorker, id, "reject", Map.of("reason", "x")).expect(403);
    }

    @Test
    void confirm_byTheResident_beforeResolution_gets409() {
        String id = api.submitted(resident);

        api.move(resident, id, "confirm", Map.of()).expect(409);
    }

    @Test
    void triage_changesCategoryAndPriority_andRecomputesTheDueTimeFromSubmission() {
        String id = api.submitted(resident);

        var triaged = api.patch(staff, id, Map.of("category", "dispute", "priority", "urgent", "version", 1)).expect(200);

        assertThat(triaged.text("/category")).isEqualTo("dispute");
        assertThat(triaged.text("/priority")).isEqualTo("urgent");
        // Saturday 28 Nov 2026, 16:15 in China; 5 working days later is Friday 4 Dec, 18:00 China time.
        assertThat(triaged.text("/expectedAt")).isEqualTo("2026-12-04T10:00:00.000Z");
        assertThat(triaged.version()).isEqualTo(2);
    }

    @Test
    void workingDayLimits_ofACommunityWithNoCalendarStored_countTheStateCouncilsSchedule() {
        // Wednesday 30 Sep 2026, 16:15 in China. National Day is 1 to 7 October, and Saturday
        // 10 October is worked (调休): 5 working days are 8, 9, 10, 12 and 13 October.
        api.clock.set(java.time.Instant.parse("2026-09-30T08:15:00Z"));
        String id = api.submitted(resident);

        var triaged = api.patch(staff, id, Map.of("category", "dispute", "version", 1)).expect(200);

        assertThat(triaged.text("/expectedAt")).isEqualTo("2026-10-13T10:00:00.000Z");
    }

    @Test
    void triage_withNothingToChange_gets400() {
        String id = api.submitted(resident);

        api.patch(staff, id, Map.of("version", 1)).expect(400);
        api.patch(staff, id, Map.of("category", "elevator", "priority", "high", "version", 1)).expect(400);
        assertThat(api.currentVersion(id)).isEqualTo(1);
    }

    @Test
    void triage_intoAnEmergencyCategory_gets400() {
        String id = api.submitted(resident);

        assertThat(api.patch(staff, id, Map.of("category", "fire", "version", 1)).expect(400).text("/errors/0/code"))
                .isEqualTo("category_emergency");
    }

    @Test
    void triage_toAnUnknownCategory_gets400NamingCategory() {
        String id = api.submitted(resident);

        assertThat(api.patch(staff, id, Map.of("category", "ufo", "version", 1)).expect(400).errorFields()).containsExactly("category");
    }

    @Test
    void triage_byAGridWorker_isForbidden() {
        String id = api.submitted(resident);

        api.patch(gridWorker, id, Map.of("priority", "high", "version", 1)).expect(403);
    }

    @Test
    void resolve_withPhotos_showsThemToTheResidentAsLinks() {
        String id = api.submitted(resident);
        api.move(staff, id, "assign", assignTo(gridWorker)).expect(200);
        String photo = api.uploadPhoto(gridWorker, Photos.jpeg(), "image/jpeg");

        api.move(gridWorker, id, "resolve", Map.of("text", "已修好", "photoKeys", List.of(photo))).expect(200);

        JsonNode photos = api.get(resident, id).body().at("/resolution/photos");
        assertThat(photos).hasSize(1);
        assertThat(photos.get(0).get("key").asText()).isEqualTo(photo);
        assertThat(photos.get(0).get("url").asText()).contains(photo);
    }

    @Test
    void resolve_withSomeoneElsesPhoto_gets400NamingIt() {
        String id = api.submitted(resident);
        api.move(staff, id, "assign", assignTo(gridWorker)).expect(200);
        String theirs = api.uploadPhoto(resident, Photos.jpeg(), "image/jpeg");

        var response = api.move(gridWorker, id, "resolve", Map.of("text", "已修好", "photoKeys", List.of(theirs)));

        assertThat(response.expect(400).errorFields()).containsExactly("photoKeys[0]");
    }

    @Test
    void notes_byTheResident_areForbidden() {
        String id = api.submitted(resident);

        api.note(resident, id, "我再补充一点", "public").expect(403);
    }

    @Test
    void everyChange_writesATimelineItemForTheAlerts() {
        String id = api.submitted(resident);

        api.move(staff, id, "assign", assignTo(gridWorker)).expect(200);
        api.move(gridWorker, id, "start", Map.of()).expect(200);

        var items = api.aws.dynamoDb().query(r -> r.tableName(api.aws.name("RequestsTable"))
                .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(RequestItems.pk("demo", id)),
                        ":e", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(RequestItems.PUBLIC_PREFIX)))).items();
        assertThat(items).extracting(i -> ((RequestItems.EventItem) RequestItems.fromItem(i)).event().kind())
                .containsExactlyInAnyOrder(EventKind.SUBMITTED, EventKind.ASSIGNED, EventKind.STARTED);
    }

    String resolvedBy(Persona worker) {
        String id = api.submitted(resident);
        api.move(staff, id, "assign", assignTo(worker)).expect(200);
        api.move(worker, id, "resolve", Map.of("text", "已处理")).expect(200);
        return id;
    }

    static List<EventKind> kinds(JsonNode request) {
        return StreamSupport.stream(request.get("timeline").spliterator(), false).map(e -> EventKind.ofWire(e.get("kind").asText())).toList();
    }
}
