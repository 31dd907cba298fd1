package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ResidentsFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): the registration and list paths
 * run and nothing is written; the refused registration stops before its ID number is hashed or sealed, so no key reaches the snapshot.
 */
@ExtendWith(MotoExtension.class)
class ResidentsSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsRegisterAndList_andWritesNothing(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);

        String output = PackagedFunction.of(aws, "ResidentsFunction").log(getClass().getSimpleName())
                .primeForSnapshot("residents-register.json").output();

        assertThat(output).contains("\"event\":\"snapstart.primed_residents_paths\",\"registerStatus\":\"400\",\"listStatus\":\"200\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("ResidentsTable"))).count()).isZero();
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("DirectoryTable"))).count())
                .as("the directory as seeded").isEqualTo(DemoCommunity.grids().size() + DemoCommunity.buildings().size()
                        + DemoCommunity.categories().size() + DemoCommunity.tags().size() + DemoCommunity.units().size()
                        + 1 /* the community's entry, written with its first grid (DirectoryStore.communities) */);
    }
}
