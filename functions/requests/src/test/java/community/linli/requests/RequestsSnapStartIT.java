package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RequestsFunction's SnapStart priming as the real runtime interface client runs it: with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the client calls the CRaC hooks once init is
 * done, before it would take the snapshot. The fake Runtime API has no {@code restore/next}, so
 * after the hooks the client reports that as an init error; the hooks' log lines are in its output
 * by then.
 */
@ExtendWith(MotoExtension.class)
@Provision("RequestsFunction")
class RequestsSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsTheSubmitPathAndWritesNothing(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);

        String output = PackagedFunction.of(aws, "RequestsFunction").log(getClass().getSimpleName())
                .primeForSnapshot("requests-submit.json").output();

        assertThat(output).contains("\"event\":\"snapstart.primed_request_path\",\"submitStatus\":\"400\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("RequestsTable"))).count()).isZero();
    }
}
