package community.linli.bench;

import community.linli.platform.Aws;
import community.linli.platform.Json;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.files.FileStore;
import community.linli.residentsimport.ResidentsImportHandler;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.residents.AuditRecord;
import community.linli.tables.residents.ImportJob;
import community.linli.tables.residents.ImportStatus;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoServer;
import community.linli.testkit.ResidentsCsv;
import community.linli.testkit.RoundTrips;
import community.linli.testkit.SqsEvents;
import community.linli.testkit.Template;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A community's bulk import against moto: generated CSVs (households of three, every tenth head with
 * a sensitive care tag), uploaded to the ImportsBucket, S3's event received from the ImportsQueue,
 * and ResidentsImportFunction's handler invoked with it.
 *
 * <ul>
 *   <li>{@code -DcheckRows} (20,000): a whole community's file whose rooms the directory lacks, so
 *       every row is read, checked and reported and none registered: the import's own work (CSV,
 *       checks, report) at full size, without moto's DynamoDB.</li>
 *   <li>{@code -Drows} (2,000): a file registered on a fresh registry, then the same file again
 *       (everyone already registered), with the DynamoDB and KMS round trips of each run, from which
 *       the time on DynamoDB is estimated (README, Benchmarks). Not 20,000: moto copies the whole
 *       table for every TransactWriteItems (its rollback), so its time per row grows with the table.</li>
 * </ul>
 * One worker: moto's DynamoDB is not thread-safe.
 *
 * <pre>./scripts/bench residents-import [-DcheckRows=20000] [-Drows=2000]</pre>
 */
public final class ResidentsImportBench {
    private ResidentsImportBench() {}

    public static void main(String[] args) throws Exception {
        int checkRows = Integer.getInteger("checkRows", 20_000);
        int rows = Integer.getInteger("rows", 2_000);
        try (MotoServer moto = MotoServer.start()) {
            LocalAws aws = LocalAws.provisionFor(moto.endpoint(), Template.load(), "bench-", List.of("ResidentsImportFunction"));
            DirectoryStore directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
            DemoCommunity.seed(directory);
            ResidentsCsv csv = ResidentsCsv.of(rows, 0);
            directory.putPlaces(DemoCommunity.ID, List.of(), List.of(), List.of(), csv.rooms());
            byte[] checkFile = ResidentsCsv.of(checkRows, 1).bytes();
            RoundTrips dynamo = new RoundTrips();
            RoundTrips kms = new RoundTrips();
            FieldCrypto crypto = new FieldCrypto(aws.countingKms(kms), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
            ResidentStore store = new ResidentStore(aws.countingDynamoDb(dynamo), aws.name("ResidentsTable"), crypto, Clock.systemUTC());
            FileStore files = new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("ImportsBucket"), Clock.systemUTC());
            var handler = new ResidentsImportHandler(store, new DirectoryStore(aws.countingDynamoDb(dynamo), aws.name("DirectoryTable")),
                    files, Clock.systemUTC(), 1, 500);
            System.out.printf("Residents import on moto %s, one worker%n", moto.endpoint());
            List<Run> runs = List.of(
                    new Run(String.format("%,d rows (%,d bytes), rooms not in the directory: read, checked, reported", checkRows,
                            checkFile.length), checkFile, checkRows),
                    new Run(String.format("%,d rows (%,d households), first import", rows, csv.rooms().size()), csv.bytes(), rows),
                    new Run(String.format("%,d rows, the same file again", rows), csv.bytes(), rows));
            for (Run each : runs) {
                String run = each.name();
                byte[] file = each.file();
                int fileRows = each.rows();
                String id = start(store);
                aws.s3().putObject(r -> r.bucket(aws.name("ImportsBucket")).key(ImportJob.uploadKey(DemoCommunity.ID, id))
                        .contentType("text/csv"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(file));
                String event = event(aws);
                dynamo.reset();
                kms.reset();
                long started = System.nanoTime();
                var out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, Integer> dynamoTrips = dynamo.byOperation();
                int dynamoTotal = dynamo.total();
                ImportJob job = store.importJob(DemoCommunity.ID, id).orElseThrow();
                System.out.printf("%s: %s in %.1f s, %.0f rows/s; imported %,d, already registered %,d, failed %,d; response %s%n", run,
                        job.status().wire(), seconds, fileRows / seconds, job.counts().imported(), job.counts().alreadyRegistered(),
                        job.counts().failed(), out.toString(StandardCharsets.UTF_8));
                System.out.printf("  DynamoDB round trips %s (%,d in all, %.2f a row); KMS %s%n", dynamoTrips, dynamoTotal,
                        dynamoTotal / (double) fileRows, kms.byOperation());
            }
        }
    }

    private record Run(String name, byte[] file, int rows) {}

    private static String start(ResidentStore store) {
        String id = ResidentStore.newImportId();
        String auditId = ResidentStore.newAuditId();
        Instant now = Instant.now();
        store.createImport(new ImportJob(DemoCommunity.ID, id, ImportStatus.WAITING_UPLOAD, DemoCommunity.STAFF_ID, auditId, now, now,
                ImportJob.Counts.NONE, null, null), new AuditRecord(DemoCommunity.ID, auditId, now, DemoCommunity.STAFF_ID, "staff",
                "import", id, "benchmark"));
        return id;
    }

    /** The SQS event of the upload's S3 notification, as Lambda's poller delivers it (S3's test event skipped). */
    private static String event(LocalAws aws) {
        String queue = aws.provisioned().ref("ImportsQueue");
        for (int attempt = 0; attempt < 10; attempt++) {
            for (var m : aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)).messages()) {
                aws.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
                if (Json.parse(m.body(), Map.class).containsKey("Records")) return SqsEvents.event(List.of(m), aws.provisioned().arn("ImportsQueue"));
            }
        }
        throw new IllegalStateException("no S3 event reached the ImportsQueue");
    }
}
