package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Priming;
import community.linli.tables.notices.Activity;
import community.linli.tables.notices.Audience;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.notices.NoticeStore;
import community.linli.tables.staff.AlertPreferences;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.StreamEvents;
import community.linli.testkit.TableStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Issue 9's "publishing an emergency notice alerts the grid workers of its grids at once": notices
 * written through NoticeStore as NoticesFunction writes them (the draft, its publication, the
 * announcement removed once its message is on the topic), the NoticesTable's stream read through the
 * Streams API, the batch handed to AlertsFunction's stream entry point, and the alerts read back
 * from SQS queues subscribed with each grid worker's filter policy ({@link World#drain}: every
 * message passes {@link PrivacyScan}).
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class EmergencyNoticeAlertsTest {
    static final String FORM = "[{\"id\":\"returned\",\"label\":\"家中是否有外地返回人员\",\"type\":\"single_choice\",\"required\":true,"
            + "\"options\":[\"是\",\"否\"]},{\"id\":\"medicine\",\"label\":\"需要代购的药品\",\"type\":\"multi_choice\",\"options\":[\"降压药\",\"感冒药\"]}]";

    static String gridWorkers(String grid) {
        return "{\"grids\": [\"" + grid + "\"], \"role\": [\"grid_worker\"]}";
    }

    /** The demo world, and the NoticesTable written as NoticesFunction writes it, its stream read from the start. */
    static final class Notices {
        final World world;
        final NoticeStore store;
        final TableStream stream;

        Notices(LocalAws aws) {
            this(World.demo(aws));
        }

        Notices(World world) {
            LocalAws aws = world.aws;
            this.world = world;
            this.store = new NoticeStore(aws.dynamoDb(), aws.name("NoticesTable"));
            this.stream = new TableStream(aws, "NoticesTable");
        }

        Notice draft(NoticeKind kind, String title, Audience audience, Instant publishAt) {
            Instant now = world.clock.instant();
            Notice draft = new Notice(DemoCommunity.ID, NoticeStore.newNoticeId(), title, "请关闭燃气阀门、开窗通风，不要使用明火。", kind, List.of(),
                    audience, publishAt, now.plus(Duration.ofDays(3)), NoticeStatus.DRAFT, 1, now, now, DemoCommunity.STAFF_ID,
                    kind == NoticeKind.ACTIVITY ? new Activity(30, 1, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), "活动室") : null,
                    kind == NoticeKind.EMERGENCY ? FORM : null);
            store.create(draft);
            return draft;
        }

        /** Notices.publish: live at once (or at {@code publishAt}), and, when live now, its one message sent and its announcement removed. */
        Notice publish(Notice draft) {
            Instant now = world.clock.instant();
            Instant at = draft.publishAt() != null && draft.publishAt().isAfter(now) ? draft.publishAt() : now;
            Notice published = store.save(draft, draft.with(NoticeStatus.PUBLISHED, at, now));
            if (!at.isAfter(now)) assertThat(store.announced(DemoCommunity.ID, published.noticeId())).isTrue();
            return published;
        }

        Notice emergency(String title, Audience audience) {
            return publish(draft(NoticeKind.EMERGENCY, title, audience, null));
        }

        /** The stream's records since the last call, as one batch to {@code handler}; its response. */
        JsonNode deliver(AlertsHandler handler, List<Record> records) {
            return Priming.invoke(handler, StreamEvents.event(records, stream.arn()));
        }

        void deliverNew() {
            JsonNode response = deliver(world.handler(), stream.newRecords());
            assertThat(response.path("batchItemFailures")).as(response.toString()).isEmpty();
        }
    }

    @Test
    void anEmergencyNoticeToG03AndG04_pagesExactlyTheirGridWorkers_bySms_andNoOtherGrids(LocalAws aws) {
        Notices notices = new Notices(aws);
        String g03 = notices.world.subscribe(gridWorkers("G03"));
        String g04 = notices.world.subscribe(gridWorkers("G04"));
        String g01 = notices.world.subscribe(gridWorkers("G01"));
        String staff = notices.world.subscribe(AlertsHandlerTest.STAFF);

        Notice notice = notices.emergency("燃气泄漏紧急通知", Audience.grids(List.of("G03", "G04")));
        notices.deliverNew();

        String link = "https://linli.community/m/n/" + notice.noticeId();
        assertThat(notices.world.drain(g03)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("community", "demo").containsEntry("grids", "[\"G03\"]")
                    .containsEntry("role", "grid_worker").containsEntry("recipient", DemoCommunity.GRID_WORKER_ID)
                    .containsEntry("channel", "sms").containsEntry("urgency", "urgent").containsEntry("kind", "emergency_notice")
                    .containsKey("alertId")
                    .containsEntry("smsVariables", "{\"title\":\"燃气泄漏紧急通知\",\"id\":\"" + notice.noticeId() + "\"}");
            assertThat(n.message()).isEqualTo("【紧急通知】燃气泄漏紧急通知。" + link).hasSizeLessThanOrEqualTo(AlertTexts.SMS_LENGTH);
            assertThat(n.subject()).isEqualTo("邻里 紧急通知 燃气泄漏紧急通知");
        });
        assertThat(notices.world.drain(g04)).singleElement().satisfies(n ->
                assertThat(n.attributes()).containsEntry("recipient", DemoCommunity.gridWorkerId(4)).containsEntry("grids", "[\"G04\"]"));
        assertThat(notices.world.drain(g01)).isEmpty();
        assertThat(notices.world.drain(staff)).isEmpty();
    }

    @Test
    void aRetriedBatch_sendsNothingTwice(LocalAws aws) {
        Notices notices = new Notices(aws);
        String all = notices.world.subscribe(null);
        notices.emergency("燃气泄漏紧急通知", Audience.grids(List.of("G03", "G04")));
        List<Record> records = notices.stream.newRecords();

        notices.deliver(notices.world.handler(), records);
        JsonNode again = notices.deliver(notices.world.handler(), records);

        assertThat(again.path("batchItemFailures")).isEmpty();
        assertThat(notices.world.drain(all)).extracting(n -> n.attribute("recipient"))
                .containsExactlyInAnyOrder(DemoCommunity.GRID_WORKER_ID, DemoCommunity.gridWorkerId(4));
    }

    @Test
    void anAnnouncementAnActivityAndADraft_alertNobody(LocalAws aws) {
        Notices notices = new Notices(aws);
        String all = notices.world.subscribe(null);

        notices.publish(notices.draft(NoticeKind.ANNOUNCEMENT, "停水通知", Audience.grids(List.of("G03")), null));
        notices.publish(notices.draft(NoticeKind.ACTIVITY, "书法班", Audience.grids(List.of("G03")), null));
        Notice draft = notices.draft(NoticeKind.EMERGENCY, "燃气泄漏紧急通知", Audience.grids(List.of("G03")), null);
        notices.store.save(draft, new Notice(draft.communityId(), draft.noticeId(), "燃气泄漏紧急通知（修改）", draft.body(), draft.kind(),
                draft.attachments(), draft.audience(), null, draft.expiresAt(), NoticeStatus.DRAFT, 2, draft.createdAt(),
                notices.world.clock.instant(), draft.createdBy(), null, draft.form()));
        notices.deliverNew();

        assertThat(notices.world.drain(all)).isEmpty();
    }

    @Test
    void aScheduledEmergencyNotice_pagesNobodyAtPublication_andItsGridWorkersWhenTheScheduleAnnouncesItAtItsTime(LocalAws aws) {
        Notices notices = new Notices(aws);
        String g03 = notices.world.subscribe(gridWorkers("G03"));
        Instant at = notices.world.clock.instant().plus(Duration.ofHours(2));
        Notice scheduled = notices.publish(notices.draft(NoticeKind.EMERGENCY, "明日停气检修", Audience.grids(List.of("G03")), at));
        notices.deliverNew();
        assertThat(notices.world.drain(g03)).isEmpty();
        notices.world.clock.set(at.plusSeconds(30));

        assertThat(notices.store.dueAnnouncements(DemoCommunity.ID, notices.world.clock.instant(), 50)).containsExactly(scheduled.noticeId());
        notices.store.announced(DemoCommunity.ID, scheduled.noticeId());
        notices.deliverNew();

        assertThat(notices.world.drain(g03)).singleElement().satisfies(n -> assertThat(n.message()).startsWith("【紧急通知】明日停气检修。"));
    }

    @Test
    void aScheduledEmergencyNoticeWithdrawnBeforeItsTime_pagesNobody(LocalAws aws) {
        Notices notices = new Notices(aws);
        String all = notices.world.subscribe(null);
        Notice scheduled = notices.publish(notices.draft(NoticeKind.EMERGENCY, "明日停气检修", Audience.grids(List.of("G03")),
                notices.world.clock.instant().plus(Duration.ofHours(2))));

        notices.store.save(scheduled, scheduled.with(NoticeStatus.WITHDRAWN, scheduled.publishAt(), notices.world.clock.instant()));
        List<Record> records = notices.stream.newRecords();
        notices.deliver(notices.world.handler(), records);

        assertThat(records).as("the withdrawal removed the announcement").anySatisfy(r -> {
            assertThat(r.eventNameAsString()).isEqualTo("REMOVE");
            assertThat(r.dynamodb().keys().get("sk").s()).isEqualTo(EmergencyNotices.ANNOUNCE);
            assertThat(r.dynamodb().oldImage().get("kind").s()).isEqualTo("emergency");
        });
        assertThat(notices.world.drain(all)).isEmpty();
    }

    @Test
    void anEmergencyNoticeToTheCommunity_orToATag_pagesTheGridWorkersOfEveryGrid(LocalAws aws) {
        Notices notices = new Notices(aws);
        String workers = notices.world.subscribe("{\"role\": [\"grid_worker\"], \"kind\": [\"emergency_notice\"]}");
        String staff = notices.world.subscribe(AlertsHandlerTest.STAFF);

        notices.emergency("全社区燃气管道紧急检修", Audience.community());
        notices.emergency("寒潮预警：请关注独居老人", Audience.tag("elderly_alone"));
        notices.deliverNew();

        var alerts = notices.world.drain(workers);
        assertThat(alerts).hasSize(2 * DemoCommunity.GRIDS);
        for (int g = 1; g <= DemoCommunity.GRIDS; g++) {
            String grid = DemoCommunity.gridId(g);
            assertThat(alerts).filteredOn(n -> n.attribute("grids").equals("[\"" + grid + "\"]")).hasSize(2)
                    .allSatisfy(n -> assertThat(n.attribute("channel")).isEqualTo("sms"));
        }
        assertThat(notices.world.drain(staff)).isEmpty();
    }

    @Test
    void aGridWorkerOfTwoGrids_getsOneAlertNamingTheAddressedOnes_byTheChannelTheyChose(LocalAws aws) {
        Notices notices = new Notices(aws);
        notices.world.staff.register(DemoCommunity.ID, "gw-g03-g04", new NewStaff("李强", "13955550001", StaffRole.GRID_WORKER,
                List.of("G03", "G04", "G05")));
        var member = notices.world.staff.get(DemoCommunity.ID, "gw-g03-g04").orElseThrow();
        notices.world.staff.setAlertPreferences(member, new AlertPreferences(Map.of("emergency_notice",
                new AlertPreferences.Choice(AlertPreferences.EMAIL, AlertPreferences.EMAIL)), List.of("G05")));
        String theirs = notices.world.subscribe("{\"recipient\": [\"gw-g03-g04\"]}");

        Notice notice = notices.emergency("燃气泄漏紧急通知", Audience.grids(List.of("G03", "G04")));
        notices.deliverNew();

        assertThat(notices.world.drain(theirs)).as("a grid they do not want for new requests still pages them for an emergency")
                .singleElement().satisfies(n -> {
                    assertThat(n.attributes()).containsEntry("grids", "[\"G03\",\"G04\"]").containsEntry("channel", "email")
                            .containsEntry("urgency", "urgent").doesNotContainKey("smsVariables");
                    assertThat(n.message()).startsWith("【紧急通知】燃气泄漏紧急通知。https://linli.community/m/n/" + notice.noticeId() + "\n");
                });
    }

    @Test
    void aListedGridWithoutAGridWorker_pagesTheStaffForThatGrid_andTheOtherGridsWorkersAsUsual(LocalAws aws) {
        Notices notices = new Notices(aws);
        String g03 = notices.world.subscribe(gridWorkers("G03"));
        String staff = notices.world.subscribe(AlertsHandlerTest.STAFF);
        String workers = notices.world.subscribe("{\"role\": [\"grid_worker\"]}");

        notices.emergency("燃气泄漏紧急通知", Audience.grids(List.of("G03", "G16")));
        notices.deliverNew();

        assertThat(notices.world.drain(g03)).extracting(n -> n.attribute("recipient")).containsExactly(DemoCommunity.GRID_WORKER_ID);
        assertThat(notices.world.drain(staff)).singleElement().satisfies(n -> assertThat(n.attributes())
                .containsEntry("recipient", DemoCommunity.STAFF_ID).containsEntry("grids", "[\"G16\"]").containsEntry("channel", "sms")
                .containsEntry("kind", "emergency_notice"));
        assertThat(notices.world.drain(workers)).extracting(n -> n.attribute("recipient")).containsExactly(DemoCommunity.GRID_WORKER_ID);
    }

    @Test
    void inQuietHours_anEmergencyNoticeIsSentAtOnce_neverHeld(LocalAws aws) {
        Notices notices = new Notices(aws);
        notices.world.clock.set(Instant.parse("2026-11-30T23:30:00+08:00"));
        String g03 = notices.world.subscribe(gridWorkers("G03"));

        notices.emergency("燃气泄漏紧急通知", Audience.grids(List.of("G03")));
        notices.deliverNew();

        assertThat(notices.world.drain(g03)).singleElement().satisfies(n -> assertThat(n.attribute("channel")).isEqualTo("sms"));
    }
}
