package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * StaffFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): the registration and list paths
 * run, nothing is written, and no data key is generated, so none is in the snapshot.
 */
@ExtendWith(MotoExtension.class)
class StaffSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsRegisterAndList_writesNothing_andGeneratesNoDataKey(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);

        String output = PackagedFunction.of(aws, "StaffFunction").log(getClass().getSimpleName())
                .primeForSnapshot("staff-register.json").output();

        assertThat(output).contains("\"event\":\"snapstart.primed_staff_paths\",\"registerStatus\":\"400\",\"listStatus\":\"200\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("StaffTable"))).count()).isZero();
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("DirectoryTable"))).count())
                .as("the directory as seeded").isEqualTo(DemoCommunity.grids().size() + DemoCommunity.buildings().size() + DemoCommunity.categories().size()
                        + DemoCommunity.tags().size() + DemoCommunity.units().size()
                        + 1 /* the community's entry, written with its first grid (DirectoryStore.communities) */);
    }
}
