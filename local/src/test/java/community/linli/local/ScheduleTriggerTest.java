package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Template;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class ScheduleTriggerTest {

    @Test
    void aRateSchedule_invokesTheFunctionWithItsResolvedInput_everyPeriod(MotoServer moto) throws InterruptedException {
        var aws = LocalAws.provision(moto.endpoint(), Template.load(LocalRuntimeTest.TEMPLATE), "st-" + System.nanoTime() + "-");
        var console = new ConsoleCapture();
        var function = LocalFunction.load(aws, "TickFunction", console.stream());
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) aws.template().eventsOf("TickFunction", "ScheduleV2").get("Hourly");
        TickHandler.INPUTS.clear();

        try (Trigger trigger = ScheduleTrigger.start(aws, function, "Hourly", properties, console.stream(), Duration.ofMillis(100))) {
            String first = TickHandler.INPUTS.poll(5, TimeUnit.SECONDS);
            String second = TickHandler.INPUTS.poll(5, TimeUnit.SECONDS);

            assertThat(first).isEqualTo("{\"stage\": \"dev\"}");
            assertThat(second).as("a second period").isEqualTo(first);
            assertThat(trigger.describe()).contains("TickFunction").contains("rate(1 hour)");
        }
    }
}
