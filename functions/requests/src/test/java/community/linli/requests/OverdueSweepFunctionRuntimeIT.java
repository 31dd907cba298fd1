package community.linli.requests;

import community.linli.overduesweep.OverdueSweepHandler;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import community.linli.testkit.Repo;
import community.linli.testkit.lambda.PackagedFunction;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OverdueSweepFunction as Lambda runs it ({@link PackagedFunction}), woken by its schedule: EventBridge
 * Scheduler hands a {@code ScheduleV2} target the schedule's {@code Input} as the whole event, which is
 * events/overdue-sweep-schedule.json. The requests are filed through RequestsFunction's handler.
 */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "OverdueSweepFunction"})
class OverdueSweepFunctionRuntimeIT {

    @Test
    void schedule_throughTheRuntimeInterfaceClient_flagsTheRequestPastItsLimitOnly(LocalAws aws) throws Exception {
        Api api = new Api(aws);
        Persona resident = Persona.resident();
        api.clock.set(Instant.now().minus(Duration.ofDays(30)));
        String late = api.submitted(resident);
        api.clock.set(Instant.now());
        String onTime = api.submitted(resident);

        JsonNode output = PackagedFunction.of(aws, "OverdueSweepFunction").invoke("overdue-sweep-schedule.json").json();

        assertThat(output.at("/flagged/demo").asInt()).as(output.toString()).isEqualTo(1);
        assertThat(OverdueSweepTest.overdueEvents(api.get(Persona.staff(), late).body())).isEqualTo(1);
        assertThat(OverdueSweepTest.overdueEvents(api.get(Persona.staff(), onTime).body())).isZero();
    }

    @Test
    void scheduleFixture_isTheInputTheTemplatesScheduleSends(LocalAws aws) throws Exception {
        Object input = aws.template().eventsOf("OverdueSweepFunction", "ScheduleV2").get("EveryFiveMinutes").get("Input");

        assertThat(Files.readString(Repo.file("events/overdue-sweep-schedule.json")).strip())
                .isEqualTo(aws.provisioned().resolve(input));
    }
}
