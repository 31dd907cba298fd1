package community.linli.residentsimport;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ResidentsImportFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): an SQS event for an import the
 * priming community does not have (its conditional start refused) and the checks and report of a
 * file in memory; nothing is written and no KMS key is asked for, so none reaches the snapshot.
 */
@ExtendWith(MotoExtension.class)
class ResidentsImportSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsAMessageAndTheRowChecks_andWritesNothing(LocalAws aws) throws Exception {
        String output = PackagedFunction.of(aws, "ResidentsImportFunction").log(getClass().getSimpleName())
                .primeForSnapshot("residents-import-uploaded.json").output();

        assertThat(output).contains("\"event\":\"imports.not_runnable\",\"communityId\":\"priming\"")
                .contains("\"event\":\"snapstart.primed_import_paths\",\"failures\":\"0\",\"rowErrors\":\"3\"");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("ResidentsTable"))).count()).isZero();
        assertThat(aws.s3().listObjectsV2(r -> r.bucket(aws.name("ImportsBucket"))).keyCount()).isZero();
        assertThat(output).doesNotContain("GenerateDataKey").doesNotContain("GenerateMac");
    }
}
