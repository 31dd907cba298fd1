package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.tables.requests.HeldAlert;
import community.linli.tables.requests.Priority;
import community.linli.testkit.lambda.PackagedFunction;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AlertsFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): a batch of the priming community
 * and a batch of the notices stream run through the handler, and nothing is written and nothing
 * published, though the demo community, with a request waiting, is there to alert.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class AlertsSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsABatch_writesNothing_andPublishesNothing(LocalAws aws) {
        World world = World.demo(aws);
        world.file("elevator", 3, Priority.URGENT);
        // A digest due in the demo community: priming sweeps only its own community, never this one.
        world.requests.holdAlert(new HeldAlert(DemoCommunity.ID, "held-alert-id-00000001", Instant.now().minus(Duration.ofHours(1)),
                DemoCommunity.GRID_WORKER_ID, "grid_worker", "261128-0001", "new_request", "G03", "新诉求261128-0001"));
        String all = world.subscribe(null);
        var before = aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items();

        String output = PackagedFunction.of(aws, "AlertsFunction").log(getClass().getSimpleName())
                .primeForSnapshot("alerts-new-request.json").output();

        assertThat(output).contains("\"event\":\"snapstart.primed_alerts\",\"failures\":\"0\",\"sentBefore\":\"false\"");
        assertThat(output).contains("\"event\":\"alerts.batch\",\"records\":\"2\",\"sent\":\"0\",\"held\":\"0\"")
                .contains("\"quiet\":", "\"digests\":\"0\"");
        assertThat(output).contains("\"event\":\"alerts.notices_batch\",\"records\":\"1\",\"sent\":\"0\"")
                .contains("\"event\":\"alerts.notice_not_live\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items())
                .containsExactlyInAnyOrderElementsOf(before);
        assertThat(world.drain(all)).isEmpty();
    }
}
