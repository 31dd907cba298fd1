package community.linli.residentsimport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.csv.CsvTable;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.FieldError;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Tag;
import community.linli.tables.residents.ImportJob;
import community.linli.tables.residents.ResidentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ResidentsImportFunction: runs the bulk imports of residents that staff start with
 * {@code POST /residents/imports} (ResidentsFunction). The CSV they upload to the ImportsBucket
 * ({@code imports/<community>/<importId>.csv}) makes S3 send an event to the ImportsQueue, and
 * Lambda's SQS poller delivers it here, one message a batch. Each S3 record names its import by
 * its key; {@link ResidentsImport} reads the file, registers the valid rows into the ResidentsTable
 * (reading rooms, buildings and tags from the DirectoryTable), writes the report under
 * {@code import-reports/} and leaves the import done or failed.
 *
 * <p>Returns an {@code SQSBatchResponse}: a message whose import threw (a dependency down past the
 * SDK's retries) is named in {@code batchItemFailures} and comes back after the queue's visibility
 * timeout, up to the redrive policy's count, then goes to the dead-letter queue. An import runs
 * again from its start when its message comes back; its rows already registered count as such.
 * S3's test event, a key that is not an import's, and an import that has finished are skipped.
 */
public final class ResidentsImportHandler implements RequestStreamHandler {
    static final Pattern IMPORT_KEY = Pattern.compile("imports/([A-Za-z0-9_-]{1,64})/(imp-[A-Za-z0-9_-]{1,64})\\.csv");
    /** Rows not started with less than this left of the invocation are left for the next import of the file. */
    static final long SAFETY_MILLIS = 60_000;

    static {
        // The URLConnection client keeps 5 idle connections per host by default; the import's workers need one each.
        if (System.getProperty("http.maxConnections") == null) System.setProperty("http.maxConnections", "32");
    }

    private final ResidentsImport imports;

    public ResidentsImportHandler() {
        this(Aws.Settings.fromEnv(), Env.require("RESIDENTS_TABLE"), Env.require("DIRECTORY_TABLE"), Env.require("IMPORTS_BUCKET"));
    }

    private ResidentsImportHandler(Aws.Settings aws, String residentsTable, String directoryTable, String bucket) {
        this(new ResidentStore(Aws.dynamoDb(aws), residentsTable, FieldCrypto.fromEnv(Aws.kms(aws)), Clock.systemUTC()),
                new DirectoryStore(Aws.dynamoDb(aws), directoryTable),
                new FileStore(() -> Aws.s3(aws), () -> Aws.s3Presigner(aws), bucket, Clock.systemUTC()),
                Clock.systemUTC(), Integer.parseInt(Env.optional("IMPORT_CONCURRENCY").orElse("8")), ResidentsImport.PROGRESS_EVERY);
        Priming.beforeSnapshot(this::prime);
    }

    /** With its collaborators; tests and the benchmark run imports through it. */
    public ResidentsImportHandler(ResidentStore store, DirectoryStore directory, FileStore files, Clock clock, int concurrency,
                                  int progressEvery) {
        this.imports = new ResidentsImport(store, directory, files, clock, concurrency, SAFETY_MILLIS, progressEvery);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode message : event.path("Records")) {
            String messageId = message.path("messageId").asText();
            try {
                handleMessage(message.path("body").asText(), context);
            } catch (RuntimeException e) {
                Log.error("imports.message_failed", e, "messageId", messageId);
                failures.add(Map.of("itemIdentifier", messageId));
            }
        }
        output.write(Json.write(Map.of("batchItemFailures", failures)).getBytes(StandardCharsets.UTF_8));
    }

    /** One SQS message: an S3 event with the records of uploaded imports, or S3's test event. */
    private void handleMessage(String body, Context context) throws IOException {
        JsonNode s3Event = Json.MAPPER.readTree(body);
        if (s3Event == null || !s3Event.has("Records")) {
            Log.info("imports.skipped", "reason", s3Event != null && "s3:TestEvent".equals(s3Event.path("Event").asText()) ? "test_event" : "not_s3");
            return;
        }
        for (JsonNode record : s3Event.path("Records")) {
            if (!record.path("eventName").asText().startsWith("ObjectCreated:")) continue;
            String key = URLDecoder.decode(record.at("/s3/object/key").asText(), StandardCharsets.UTF_8);
            Matcher m = IMPORT_KEY.matcher(key);
            if (!m.matches()) {
                Log.info("imports.skipped", "reason", "not_an_import_key");
                continue;
            }
            imports.run(m.group(1), m.group(2), record.at("/s3/object/size").asLong(0),
                    () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
        }
    }

    /**
     * Loads what an import loads without writing and without KMS: S3's event for an import the
     * community "priming" does not have, through the stream entry point (its conditional start is
     * refused, nothing is written), and the reading, checking and report of a two-row file in memory.
     */
    private void prime() {
        String s3Event = Json.write(Map.of("Records", List.of(Map.of("eventName", "ObjectCreated:Put",
                "s3", Map.of("object", Map.of("key", ImportJob.uploadKey(Priming.COMMUNITY, "imp-priming"), "size", 1))))));
        var response = Priming.invoke(this, Json.write(Map.of("Records", List.of(Map.of("messageId", "priming", "body", s3Event)))));
        byte[] csv = (String.join(",", ImportRow.REQUIRED) + "," + ImportRow.PHONE + "\n1-101,B01,1,101,李四,11010519491231002X,户主,常住,13800000000\n"
                + "1-101,B01,1,101,,1101051949123100X,配偶,其他,\n").getBytes(StandardCharsets.UTF_8);
        List<FieldError> errors = new ArrayList<>();
        for (CsvTable.Row row : CsvTable.read(csv, ImportRow.REQUIRED, ImportRow.OPTIONAL).rows()) {
            ImportRow.check(row, Map.<String, Tag>of(), Set.of(ImportRow.roomKey("B01", "1", "101")), LocalDate.now(), errors);
        }
        Log.info("snapstart.primed_import_paths", "failures", response.path("batchItemFailures").size(), "rowErrors", errors.size(),
                "reportBytes", ResidentsImport.report(errors).length);
    }
}
