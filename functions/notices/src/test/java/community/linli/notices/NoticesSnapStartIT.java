package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NoticesFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): the draft, list and schedule
 * paths run, and nothing is written to any table or announced.
 */
@ExtendWith(MotoExtension.class)
class NoticesSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsDraftListAndSchedule_andWritesNothing(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);
        long directoryBefore = aws.dynamoDb().scan(r -> r.tableName(aws.name("DirectoryTable"))).count();

        String output = PackagedFunction.of(aws, "NoticesFunction").log(getClass().getSimpleName())
                .primeForSnapshot("notices-draft.json").output();

        assertThat(output).contains("\"event\":\"snapstart.primed_notices_paths\",\"draftStatus\":\"400\",\"listStatus\":\"200\",\"due\":\"0\"");
        for (String table : new String[] {"NoticesTable", "AccountsTable", "ResidentsTable"}) {
            assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name(table))).count()).as(table).isZero();
        }
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("DirectoryTable"))).count()).isEqualTo(directoryBefore);
    }
}
