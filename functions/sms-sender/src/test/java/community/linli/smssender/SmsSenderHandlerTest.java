package community.linli.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Priming;
import community.linli.testkit.CapturedOutput;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.SqsEvents;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SmsSenderFunction with the {@code sns} provider on moto: SMS published on the AlertsTopic as the
 * alerts and the residents' updates publish them, through the template's subscription (filter
 * {@code channel: sms}, raw delivery) into the SmsQueue, delivered to the handler as Lambda's SQS
 * poller does, and read back from moto's record of the SMS its SNS sent to phone numbers.
 */
@ExtendWith(MotoExtension.class)
@Provision({"SmsSenderFunction", "AlertsFunction", "StaffFunction"})
class SmsSenderHandlerTest {
    static final Pattern MOBILE = community.linli.testkit.PersonalData.MOBILE;

    @Test
    void aGridWorkersAlert_goesToTheirOwnPhone_throughSns_once(LocalAws aws) {
        var world = new SmsWorld(aws);
        String alertId = world.alertGridWorker("261130-0001");
        var handler = world.handler();

        String logs = CapturedOutput.during(() -> assertThat(world.deliverAll(handler, 3)).isZero());

        String outcome = world.outcome(alertId);
        assertThat(outcome).startsWith("sns:");
        assertThat(world.snsSms(Set.of(outcome.substring(4)))).containsExactly(Map.entry("+86" + DemoCommunity.gridWorkerPhone(3),
                "新诉求261130-0001：电梯故障，9号楼。https://linli.community/m/r/261130-0001"));
        assertThat(logs).contains("\"event\":\"sms.sent\"", alertId).doesNotContainPattern(MOBILE);
    }

    @Test
    void aMessageDeliveredTwice_sendsOneSms(LocalAws aws) {
        var world = new SmsWorld(aws);
        String alertId = world.alertStaff("261130-0002", "staff", DemoCommunity.STAFF_ID, "sms");
        var messages = aws.sqs().receiveMessage(r -> r.queueUrl(world.queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
        String event = SqsEvents.event(messages, world.queueArn);

        JsonNode first = Priming.invoke(world.handler(), event);
        JsonNode again = Priming.invoke(world.handler(), event);

        assertThat(first.path("batchItemFailures")).isEmpty();
        assertThat(again.path("batchItemFailures")).isEmpty();
        String outcome = world.outcome(alertId);
        assertThat(world.snsSms(Set.of(outcome.substring(4)))).singleElement()
                .satisfies(sms -> assertThat(sms.getKey()).isEqualTo("+86" + DemoCommunity.STAFF_PHONE));
        assertThat(CapturedOutput.during(() -> Priming.invoke(world.handler(), event))).contains("DONE_BEFORE=1").doesNotContain("sms.sent\"");
    }

    @Test
    void aResidentsUpdate_goesToTheRequestsContactPhone_onlyWhenTheyAskedForSms(LocalAws aws) {
        var world = new SmsWorld(aws);
        var asked = world.file(true);
        var silent = world.file(false);
        String sent = world.updateResident(asked);
        String notAsked = world.updateResident(silent);

        String logs = CapturedOutput.during(() -> assertThat(world.deliverAll(world.handler(), 3)).isZero());

        String outcome = world.outcome(sent);
        assertThat(world.snsSms(Set.of(outcome.substring(4)))).containsExactly(Map.entry("+86" + SmsWorld.CONTACT_PHONE,
                "您的诉求" + asked.id() + "已派单，工作人员将尽快与您联系。"));
        assertThat(world.outcome(notAsked)).isEqualTo("not_sent:not_opted_in");
        assertThat(logs).contains("\"reason\":\"not_opted_in\"").doesNotContainPattern(MOBILE).doesNotContain("lf1.");
    }

    @Test
    void emailAlerts_neverReachTheSmsQueue(LocalAws aws) {
        var world = new SmsWorld(aws);
        world.alertStaff("261130-0003", "staff", DemoCommunity.STAFF_ID, "email");

        var messages = aws.sqs().receiveMessage(r -> r.queueUrl(world.queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();

        assertThat(messages).isEmpty();
    }

    @Test
    void anUnknownOrInactiveMember_orAnUnknownRole_isRecordedAsNotSent_andNotRetried(LocalAws aws) {
        var world = new SmsWorld(aws);
        var admin = world.staff.get(DemoCommunity.ID, DemoCommunity.ADMIN_ID).orElseThrow();
        world.staff.update(admin, admin.version(), new community.linli.tables.staff.StaffChange(null, null, null, null,
                community.linli.tables.staff.StaffStatus.INACTIVE));
        String unknown = world.alertStaff("261130-0004", "staff", "nobody", "sms");
        String inactive = world.alertStaff("261130-0004", "admin", DemoCommunity.ADMIN_ID, "sms");
        String strange = world.alertStaff("261130-0004", "visitor", DemoCommunity.STAFF_ID, "sms");

        String logs = CapturedOutput.during(() -> assertThat(world.deliverAll(world.handler(), 3)).isZero());

        assertThat(world.outcome(unknown)).isEqualTo("not_sent:unknown_staff");
        assertThat(world.outcome(inactive)).isEqualTo("not_sent:inactive_staff");
        assertThat(world.outcome(strange)).isEqualTo("not_sent:unknown_role");
        assertThat(logs).doesNotContainPattern(MOBILE);
    }

    @Test
    void aRecordWithoutItsAttributes_isDropped_notRetried(LocalAws aws) {
        var world = new SmsWorld(aws);

        JsonNode response = Priming.invoke(world.handler(),
                "{\"Records\":[{\"messageId\":\"m-1\",\"body\":\"hello\",\"messageAttributes\":{},\"eventSource\":\"aws:sqs\"}]}");

        assertThat(response.path("batchItemFailures")).isEmpty();
    }
}
