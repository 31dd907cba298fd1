package community.linli.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SmsSenderFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): a batch through the handler, the
 * reads of a delivery for the priming community and both providers' signatures; nothing is
 * written, nothing sent, and neither a KMS key nor the provider's secret is asked for, though an
 * SMS for the demo grid worker waits in the queue.
 */
@ExtendWith(MotoExtension.class)
@Provision({"SmsSenderFunction", "AlertsFunction", "StaffFunction"})
class SmsSenderSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsABatchAndTheReads_andWritesAndSendsNothing(LocalAws aws) {
        var world = new SmsWorld(aws);
        world.alertGridWorker("261130-0001");
        var before = aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items();

        String output = PackagedFunction.of(aws, "SmsSenderFunction").log(getClass().getSimpleName())
                .primeForSnapshot("sms-sender-queued.json").output();

        assertThat(output).contains("\"event\":\"sms.malformed\",\"messageId\":\"priming\"")
                .contains("\"event\":\"snapstart.primed_sms_paths\",\"failures\":\"0\",\"signatures\":\"2\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items())
                .containsExactlyInAnyOrderElementsOf(before);
        assertThat(aws.sqs().getQueueAttributes(r -> r.queueUrl(world.queueUrl)
                .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().values()).containsExactly("1");
        assertThat(output).doesNotContain("Decrypt").doesNotContain("GetSecretValue").doesNotContain("sms.sent");
    }
}
