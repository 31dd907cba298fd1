package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DirectoryFunction's SnapStart priming as the real runtime interface client runs it: with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the client calls the CRaC hooks once init is
 * done; the fake Runtime API has no {@code restore/next}, so the client then reports an init error,
 * with the hooks' log lines in its output by then.
 */
@ExtendWith(MotoExtension.class)
class DirectorySnapStartIT {

    @Test
    void beforeTheSnapshot_primingListsCategoriesThroughTheStreamAndWritesNothing(LocalAws aws) {
        DemoCommunity.seed(aws);
        var before = aws.dynamoDb().scan(r -> r.tableName(aws.name("DirectoryTable")).consistentRead(true)).items();

        var run = PackagedFunction.of(aws, "DirectoryFunction").log(getClass().getSimpleName()).primeForSnapshot("directory-list-categories.json");

        assertThat(run.output()).contains("\"event\":\"snapstart.primed_directory\",\"categoriesStatus\":\"200\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("DirectoryTable")).consistentRead(true)).items())
                .containsExactlyInAnyOrderElementsOf(before);
    }
}
