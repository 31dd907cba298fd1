package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The notices' routes and schedule on moto, as staff, grid workers and residents use them. */
@ExtendWith(MotoExtension.class)
class NoticesHandlerTest {
    NoticesApi api;
    Persona staff = Persona.staff();
    Persona residentOfG03 = NoticesApi.residentOf("G03");
    Persona residentOfG05 = NoticesApi.residentOf("G05");

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void draft_asStaff_returns201AsADraft_thatResidentsDoNotSee_andAnnouncesNothing() {
        var reply = api.draft(staff, NoticesApi.draft("停水通知", "G03")).expect(201);

        String id = reply.text("/id");
        assertThat(reply.headers()).containsEntry("Location", "/notices/" + id);
        assertThat(reply.text("/status")).isEqualTo("draft");
        assertThat(reply.body().get("version").asLong()).isEqualTo(1);
        assertThat(api.get(residentOfG03, id).status()).isEqualTo(404);
        assertThat(ids(api.list(residentOfG03, Map.of()).expect(200).body())).isEmpty();
        assertThat(api.alerts()).isEmpty();
    }

    @Test
    void publish_now_makesItLiveForItsGridsOnly_andPutsOneMessageWithItsAttributesOnTheTopic() {
        String id = api.draft(staff, NoticesApi.draft("停水通知", "G03", "G04")).expect(201).text("/id");

        var published = api.publish(staff, id, 1).expect(200);

        assertThat(published.text("/status")).isEqualTo("live");
        assertThat(published.body().get("version").asLong()).isEqualTo(2);
        assertThat(ids(api.list(residentOfG03, Map.of()).expect(200).body())).containsExactly(id);
        assertThat(ids(api.list(residentOfG05, Map.of()).expect(200).body())).isEmpty();
        assertThat(api.get(residentOfG05, id).status()).isEqualTo(404);
        List<JsonNode> alerts = api.alerts();
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.getFirst();
        assertThat(alert.get("Message").asText()).isEqualTo("【社区公告】停水通知");
        assertThat(alert.at("/MessageAttributes/community/Value").asText()).isEqualTo("demo");
        assertThat(alert.at("/MessageAttributes/grids/Type").asText()).isEqualTo("String.Array");
        assertThat(alert.at("/MessageAttributes/grids/Value").asText()).isEqualTo("[\"G03\",\"G04\"]");
        assertThat(alert.at("/MessageAttributes/kind/Value").asText()).isEqualTo("announcement");
        assertThat(alert.at("/MessageAttributes/noticeId/Value").asText()).isEqualTo(id);
        assertThat(api.runSchedule().at("/announced/demo").asInt()).as("announced once, not again by the schedule").isZero();
        assertThat(api.alerts()).isEmpty();
    }

    @Test
    void aCommunityNotice_reachesEveryGrid_andItsMessageSaysAllGrids() {
        String id = api.published(NoticesApi.draft("垃圾分类新规"));

        assertThat(ids(api.list(residentOfG05, Map.of()).body())).containsExactly(id);
        assertThat(api.list(Persona.gridWorker("G07"), Map.of()).expect(200).body().get("items")).hasSize(1);
        assertThat(api.alerts().getFirst().at("/MessageAttributes/grids/Value").asText()).isEqualTo("[\"all\"]");
    }

    @Test
    void publish_later_isScheduled_hiddenUntilItsTime_andTheScheduleAnnouncesItOnce() {
        Map<String, Object> body = NoticesApi.activity("书法班开课", 20, "G03");
        body.put("publishAt", "2026-11-30T02:00:00.000Z");
        String id = api.draft(staff, body).expect(201).text("/id");

        assertThat(api.publish(staff, id, 1).expect(200).text("/status")).isEqualTo("scheduled");
        assertThat(api.get(residentOfG03, id).status()).isEqualTo(404);
        assertThat(api.runSchedule().at("/announced/demo").asInt()).isZero();
        assertThat(api.alerts()).isEmpty();

        api.clock.advance(Duration.ofHours(1));

        assertThat(ids(api.list(residentOfG03, Map.of()).body())).containsExactly(id);
        assertThat(api.runSchedule().at("/announced/demo").asInt()).isEqualTo(1);
        assertThat(api.runSchedule().at("/announced/demo").asInt()).isZero();
        List<JsonNode> alerts = api.alerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().get("Message").asText()).isEqualTo("【社区活动】书法班开课");
    }

    @Test
    void withdraw_hidesItFromResidents_butStaffStillSeeItAsWithdrawn_andAScheduledOneIsNeverAnnounced() {
        String live = api.published(NoticesApi.draft("停水通知", "G03"));
        api.clock.advance(Duration.ofMinutes(1));
        Map<String, Object> later = NoticesApi.draft("停电通知", "G03");
        later.put("publishAt", "2026-11-30T02:00:00.000Z");
        String scheduled = api.draft(staff, later).expect(201).text("/id");
        api.publish(staff, scheduled, 1).expect(200);
        api.alerts();

        assertThat(api.withdraw(staff, live, 2).expect(200).text("/status")).isEqualTo("withdrawn");
        api.withdraw(staff, scheduled, 2).expect(200);
        api.clock.advance(Duration.ofHours(2));

        assertThat(ids(api.list(residentOfG03, Map.of()).body())).isEmpty();
        assertThat(api.get(residentOfG03, live).status()).isEqualTo(404);
        assertThat(api.get(staff, live).expect(200).text("/status")).isEqualTo("withdrawn");
        assertThat(ids(api.list(staff, Map.of()).expect(200).body())).containsExactly(scheduled, live);
        assertThat(api.runSchedule().at("/announced/demo").asInt()).isZero();
        assertThat(api.alerts()).isEmpty();
        assertThat(api.withdraw(staff, live, 3).status()).isEqualTo(409);
    }

    @Test
    void anExpiredNotice_leavesResidentsLists_butStaffSeeItAsExpired() {
        Map<String, Object> body = NoticesApi.draft("停水通知", "G03");
        body.put("expiresAt", "2026-11-30T03:00:00.000Z");
        String id = api.published(body);

        api.clock.advance(Duration.ofHours(3));

        assertThat(ids(api.list(residentOfG03, Map.of()).body())).isEmpty();
        assertThat(api.get(residentOfG03, id).status()).isEqualTo(404);
        assertThat(api.get(staff, id).expect(200).text("/status")).isEqualTo("expired");
    }

    @Test
    void patch_withAStaleVersion_returns409_andAPublishedNoticesChangeReachesResidents() {
        String id = api.published(NoticesApi.draft("停水通知", "G03"));

        var changed = api.patch(staff, id, Map.of("title", "停水通知（改期）", "audience", Map.of("kind", "grids", "gridIds", List.of("G05")),
                "version", 2)).expect(200);
        var stale = api.patch(staff, id, Map.of("title", "过期的修改", "version", 2));

        assertThat(changed.body().get("version").asLong()).isEqualTo(3);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(ids(api.list(residentOfG03, Map.of()).body())).isEmpty();
        var seen = api.list(residentOfG05, Map.of()).body().get("items");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("title").asText()).isEqualTo("停水通知（改期）");
        assertThat(api.alerts()).as("a change is not announced again").hasSize(1);
    }

    @Test
    void list_isNewestFirst_andPagesByCursorWithoutRepeatsOrGaps_acrossTheCommunityAndGridLists() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            published.add(0, api.published(i % 2 == 0 ? NoticesApi.draft("通知" + i, "G03") : NoticesApi.draft("通知" + i)));
            api.clock.advance(Duration.ofMinutes(1));
        }
        api.published(NoticesApi.draft("别的网格", "G05"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "3"));
            if (cursor != null) query.put("cursor", cursor);
            var page = api.list(residentOfG03, query).expect(200).body();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
            seen.addAll(ids(page));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(published);
    }

    @Test
    void get_asAResident_recordsOneReadReceipt_andLaterViewsWriteNothing() {
        String id = api.published(NoticesApi.draft("停水通知", "G03"));
        int before = api.itemCount();

        var first = api.dynamoTrips.during(() -> api.get(residentOfG03, id).expect(200));
        int afterFirst = api.itemCount();
        var second = api.dynamoTrips.during(() -> api.get(residentOfG03, id).expect(200));

        assertThat(afterFirst).isEqualTo(before + 1);
        assertThat(api.itemCount()).isEqualTo(afterFirst);
        assertThat(first).containsEntry("BatchGetItem", 1).containsEntry("PutItem", 1);
        assertThat(second).containsEntry("BatchGetItem", 1).doesNotContainKey("PutItem");
        assertThat(api.get(residentOfG03, id).text("/body")).isEqualTo("因管道检修，周二9:00至17:00停水，请提前储水。");
    }
}
