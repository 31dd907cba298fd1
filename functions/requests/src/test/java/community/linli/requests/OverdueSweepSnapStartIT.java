package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.InvocationResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OverdueSweepFunction's SnapStart priming as the real runtime interface client runs it (see
 * {@link RequestsSnapStartIT}): the hook reads what a sweep of the priming community reads, and the
 * table, which holds a request, is left exactly as it was: no watermark, no mark.
 */
@ExtendWith(MotoExtension.class)
class OverdueSweepSnapStartIT {

    @Test
    void beforeTheSnapshot_primingReadsWhatASweepReadsAndWritesNothing(LocalAws aws) throws Exception {
        DemoCommunity.seed(new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable")));
        PackagedFunction.invoke(aws, "requests-submit.json", getClass().getSimpleName() + "-submit", Map.of());
        var before = aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items();

        var run = PackagedFunction.invoke(aws, "OverdueSweepFunction", "{\"communities\": [\"demo\"]}", getClass().getSimpleName(),
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));

        assertThat(run.result().outcome()).as(run.output()).isEqualTo(InvocationResult.Outcome.INIT_ERROR);
        assertThat(run.result().body()).as("the init error is the fake API's missing restore/next").contains("restore/next");
        assertThat(run.output())
                .contains("\"event\":\"snapstart.primed_sweep\",\"due\":\"0\"")
                .contains("\"event\":\"snapstart.primed\"")
                .doesNotContain("snapstart.priming_failed");
        assertThat(before).isNotEmpty();
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable")).consistentRead(true)).items())
                .containsExactlyInAnyOrderElementsOf(before);
    }
}
