package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.WorkCalendar;
import community.linli.tables.requests.Access;
import community.linli.tables.requests.EventKind;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestItems;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import community.linli.tables.requests.TimelineEvent;
import community.linli.testkit.ApiReply;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A care visit's concern filed in the request loop in the same step, and a visit's photo, on moto:
 * the request as the RequestsFunction reads it (in the grid's inbox, with its tracking number, due
 * time and first timeline entry), and nothing written in either table when anything is refused.
 */
@ExtendWith(MotoExtension.class)
class CareVisitConcernTest {
    ResidentsApi api;
    Persona gridWorker = ResidentsApi.gridWorker();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new ResidentsApi(aws);
    }

    private static Map<String, Object> concern(Map<String, Object> request) {
        Map<String, Object> body = new HashMap<>(Map.of("date", "2026-11-30", "note", "老人说腿脚不便，下楼买菜困难", "concern", true));
        body.put("request", request);
        return body;
    }

    private static Map<String, Object> elderlyHelp() {
        return new HashMap<>(Map.of("category", "elderly_help", "description", "独居老人腿脚不便，需要送餐", "urgency", "high",
                "answers", Map.of("needs", List.of("买菜送餐"))));
    }

    private static Caller caller(Persona who, Role role) {
        return new Caller(who.sub(), who.communityId(), Set.of(role), Set.copyOf(who.gridIds()));
    }

    @Test
    void aConcernWithARequest_filesItInTheGridsInbox_asTheVisitorsRequest_andTheVisitKeepsItsTrackingNumber() {
        var reply = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, concern(elderlyHelp())).expect(201);

        String id = reply.text("/requestId");
        assertThat(id).as("the day's first tracking number, on the community's (Beijing) day").isEqualTo("261130-0001");
        var found = api.requests.findWithTimeline(DemoCommunity.ID, id, true).orElseThrow();
        ResidentRequest request = found.request();
        assertThat(request.requesterSub()).isEqualTo(DemoCommunity.GRID_WORKER_ID);
        assertThat(request.category()).isEqualTo("elderly_help");
        assertThat(request.description()).isEqualTo("独居老人腿脚不便，需要送餐");
        assertThat(request.urgency()).isEqualTo(Priority.HIGH);
        assertThat(request.priority()).isEqualTo(Priority.HIGH);
        assertThat(request.status()).isEqualTo(Status.ACCEPTED);
        assertThat(request.answers()).isEqualTo(Map.of("needs", List.of("买菜送餐")));
        assertThat(List.of(request.gridId(), request.location().buildingId(), request.location().unitId(), request.location().roomId()))
                .as("the resident's room, in the grid of its building").containsExactly("G03", "B0301", "1", "302");
        assertThat(request.createdAt()).isEqualTo(ResidentsApi.NOW);
        assertThat(request.expectedAt()).as("elderly_help: 4 hours").isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
        assertThat(request.sealedContactPhone()).isNull();
        assertThat(request.hideIdentity()).isFalse();
        assertThat(found.timeline()).singleElement().satisfies(first -> {
            assertThat(first.kind()).isEqualTo(EventKind.SUBMITTED);
            assertThat(first.actorSub()).isEqualTo(DemoCommunity.GRID_WORKER_ID);
            assertThat(first.actorRole()).isEqualTo("grid_worker");
            assertThat(first.status()).isEqualTo(Status.ACCEPTED);
            assertThat(first.at()).isEqualTo(ResidentsApi.NOW);
        });

        var inbox = api.requests.inbox(new RequestStore.InboxQuery(DemoCommunity.ID, "G03", false, null, true, Set.of(), null, null,
                20, null));
        assertThat(inbox.items()).extracting(ResidentRequest::id).as("G03's open inbox, as GET /requests?grid=G03 reads it")
                .containsExactly(id);
        assertThat(Access.canSee(caller(Persona.gridWorker("G03"), Role.GRID_WORKER), request)).as("another G03 worker").isTrue();
        assertThat(Access.canSee(caller(Persona.gridWorker("G05"), Role.GRID_WORKER), request)).as("G05's worker").isFalse();
        assertThat(visitItem().get("requestId").s()).isEqualTo(id);
    }

    @Test
    void theFiledRequest_isStoredAsAResidentsSubmitStoresIt_itemForItem() {
        String id = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, concern(elderlyHelp())).expect(201).text("/requestId");
        ResidentRequest request = api.requests.find(DemoCommunity.ID, id).orElseThrow();

        var items = api.requestItems().stream().filter(i -> i.get("pk").s().endsWith("#REQ#" + id)).toList();

        assertThat(items).hasSize(2);
        var stored = items.stream().filter(i -> i.get("sk").s().equals("REQ")).findFirst().orElseThrow();
        assertThat(stored).as("what the stream carries to the alerts").isEqualTo(RequestItems.toItem(request));
        assertThat(RequestItems.fromItem(stored)).isInstanceOf(RequestItems.RequestItem.class);
        var event = items.stream().filter(i -> !i.get("sk").s().equals("REQ")).findFirst().orElseThrow();
        var expected = new HashMap<>(RequestItems.toItem(DemoCommunity.ID, id, TimelineEvent.submitted(request, "grid_worker"), 1, false));
        expected.put("sk", event.get("sk"));
        assertThat(event).isEqualTo(expected);
    }

    @Test
    void aWorkingDayCategory_isDueOnTheCommunitysCalendar() {
        new DirectoryStore(api.aws.dynamoDb(), api.aws.name("DirectoryTable"))
                .putCalendar(DemoCommunity.ID, new WorkCalendar(2026, Set.of(LocalDate.of(2026, 12, 1)), Set.of()));
        Map<String, Object> other = new HashMap<>(Map.of("category", "other", "description", "楼道堆放杂物，影响老人出行"));

        String id = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, concern(other)).expect(201).text("/requestId");

        assertThat(api.requests.find(DemoCommunity.ID, id).orElseThrow().expectedAt())
                .as("5 working days from Monday 30 November, Tuesday 1 December a holiday: Tuesday 8 December, 18:00 in Beijing")
                .isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
        assertThat(api.requests.find(DemoCommunity.ID, id).orElseThrow().urgency()).as("urgency left out").isEqualTo(Priority.NORMAL);
    }

    @Test
    void aConcernWithoutARequest_andAVisitWithout_fileNothing() {
        var reply = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-30", "note", "有些咳嗽", "concern", true))
                .expect(201);

        assertThat(reply.body().has("requestId")).isFalse();
        assertThat(api.requestItems()).isEmpty();
        assertThat(visitItem()).doesNotContainKey("requestId");
    }

    @Test
    void aRequestOrPhotoGivenAsNull_isRefusedNamingIt_andNothingIsWritten() {
        for (String field : List.of("request", "photoKey", "concern")) {
            var event = ResidentsApi.visitEvent(DemoCommunity.ELDERLY_ID, Map.of())
                    .body("{\"date\":\"2026-11-30\",\"note\":\"一切正常\",\"" + field + "\":null}");

            var reply = api.call(event.as(gridWorker).build()).expect(400);

            assertThat(errors(reply)).containsExactly(Map.entry(field, "null_value"));
        }
        assertThat(api.requestItems()).isEmpty();
        assertThat(api.items()).noneMatch(i -> i.get("sk").s().startsWith("VISIT#"));
    }

    @Test
    void aVisitWithAPhoto_showsItBackWithALink_andAConcernsRequestCarriesIt() {
        String photo = api.uploadedPhoto(gridWorker);

        var reply = api.visit(gridWorker, DemoCommunity.ELDERLY_ID,
                withPhoto(concern(elderlyHelp()), photo)).expect(201);

        JsonNode shown = reply.body().get("photo");
        assertThat(shown.get("key").asText()).isEqualTo(photo);
        assertThat(shown.get("url").asText()).contains(photo).contains("X-Amz-Signature=");
        assertThat(visitItem().get("photoKey").s()).isEqualTo(photo);
        assertThat(api.requests.find(DemoCommunity.ID, reply.text("/requestId")).orElseThrow().photoKeys()).containsExactly(photo);
    }

    @Test
    void aVisitWithoutAPhoto_hasNone() {
        var reply = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-30", "note", "一切正常")).expect(201);

        assertThat(reply.body().has("photo")).isFalse();
        assertThat(visitItem()).doesNotContainKey("photoKey");
    }

    // ---------------------------------------------------------------- refused: 400 naming the field, nothing written

    private int residentItems;
    private int requestItems;

    private ApiReply refused(Map<String, Object> body) {
        residentItems = api.items().size();
        requestItems = api.requestItems().size();
        var reply = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, body).expect(400);
        assertThat(api.items()).as("nothing written in the registry").hasSize(residentItems);
        assertThat(api.requestItems()).as("nothing written in the requests table").hasSize(requestItems);
        return reply;
    }

    private static Map<String, Object> withPhoto(Map<String, Object> body, String key) {
        Map<String, Object> with = new HashMap<>(body);
        with.put("photoKey", key);
        return with;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> request = elderlyHelp();
        request.put(field, value);
        return concern(request);
    }

    @Test
    void aRequestWithoutAConcern_returns400NamingRequest() {
        Map<String, Object> body = concern(elderlyHelp());
        body.put("concern", false);
        assertThat(errors(refused(body))).containsExactly(Map.entry("request", "requires"));
        body.remove("concern");
        assertThat(errors(refused(body))).containsExactly(Map.entry("request", "requires"));
    }

    @Test
    void anUnknownCategory_returns400NamingRequestCategory() {
        assertThat(errors(refused(with("category", "no_such")))).containsExactly(Map.entry("request.category", "unknown_category"));
    }

    @Test
    void aDisabledCategory_returns400NamingRequestCategory() {
        new DirectoryStore(api.aws.dynamoDb(), api.aws.name("DirectoryTable")).putCategory(DemoCommunity.ID,
                new Category("retired", "停用类别", "Retired", 24, null, false, List.of(), null));

        assertThat(errors(refused(with("category", "retired")))).containsExactly(Map.entry("request.category", "category_disabled"));
    }

    @Test
    void anEmergencyCategory_returns400NamingRequestCategory_forThePhoneNotTheInbox() {
        assertThat(errors(refused(with("category", "fire")))).containsExactly(Map.entry("request.category", "category_emergency"));
    }

    @Test
    void aRequiredAnswerMissing_orAnUnknownQuestion_returns400NamingTheAnswer() {
        assertThat(errors(refused(with("answers", Map.of())))).containsExactly(Map.entry("request.answers.needs", "answer_required"));
        assertThat(errors(refused(with("answers", Map.of("needs", List.of("就医"), "pets", "猫")))))
                .containsExactly(Map.entry("request.answers.pets", "unknown_question"));
        assertThat(errors(refused(with("answers", Map.of("needs", List.of("飞行"))))))
                .containsExactly(Map.entry("request.answers.needs[0]", "one_of"));
    }

    @Test
    void aRequestWithoutCategoryOrDescription_orWithABadUrgency_returns400NamingEach() {
        Map<String, Object> request = new HashMap<>(Map.of("urgency", "whenever"));
        assertThat(refused(concern(request)).errorFields())
                .containsExactlyInAnyOrder("request.category", "request.description", "request.urgency");
        assertThat(errors(refused(with("description", "   ")))).containsExactly(Map.entry("request.description", "blank"));
        assertThat(errors(refused(with("location", Map.of("buildingId", "B0501")))))
                .containsExactly(Map.entry("request.location", "unknown_field"));
    }

    @Test
    void aPhotoNotUploaded_orOfAnotherCommunity_orBadlyShaped_returns400NamingPhotoKey() {
        assertThat(errors(refused(withPhoto(concern(elderlyHelp()), "uploads/demo/20261130/nothing-here.jpg"))))
                .containsExactly(Map.entry("photoKey", "photo_not_uploaded"));
        assertThat(errors(refused(withPhoto(concern(elderlyHelp()), "uploads/elsewhere/20261130/x.jpg"))))
                .containsExactly(Map.entry("photoKey", "photo_not_owned"));
        assertThat(errors(refused(withPhoto(Map.of("date", "2026-11-30", "note", "好"), "../etc/passwd"))))
                .containsExactly(Map.entry("photoKey", "pattern"));
    }

    @Test
    void aPhotoAnotherAccountUploaded_returns400PhotoNotOwned_andWritesNeitherTheVisitNorTheRequest() {
        String theirs = api.uploadedPhoto(Persona.resident());
        residentItems = api.items().size();
        int requestsBefore = api.requestItems().size();

        var reply = api.visit(gridWorker, DemoCommunity.ELDERLY_ID, withPhoto(concern(elderlyHelp()), theirs)).expect(400);

        assertThat(errors(reply)).containsExactly(Map.entry("photoKey", "photo_not_owned"));
        assertThat(api.items()).as("no visit, no care change").hasSize(residentItems);
        assertThat(api.requestItems()).as("no request, no timeline: only the day's counter moved on (a number goes unused)")
                .hasSize(requestsBefore + 1)
                .anyMatch(item -> item.get("pk").s().contains("#SEQ#"))
                .noneMatch(item -> item.get("pk").s().contains("#REQ#"));
        assertThat(api.visit(gridWorker, DemoCommunity.ELDERLY_ID, concern(elderlyHelp())).expect(201).text("/requestId"))
                .as("the next request skips the number the refused one took").isEqualTo("261130-0002");
    }

    /** The problem's errors as (field, code), in order. */
    private static List<Map.Entry<String, String>> errors(ApiReply reply) {
        List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        reply.body().get("errors").forEach(e -> out.add(Map.entry(e.get("field").asText(), e.get("code").asText())));
        return out;
    }

    private Map<String, AttributeValue> visitItem() {
        return api.items().stream().filter(i -> i.get("sk").s().startsWith("VISIT#")).reduce((a, b) -> b).orElseThrow();
    }
}
