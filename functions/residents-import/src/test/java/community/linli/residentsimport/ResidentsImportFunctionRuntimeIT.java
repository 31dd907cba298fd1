package community.linli.residentsimport;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.residents.ImportStatus;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.ResidentsCsv;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ResidentsImportFunction as Lambda runs it: the packaged residents-import-function.zip, the
 * handler string from template.yaml, the real runtime interface client in its own JVM, the
 * environment template.yaml gives the function (tables, bucket, KMS keys; one worker, for moto), and
 * the SQS event of the message S3 sent to the ImportsQueue for the upload.
 */
@ExtendWith(MotoExtension.class)
class ResidentsImportFunctionRuntimeIT {

    @Test
    void anUploadedFile_throughTheRuntimeInterfaceClient_isImported_andLogsNoPersonalData(LocalAws aws) throws Exception {
        var api = new ImportApi(aws);
        ResidentsCsv csv = ResidentsCsv.of(4, 11);
        api.seedRooms(csv.rooms());
        String id = api.start();
        api.upload(id, csv.bytes());
        String event = api.sqsEvent(api.nextMessage());

        var run = PackagedFunction.of(aws, "ResidentsImportFunction").environment("IMPORT_CONCURRENCY", "1")
                .log(getClass().getSimpleName()).invokeJson(event);

        assertThat(run.result().outcome()).as(run.output()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        assertThat(run.json().path("batchItemFailures")).isEmpty();
        var job = api.store.importJob(DemoCommunity.ID, id).orElseThrow();
        assertThat(job.status()).isEqualTo(ImportStatus.DONE);
        assertThat(job.counts().imported()).isEqualTo(4);
        String[] first = csv.line(0).split(",", -1);
        assertThat(run.output()).contains("\"event\":\"imports.done\"").doesNotContain(first[5]).doesNotContain(first[6])
                .doesNotContain(first[4]);
    }
}
