package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input to the notices' routes: a 4xx problem naming every bad field, nothing written and nothing announced. */
@ExtendWith(MotoExtension.class)
class NoticesBadInputTest {
    NoticesApi api;
    Persona staff = Persona.staff();
    int itemsBefore;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
        itemsBefore = api.itemCount();
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = NoticesApi.draft("停水通知", "G03");
        if (value == null) body.remove(field); else body.put(field, value);
        return body;
    }

    private List<String> refused(Object body) {
        var reply = api.draft(staff, body).expect(400);
        assertThat(api.itemCount()).as("nothing written").isEqualTo(itemsBefore);
        return reply.errorFields();
    }

    @Test
    void draft_withoutTitleBodyKindAudienceOrExpiry_names400EachOfThem() {
        assertThat(refused(Map.of())).containsExactlyInAnyOrder("title", "body", "kind", "audience", "expiresAt");
    }

    @Test
    void draft_withAnOverlongTitleOrBody_returns400NamingIt() {
        assertThat(refused(with("title", "通".repeat(101)))).containsExactly("title");
        assertThat(refused(with("body", "通".repeat(5001)))).containsExactly("body");
        assertThat(api.draft(staff, with("title", "通".repeat(100))).status()).as("100 characters are allowed").isEqualTo(201);
    }

    @Test
    void draft_withATimeWhoseOffsetNoClockUses_returns400NamingIt_asTheSchemasPatternDoes() {
        assertThat(refused(with("publishAt", "2026-12-05T08:00:00-20:55"))).containsExactly("publishAt");
        assertThat(api.draft(staff, with("publishAt", "2026-12-05T08:00:00+08:00")).status()).as("an offset a clock uses").isEqualTo(201);
    }

    @Test
    void draft_withAnUnknownKind_returns400NamingKind() {
        assertThat(refused(with("kind", "advert"))).containsExactly("kind");
    }

    @Test
    void draft_expiringBeforeItsPublication_returns400NamingExpiresAt() {
        Map<String, Object> body = with("publishAt", "2026-12-05T00:00:00.000Z");
        body.put("expiresAt", "2026-12-04T00:00:00.000Z");

        assertThat(refused(body)).containsExactly("expiresAt");
        assertThat(refused(with("expiresAt", "2026-11-29T00:00:00.000Z"))).as("without publishAt: before now").containsExactly("expiresAt");
    }

    @Test
    void draft_withABadAudience_returns400NamingTheAudiencesField() {
        assertThat(refused(with("audience", Map.of("kind", "building")))).containsExactly("audience.kind");
        assertThat(refused(with("audience", Map.of("kind", "grids")))).containsExactly("audience.gridIds");
        assertThat(refused(with("audience", Map.of("kind", "grids", "gridIds", List.of("G03", "G03"))))).containsExactly("audience.gridIds[1]");
        assertThat(refused(with("audience", Map.of("kind", "tag")))).containsExactly("audience.tag");
        assertThat(refused(with("audience", Map.of("kind", "community", "tag", "elderly_alone")))).containsExactly("audience.tag");
    }

    @Test
    void draft_toAGridTheCommunityDoesNotHave_returns400NamingIt() {
        var reply = api.draft(staff, with("audience", Map.of("kind", "grids", "gridIds", List.of("G03", "G99")))).expect(400);

        assertThat(reply.errorFields()).containsExactly("audience.gridIds[1]");
        assertThat(reply.body().at("/errors/0/code").asText()).isEqualTo("unknown_grid");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void draft_withAttachmentsNotUploadedOrOfAnotherCommunity_returns400NamingEach() {
        var reply = api.draft(staff, with("attachments", List.of("uploads/demo/20261130/none.jpg", "uploads/other/20261130/x.jpg", "../etc")))
                .expect(400);

        assertThat(reply.errorFields()).containsExactly("attachments[2]");
        var shapeOk = api.draft(staff, with("attachments", List.of("uploads/demo/20261130/none.jpg", "uploads/other/20261130/x.jpg"))).expect(400);
        assertThat(shapeOk.errorFields()).containsExactly("attachments[0]", "attachments[1]");
        assertThat(shapeOk.body().at("/errors/0/code").asText()).isEqualTo("photo_not_uploaded");
        assertThat(shapeOk.body().at("/errors/1/code").asText()).isEqualTo("photo_not_owned");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void draft_withAnUnknownFieldOrMalformedJson_returns400() {
        assertThat(refused(with("author", "陈静"))).containsExactly("author");
        assertThat(refused("{\"title\":")).containsExactly("body");
        assertThat(refused(with("publishAt", "tomorrow"))).containsExactly("publishAt");
    }

    @Test
    void draft_withAnotherContentType_returns415() {
        var reply = api.call(NoticesApi.draftEvent(with("kind", "announcement")).as(staff).header("content-type", "text/plain").build()).expect(415);

        assertThat(reply.errorFields()).containsExactly("Content-Type");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void patch_withNothingToChange_returns400NamingBody_andChangesNothing() {
        String id = api.draft(staff, NoticesApi.draft("停水通知", "G03")).expect(201).text("/id");

        assertThat(api.patch(staff, id, Map.of("version", 1)).expect(400).errorFields()).containsExactly("body");
        assertThat(api.patch(staff, id, Map.of("title", " ", "version", 0)).expect(400).errorFields()).containsExactlyInAnyOrder("title", "version");
        assertThat(api.get(staff, id).expect(200).version()).isEqualTo(1);
    }

    @Test
    void patch_aPublishedNoticesPublishAtOrAnExpiryBeforeItsPublication_returns400NamingIt_andChangesNothing() {
        String id = api.published(NoticesApi.draft("停水通知", "G03"));
        int before = api.itemCount();

        assertThat(api.patch(staff, id, Map.of("publishAt", "2026-12-05T00:00:00.000Z", "version", 2)).expect(400).errorFields())
                .containsExactly("publishAt");
        assertThat(api.patch(staff, id, Map.of("expiresAt", "2026-11-29T00:00:00.000Z", "version", 2)).expect(400).errorFields())
                .containsExactly("expiresAt");
        assertThat(api.itemCount()).isEqualTo(before);
        assertThat(api.get(staff, id).version()).isEqualTo(2);
    }

    @Test
    void publish_whenItWouldExpireFirst_returns400NamingExpiresAt_andWritesAndAnnouncesNothing() {
        Map<String, Object> body = NoticesApi.draft("停水通知", "G03");
        body.put("expiresAt", "2026-11-30T02:00:00.000Z");
        String id = api.draft(staff, body).expect(201).text("/id");
        api.clock.advance(java.time.Duration.ofHours(2));
        int before = api.itemCount();

        assertThat(api.publish(staff, id, 1).expect(400).errorFields()).containsExactly("expiresAt");
        assertThat(api.itemCount()).isEqualTo(before);
        assertThat(api.alerts()).isEmpty();
        assertThat(api.get(staff, id).text("/status")).isEqualTo("draft");
    }

    @Test
    void publish_aNoticeTwice_orWithoutAVersion_isRefused_andAnnouncedOnce() {
        String id = api.published(NoticesApi.draft("停水通知", "G03"));

        assertThat(api.publish(staff, id, 2).status()).isEqualTo(409);
        assertThat(api.call(NoticesApi.publishEvent(id, Map.of()).as(staff).build()).expect(400).errorFields()).containsExactly("version");
        assertThat(api.alerts()).hasSize(1);
    }

    @Test
    void draft_ofAnActivity_withANegativeCapacityOrWithoutItsFields_returns400NamingThem() {
        Map<String, Object> body = NoticesApi.activity("书法班", 10, "G03");
        @SuppressWarnings("unchecked") Map<String, Object> activity = (Map<String, Object>) body.get("activity");
        activity.put("capacity", -1);
        activity.put("startsAt", "2026-12-04T00:00:00.000Z");

        assertThat(refused(body)).containsExactlyInAnyOrder("activity.capacity", "activity.startsAt");
        assertThat(refused(with("kind", "activity"))).containsExactly("activity");
        Map<String, Object> notAnActivity = NoticesApi.activity("书法班", 10, "G03");
        notAnActivity.put("kind", "announcement");
        assertThat(refused(notAnActivity)).containsExactly("activity");
    }

    @Test
    void signUp_afterTheDeadline_toAWithdrawnNotice_orWithTooManyCompanions_returns400NamingIt_andWritesNothing() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        String withdrawn = api.published(NoticesApi.activity("停办的活动", 10, "G03"));
        api.withdraw(staff, withdrawn, 2).expect(200);
        Persona resident = NoticesApi.residentOf("G03");
        int before = api.itemCount();

        var tooMany = api.signUp(resident, id, 3).expect(400);
        assertThat(tooMany.errorFields()).containsExactly("companions");
        assertThat(tooMany.text("/errors/0/code")).isEqualTo("too_many_companions");
        assertThat(api.signUp(resident, withdrawn, 0).expect(400).errorFields()).containsExactly("id");
        assertThat(api.signUp(resident, api.published(NoticesApi.draft("停水通知", "G03")), 0).expect(400).errorFields()).containsExactly("id");
        before = api.itemCount();
        api.clock.set(java.time.Instant.parse("2026-12-05T00:00:01.000Z"));
        assertThat(api.signUp(resident, id, 0).expect(400).errorFields()).containsExactly("activity.signUpDeadline");
        assertThat(api.itemCount()).isEqualTo(before);
    }

    @Test
    void signUp_aSecondTime_returns409_andTakesNoSecondSeat() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 0).expect(201);

        assertThat(api.signUp(resident, id, 1).status()).isEqualTo(409);
        assertThat(api.store.seatsTaken("demo", id)).isEqualTo(1);
    }

    @Test
    void list_withABadLimitOrCursor_returns400NamingThem() {
        var reply = api.list(NoticesApi.residentOf("G03"), Map.of("limit", "0", "cursor", "not-a-cursor")).expect(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("limit", "cursor");

        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"at\":\"x\"}".getBytes());
        assertThat(api.list(NoticesApi.residentOf("G03"), Map.of("cursor", forged)).expect(400).errorFields()).containsExactly("cursor");
    }

    @Test
    void checkIn_withoutACodeOrWithOneNotShapedLikeOne_orWithoutJson_returns400NamingIt_andWritesNothing() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 0).expect(201);
        int before = api.itemCount();

        assertThat(api.call(NoticesApi.checkInEvent(id, Map.of()).as(resident).build()).expect(400).errorFields()).containsExactly("code");
        assertThat(api.checkIn(resident, id, "short").expect(400).errorFields()).containsExactly("code");
        assertThat(api.checkIn(resident, id, "Qk3vX9mZr2LpT8wYc5HnJ!").expect(400).errorFields()).containsExactly("code");
        assertThat(api.call(NoticesApi.checkInEvent(id, "{\"code\":").as(resident).build()).expect(400).errorFields()).containsExactly("body");
        assertThat(api.call(NoticesApi.checkInEvent(id, Map.of("code", api.checkInCode(id), "extra", 1)).as(resident).build())
                .expect(400).errorFields()).containsExactly("extra");
        assertThat(api.itemCount()).isEqualTo(before);
        assertThat(api.store.signUps("demo", id)).allSatisfy(s -> assertThat(s.checkedInAt()).isNull());
    }

    @Test
    void checkInQr_withASizeOutOfRangeOrNotANumber_orAnUnknownParameter_returns400NamingIt() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));

        assertThat(problemFields(api.checkInQr(staff, id, Map.of("size", "127")))).containsExactly("size");
        assertThat(problemFields(api.checkInQr(staff, id, Map.of("size", "1025")))).containsExactly("size");
        assertThat(problemFields(api.checkInQr(staff, id, Map.of("size", "big")))).containsExactly("size");
        assertThat(problemFields(api.checkInQr(staff, id, Map.of("unitId", "1")))).containsExactly("unitId");
    }

    @Test
    void signUpList_withABadLimit_orACursorOfAnotherActivity_returns400NamingThem() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        String other = api.published(NoticesApi.activity("太极拳", 10, "G03"));
        for (int i = 0; i < 2; i++) api.signUp(NoticesApi.residentOf("G03"), other, 0).expect(201);
        String otherCursor = api.listSignUps(staff, other, Map.of("limit", "1")).expect(200).text("/nextCursor");

        assertThat(api.listSignUps(staff, id, Map.of("limit", "51", "cursor", "not-a-cursor")).expect(400).errorFields())
                .containsExactlyInAnyOrder("limit", "cursor");
        assertThat(api.listSignUps(staff, id, Map.of("cursor", otherCursor)).expect(400).errorFields()).containsExactly("cursor");
    }

    private static List<String> problemFields(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        return community.linli.testkit.ProblemBodies.fields(community.linli.platform.Json.parse(response.getBody(),
                com.fasterxml.jackson.databind.JsonNode.class));
    }
}
