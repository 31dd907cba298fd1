package community.linli.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.CapturedOutput;
import community.linli.testkit.FakeSmsProvider;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import community.linli.platform.Aws;
import community.linli.testkit.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provider fails for a run of messages (HTTP 503, then its rate limit), then recovers: each
 * failed message is named in {@code batchItemFailures}, comes back from the SmsQueue, and in the
 * end every SMS reached the provider exactly once, and each has its sent record.
 */
@ExtendWith(MotoExtension.class)
@Provision({"SmsSenderFunction", "AlertsFunction", "StaffFunction"})
class SmsSenderFaultTest {
    private FaultProxy proxy;

    @AfterEach
    void tearDown() {
        if (proxy != null) proxy.close();
    }

    /** The {@code sns} provider: SNS throttles a run of Publish calls (past the SDK's retries), then recovers. */
    @Test
    void snsThrottlingForARunThenRecovering_sendsEverySmsExactlyOnce(LocalAws aws) {
        var world = new SmsWorld(aws);
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 6; i++) alerts.add(world.alertGridWorker(String.format("261130-%04d", 300 + i)));
        proxy = FaultProxy.start(aws.endpoint());
        aws.overrideEnvironment("SmsSenderFunction", proxy.environment());
        // Generous attempt timeouts: only the injected faults fail a call (AlertsFaultTest says why).
        aws.overrideEnvironment("SmsSenderFunction", Map.of(Aws.Calls.ATTEMPT_TIMEOUT_VARIABLE, "20000",
                Aws.Calls.CALL_TIMEOUT_VARIABLE, "60000"));
        proxy.injectRun("sns", "Publish", 2, 8, FaultProxy.Fault.snsThrottling());

        int failures = world.deliverAll(world.handler(), 20);

        assertThat(proxy.faulted("sns", "Publish")).isEqualTo(8);
        assertThat(failures).isPositive();
        for (int i = 0; i < 6; i++) {
            String number = String.format("261130-%04d", 300 + i);
            assertThat(world.snsSmsContaining("新诉求" + number)).as(number).singleElement()
                    .satisfies(sms -> assertThat(sms.getKey()).isEqualTo("+8613700000003"));
        }
        assertThat(alerts).allSatisfy(alert -> assertThat(world.outcome(alert)).startsWith("sns:"));
    }

    @ParameterizedTest
    @EnumSource(FakeSmsProvider.Kind.class)
    void providerFailsForARunThenRecovers_everySmsIsDeliveredExactlyOnce(FakeSmsProvider.Kind kind, LocalAws aws) {
        var world = new SmsWorld(aws);
        try (var fake = ChineseProvidersTest.fake(kind)) {
            var handler = ChineseProvidersTest.handler(world, fake, kind, fake.secretJson());
            List<String> alerts = new ArrayList<>();
            for (int i = 0; i < 6; i++) alerts.add(world.alertGridWorker(String.format("261130-%04d", 100 + i)));
            for (int i = 0; i < 6; i++) alerts.add(world.updateResident(world.file(true)));
            fake.failNext(5, FakeSmsProvider.Fault.HTTP_503);

            int[] failures = new int[1];
            String logs = CapturedOutput.during(() -> {
                failures[0] += world.deliverAll(handler, 10);
                fake.failNext(4, FakeSmsProvider.Fault.THROTTLED);
                for (int i = 0; i < 4; i++) alerts.add(world.alertGridWorker(String.format("261130-%04d", 200 + i)));
                failures[0] += world.deliverAll(handler, 10);
            });

            assertThat(failures[0]).isEqualTo(9);
            assertThat(logs).contains("\"event\":\"sms.message_failed\"").doesNotContainPattern(SmsSenderHandlerTest.MOBILE);
            assertThat(fake.calls()).isEqualTo(alerts.size() + 9);
            Map<String, Long> deliveries = fake.received().stream()
                    .collect(Collectors.groupingBy(FakeSmsProvider.Received::reference, Collectors.counting()));
            assertThat(deliveries).containsOnlyKeys(alerts).allSatisfy((alert, count) -> assertThat(count).isEqualTo(1));
            assertThat(alerts).allSatisfy(alert -> assertThat(world.outcome(alert)).startsWith(kind.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
