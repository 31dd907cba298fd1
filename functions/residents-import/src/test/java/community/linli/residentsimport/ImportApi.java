package community.linli.residentsimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Json;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.files.FileStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.residents.AuditRecord;
import community.linli.tables.residents.ImportJob;
import community.linli.tables.residents.ImportStatus;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.RoundTrips;
import community.linli.testkit.SqsEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * ResidentsImportFunction as it runs deployed, for tests: an import started as
 * {@code POST /residents/imports} starts it (the job and its audit record), the CSV put to its key
 * in the ImportsBucket, the S3 event moto delivers to the ImportsQueue received from it, and the
 * handler invoked with the SQS event Lambda's poller would send ({@link SqsEvents}). The demo community's
 * directory is seeded, with the rooms of the files {@code ResidentsCsv} makes.
 */
final class ImportApi {
    static final Instant NOW = Instant.parse("2026-11-30T01:00:00.000Z");
    static final String STAFF = DemoCommunity.STAFF_ID;
    /**
     * One household at a time: moto's DynamoDB is not thread-safe (concurrent TransactWriteItems fail
     * with 500, "dictionary changed size during iteration"), so imports on it run one worker.
     */
    static final int MOTO_CONCURRENCY = 1;

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips dynamoTrips = new RoundTrips();
    final RoundTrips kmsTrips = new RoundTrips();
    final ResidentStore store;
    final DirectoryStore directory;
    final FileStore files;
    final ResidentsImportHandler handler;

    ImportApi(LocalAws aws, int progressEvery) {
        this.aws = aws;
        this.directory = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
        DemoCommunity.seed(aws);
        this.store = new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), crypto(aws, aws.kms()), clock);
        this.files = new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("ImportsBucket"), clock);
        FileStore handlerFiles = new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("ImportsBucket"), clock);
        this.handler = new ResidentsImportHandler(new ResidentStore(aws.countingDynamoDb(dynamoTrips), aws.name("ResidentsTable"),
                crypto(aws, aws.countingKms(kmsTrips)), clock), new DirectoryStore(aws.countingDynamoDb(dynamoTrips), aws.name("DirectoryTable")),
                handlerFiles, clock, MOTO_CONCURRENCY, progressEvery);
    }

    ImportApi(LocalAws aws) {
        this(aws, ResidentsImport.PROGRESS_EVERY);
    }

    static FieldCrypto crypto(LocalAws aws, software.amazon.awssdk.services.kms.KmsClient kms) {
        return new FieldCrypto(kms, aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
    }

    /** Starts an import as staff would: the job, waiting for its file, and its audit record. */
    String start() {
        String id = ResidentStore.newImportId();
        String auditId = ResidentStore.newAuditId();
        store.createImport(new ImportJob(DemoCommunity.ID, id, ImportStatus.WAITING_UPLOAD, STAFF, auditId, NOW, NOW, ImportJob.Counts.NONE,
                null, null), new AuditRecord(DemoCommunity.ID, auditId, NOW, STAFF, "staff", "import", id, "年度入户登记"));
        return id;
    }

    /** Uploads {@code csv} as import {@code id}'s file, as the presigned PUT does. */
    void upload(String id, byte[] csv) {
        aws.s3().putObject(r -> r.bucket(aws.name("ImportsBucket")).key(ImportJob.uploadKey(DemoCommunity.ID, id)).contentType("text/csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(csv));
    }

    /** The next message of the ImportsQueue: what S3 sent for an upload. */
    Message nextMessage() {
        String queue = aws.provisioned().ref("ImportsQueue");
        for (int attempt = 0; attempt < 5; attempt++) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
            for (Message m : messages) {
                aws.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
                if (Json.parse(m.body(), JsonNode.class).has("Records")) return m;
            }
        }
        throw new AssertionError("no S3 event reached the ImportsQueue");
    }

    /** The SQS event Lambda's poller sends for {@code message}. */
    String sqsEvent(Message message) {
        return SqsEvents.event(List.of(message), aws.provisioned().arn("ImportsQueue"));
    }

    /** Invokes the handler through its stream entry point with {@code eventJson}; its SQSBatchResponse. */
    JsonNode invoke(String eventJson) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parse(out.toString(StandardCharsets.UTF_8), JsonNode.class);
    }

    /** Starts an import, uploads {@code csv}, and delivers S3's event through the queue to the handler; the import when it returns. */
    ImportJob run(byte[] csv) {
        String id = start();
        upload(id, csv);
        JsonNode response = invoke(sqsEvent(nextMessage()));
        assertThat(response.path("batchItemFailures")).as("the message is done").isEmpty();
        return store.importJob(DemoCommunity.ID, id).orElseThrow();
    }

    /** The report of a done import, as text (its byte-order mark kept). */
    String report(ImportJob job) {
        return new String(files.read(job.reportKey()), StandardCharsets.UTF_8);
    }

    void seedRooms(List<community.linli.tables.directory.Room> rooms) {
        directory.putPlaces(DemoCommunity.ID, List.of(), List.of(), List.of(), rooms);
    }
}
