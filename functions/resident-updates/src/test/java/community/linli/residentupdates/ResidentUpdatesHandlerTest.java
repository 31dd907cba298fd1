package community.linli.residentupdates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The requests stream as Lambda delivers it, a resident's consent, and the fake WeChat API: each update once, when allowed. */
@ExtendWith(MotoExtension.class)
class ResidentUpdatesHandlerTest {
    Residents world;

    @BeforeEach
    void setUp(LocalAws aws) {
        world = new Residents(aws);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void assignedResolvedAndRejected_eachSendOneSubscribeMessage_withTheTemplatesKeywords() {
        String account = world.resident("oZhang", 3);
        var first = world.file(account);
        var second = world.file(account);
        world.resolve(world.assign(first, "demo-grid-worker"));
        world.reject(second);

        var response = world.deliver(world.handler(), world.newRecords());

        assertThat(response.path("batchItemFailures")).isEmpty();
        List<JsonNode> sent = world.wechat.subscribeMessages();
        assertThat(sent).extracting(m -> m.path("data").path("phrase2").path("value").asText())
                .containsExactly("已派单", "已办结", "不予受理");
        JsonNode assigned = sent.getFirst();
        assertThat(assigned.path("touser").asText()).isEqualTo("oZhang");
        assertThat(assigned.path("template_id").asText()).isEqualTo(world.templateId);
        assertThat(assigned.path("page").asText()).isEqualTo("pages/requests/detail?id=" + first.id());
        assertThat(assigned.path("data").path("character_string1").path("value").asText()).isEqualTo(first.id());
        assertThat(assigned.path("data").path("time3").path("value").asText()).isEqualTo("2026年11月30日 10:00");
        assertThat(assigned.path("data").path("thing4").path("value").asText()).isEqualTo("已安排工作人员办理，请留意来电");
        assertThat(sent.toString()).doesNotContain("13800000003", "630102197205140312", "张明", "楼道灯", "王芳");
        assertThat(world.remaining(account)).isZero();
    }

    @Test
    void withoutConsent_nothingIsSentAndNothingWritten() {
        String account = world.resident("oSilent", 0);
        var request = world.assign(world.file(account), "demo-grid-worker");

        var response = world.deliver(world.handler(), world.newRecords());

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(world.wechat.calls(FakeWeChat.SUBSCRIBE_SEND)).isZero();
        assertThat(world.requests.alertSent("demo", new Update(Update.Kind.ASSIGNED, request).id("wechat"))).isFalse();
    }

    @Test
    void aOneTimeSubscription_isUsedUpByOneSend() {
        String account = world.resident("oOnce", 1);
        world.resolve(world.assign(world.file(account), "demo-grid-worker"));

        world.deliver(world.handler(), world.newRecords());

        assertThat(world.wechat.subscribeMessages()).extracting(m -> m.path("data").path("phrase2").path("value").asText())
                .containsExactly("已派单");
        assertThat(world.remaining(account)).isZero();
    }

    @Test
    void aTransfer_newRequestsAndTimelineEntries_sendNothing() {
        String account = world.resident("oTransfer", 3);
        var assigned = world.assign(world.file(account), "demo-grid-worker");
        world.assign(assigned, "demo-grid-worker-g01");

        world.deliver(world.handler(), world.newRecords());

        assertThat(world.wechat.subscribeMessages()).hasSize(1);
        assertThat(world.remaining(account)).isEqualTo(2);
    }

    @Test
    void theSameBatchDeliveredAgain_sendsNoDuplicate() {
        String account = world.resident("oTwice", 3);
        world.assign(world.file(account), "demo-grid-worker");
        var records = world.newRecords();

        world.deliver(world.handler(), records);
        world.deliver(world.handler(), records);

        assertThat(world.wechat.calls(FakeWeChat.SUBSCRIBE_SEND)).isEqualTo(1);
        assertThat(world.remaining(account)).isEqualTo(2);
    }

    @Test
    void anExpiredAccessToken_isFetchedAgainOnce_andTheMessageSent() {
        String account = world.resident("oExpired", 3);
        var handler = world.handler();
        var request = world.assign(world.file(account), "demo-grid-worker");
        world.deliver(handler, world.newRecords());
        world.wechat.expireAccessTokens();
        world.resolve(request);

        var response = world.deliver(handler, world.newRecords());

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(world.wechat.subscribeMessages()).hasSize(2);
        assertThat(world.wechat.calls(FakeWeChat.STABLE_TOKEN)).isEqualTo(2);
    }

    @Test
    void aUserWhoRefuses_43101_isRecordedAsNotSent_consentCleared_andNotRetried() {
        String account = world.resident("oRefuses", 3);
        world.wechat.refuse("oRefuses");
        world.assign(world.file(account), "demo-grid-worker");
        var records = world.newRecords();

        var response = world.deliver(world.handler(), records);
        world.deliver(world.handler(), records);

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(world.wechat.calls(FakeWeChat.SUBSCRIBE_SEND)).isEqualTo(1);
        assertThat(world.wechat.subscribeMessages()).isEmpty();
        assertThat(world.remaining(account)).isZero();
    }

    @Test
    void whenWeChatIsBusy_theRecordAndTheOnesAfterItFail_andTheRetrySendsEachOnce() {
        String account = world.resident("oBusy", 3);
        world.resolve(world.assign(world.file(account), "demo-grid-worker"));
        var records = world.newRecords();
        world.wechat.failNext(FakeWeChat.SUBSCRIBE_SEND, -1);

        var failed = world.deliver(world.handler(), records);
        int firstFailed = records.size() - failed.path("batchItemFailures").size();
        var retried = world.deliver(world.handler(), records.subList(firstFailed, records.size()));

        assertThat(failed.path("batchItemFailures")).isNotEmpty();
        assertThat(failed.path("batchItemFailures").get(0).path("itemIdentifier").asText())
                .isEqualTo(records.get(firstFailed).dynamodb().sequenceNumber());
        assertThat(retried.path("batchItemFailures")).isEmpty();
        assertThat(world.wechat.subscribeMessages()).extracting(m -> m.path("data").path("phrase2").path("value").asText())
                .containsExactly("已派单", "已办结");
        assertThat(world.remaining(account)).isEqualTo(1);
    }

    @Test
    void aConfigurationErrorOfWeChat_isRecordedAsNotSent_andDoesNotBlockTheShard() {
        String account = world.resident("oBadTemplate", 3);
        world.assign(world.file(account), "demo-grid-worker");
        world.wechat.failNext(FakeWeChat.SUBSCRIBE_SEND, 47003);
        var records = world.newRecords();

        var response = world.deliver(world.handler(), records);
        world.deliver(world.handler(), records);

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(world.wechat.calls(FakeWeChat.SUBSCRIBE_SEND)).isEqualTo(1);
        assertThat(world.remaining(account)).isEqualTo(3);
    }

    @Test
    void smsUpdates_whenAskedForAtFiling_goToTheContactPhoneOnTheAlertsTopic_onceAndWithoutThePhoneInTheText() {
        String account = world.resident("oSms", 0);
        String residents = world.subscribe("{\"role\": [\"resident\"], \"channel\": [\"sms\"]}");
        String gridWorkers = world.subscribe("{\"grids\": [\"G03\"], \"role\": [\"grid_worker\"]}");
        var asked = world.file(account, true);
        world.file(account, false);
        world.resolve(world.assign(asked, "demo-grid-worker"));
        var records = world.newRecords();

        var response = world.deliver(world.handler(), records);
        world.deliver(world.handler(), records);

        assertThat(response.path("batchItemFailures")).isEmpty();
        List<JsonNode> sms = world.drain(residents);
        assertThat(sms).extracting(n -> n.path("Message").asText()).containsExactly(
                "您的诉求" + asked.id() + "已派单，工作人员将尽快与您联系。", "您的诉求" + asked.id() + "已办结，请在小程序中确认并评价。");
        JsonNode attributes = sms.getFirst().path("MessageAttributes");
        assertThat(attributes.path("recipient").path("Value").asText()).as("the tracking number; the phone stays sealed").isEqualTo(asked.id());
        assertThat(attributes.path("role").path("Value").asText()).isEqualTo("resident");
        assertThat(sms).allSatisfy(n -> assertThat(n.path("MessageAttributes").toString()).doesNotContain("13800000003"));
        assertThat(attributes.path("channel").path("Value").asText()).isEqualTo("sms");
        assertThat(attributes.path("kind").path("Value").asText()).isEqualTo("resident_assigned");
        assertThat(attributes.path("smsVariables").path("Value").asText()).as("the registered template's variables: the number only")
                .isEqualTo("{\"id\":\"" + asked.id() + "\"}");
        assertThat(sms).allSatisfy(n -> assertThat(n.path("Message").asText()).doesNotContain("13800000003", "楼道灯", "张明")
                .hasSizeLessThanOrEqualTo(70));
        assertThat(world.drain(gridWorkers)).isEmpty();
        assertThat(world.wechat.calls(FakeWeChat.SUBSCRIBE_SEND)).isZero();
    }

    @Test
    void everyUpdatesSmsText_fitsOneSegment() {
        var request = world.file(world.resident("oLong", 0), true);
        for (Update.Kind kind : Update.Kind.values()) {
            String text = SmsUpdates.text(new Update(kind, request));

            assertThat(text.codePointCount(0, text.length())).as(text).isLessThanOrEqualTo(70);
            assertThat(kind.hint.codePointCount(0, kind.hint.length())).as(kind.hint).isLessThanOrEqualTo(20);
            assertThat(kind.status.codePointCount(0, kind.status.length())).as(kind.status).isLessThanOrEqualTo(5);
        }
    }
}
