package community.linli.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.PersonalData;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.PackagedFunction;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SmsSenderFunction as Lambda runs it: the packaged sms-sender-function.zip, the handler string
 * from template.yaml, the real runtime interface client in its own JVM, the environment
 * template.yaml gives the function (the sns provider by default), and the SQS event of
 * events/sms-sender-queued.json: the grid worker of G03's SMS reaches their phone on moto's SNS.
 */
@ExtendWith(MotoExtension.class)
@Provision({"SmsSenderFunction", "AlertsFunction", "StaffFunction"})
class SmsSenderFunctionRuntimeIT {

    @Test
    void theQueuedFixture_throughTheRuntimeInterfaceClient_sendsTheGridWorkersSms_andLogsNoPhone(LocalAws aws) throws Exception {
        var world = new SmsWorld(aws);

        var run = PackagedFunction.of(aws, "SmsSenderFunction").log(getClass().getSimpleName()).invoke("sms-sender-queued.json");

        assertThat(run.result().outcome()).as(run.output()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        assertThat(run.json().path("batchItemFailures")).isEmpty();
        String outcome = world.outcome("q1Xo0bqYkS3n6VJ2mN8rTA");
        assertThat(outcome).startsWith("sns:");
        assertThat(world.snsSms(Set.of(outcome.substring(4)))).singleElement()
                .satisfies(sms -> assertThat(sms.getKey()).isEqualTo("+8613700000003"));
        assertThat(run.output()).contains("\"event\":\"sms.sent\"").doesNotContainPattern(PersonalData.MOBILE);
    }
}
