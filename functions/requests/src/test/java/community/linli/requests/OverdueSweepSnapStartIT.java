package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import community.linli.testkit.lambda.PackagedFunction;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OverdueSweepFunction's SnapStart priming as the real runtime interface client runs it (see
 * {@link RequestsSnapStartIT}): the hook reads what a sweep of the priming community reads, and the
 * table, which holds a request long past its due time, is left exactly as it was: no watermark, no
 * mark.
 */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "OverdueSweepFunction"})
class OverdueSweepSnapStartIT {

    @Test
    void beforeTheSnapshot_primingReadsWhatASweepReadsAndWritesNothing(LocalAws aws) {
        Api api = new Api(aws);
        api.clock.set(Instant.now().minus(Duration.ofDays(30)));
        api.submitted(Persona.resident());
        var before = aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items();

        var run = PackagedFunction.of(aws, "OverdueSweepFunction").log(getClass().getSimpleName()).primeForSnapshot("overdue-sweep-schedule.json");

        assertThat(run.output()).contains("\"event\":\"snapstart.primed_sweep\",\"due\":\"0\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items())
                .containsExactlyInAnyOrderElementsOf(before);
    }
}
