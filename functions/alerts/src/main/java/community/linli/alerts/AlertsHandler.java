package community.linli.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.store.StreamImages;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.QuietHours;
import community.linli.tables.notices.NoticeStore;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.staff.StaffStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * AlertsFunction: reads the RequestsTable's stream (a DynamoDB event source mapping, batches in
 * shard order) and publishes an alert for each person a change concerns on the AlertsTopic
 * ({@link Alerts} says who, {@link AlertTexts} what, {@link Delivery} how once). It reads the staff
 * registry (StaffTable), category and building names and quiet hours (DirectoryTable) and, behind an
 * overdue mark, the request; it writes only the alerts' own items (RequestsTable, {@code C#c#ALERT#…}:
 * sent records, alerts held in quiet hours, digests begun). A non-urgent alert in quiet hours is
 * held for the morning digest ({@link MorningDigest}), which the digest schedule (any input that is
 * not a stream batch) sends. It reads the NoticesTable's stream too, a mapping of its own: an
 * emergency notice going live pages the grid workers of its grids ({@link EmergencyNotices}), reading
 * the notice (a GetItem) and the registry.
 *
 * <p>Returns a {@code StreamsEventResponse}. The first record that fails (a dependency down past
 * the SDK's retries) and every record after it are named in {@code batchItemFailures}, one by one:
 * Lambda retries the batch from the first, so the alerts keep the shard's order, and the records
 * after it are not tried against a dependency that just failed. Alerts sent before the failure are
 * recognized on the retry and not sent again. A record that keeps failing goes, after the mapping's
 * retries, to the on-failure destination (AlertsDeadLetters).
 */
public final class AlertsHandler implements RequestStreamHandler {
    private final RequestStore requests;
    private final StaffStore staff;
    private final DirectoryStore directory;
    private final Alerts alerts;
    private final Delivery delivery;
    private final Clock clock;
    private final MorningDigest digest;
    private final EmergencyNotices emergencies;

    public AlertsHandler() {
        this(Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    /** From the environment, on {@code clock}: the time of day decides quiet hours, which tests fix. */
    AlertsHandler(Clock clock) {
        this(Aws.Settings.fromEnv(), clock);
    }

    private AlertsHandler(Aws.Settings aws, Clock clock) {
        this(new RequestStore(Aws.dynamoDb(aws), Env.require("REQUESTS_TABLE"), clock),
                StaffStore.reader(Aws.dynamoDb(aws), Env.require("STAFF_TABLE")),
                new DirectoryStore(Aws.dynamoDb(aws), Env.require("DIRECTORY_TABLE")),
                Aws.sns(aws), Env.require("ALERTS_TOPIC"), Env.require("ALERT_LINK_BASE_URL"), clock,
                new NoticeStore(Aws.dynamoDb(aws), Env.require("NOTICES_TABLE")), Env.require("NOTICES_TABLE"),
                Env.require("NOTICE_LINK_BASE_URL"));
    }

    /**
     * With its collaborators, for the requests stream and the digest only: the tests and the latency
     * benchmark of those, which hand it no batch of the notices stream.
     */
    public AlertsHandler(RequestStore requests, StaffStore staff, DirectoryStore directory, SnsClient sns, String topicArn,
                         String linkBase, Clock clock) {
        this(requests, staff, directory, sns, topicArn, linkBase, clock, null, null, null);
    }

    /** With its collaborators; tests pass clients that count or fail, and a fixed clock. */
    public AlertsHandler(RequestStore requests, StaffStore staff, DirectoryStore directory, SnsClient sns, String topicArn,
                         String linkBase, Clock clock, NoticeStore notices, String noticesTable, String noticeLinkBase) {
        this.clock = clock;
        this.requests = requests;
        this.staff = staff;
        this.directory = directory;
        this.alerts = new Alerts(requests, linkBase);
        this.delivery = new Delivery(requests, sns, topicArn);
        this.digest = new MorningDigest(requests, delivery, clock, linkBase.replaceAll("/+$", ""));
        this.emergencies = notices == null ? null : new EmergencyNotices(notices, noticesTable, delivery, noticeLinkBase, clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        if (!event.has("Records")) {
            sendDigests(output);
            return;
        }
        List<StreamImages.Change> records = StreamImages.records(event);
        Audience audience = new Audience(staff, directory, clock.instant());
        if (emergencies != null && emergencies.isBatchOf(event)) {
            output.write(Json.write(emergencies.handle(records, audience)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<Map<String, String>> failures = new ArrayList<>();
        int sent = 0;
        int held = 0;
        int alreadySent = 0;
        for (StreamImages.Change record : records) {
            if (failures.isEmpty()) {
                try {
                    for (Changes.Trigger trigger : Changes.of(record)) {
                        for (Alert alert : alerts.of(trigger, audience)) {
                            switch (digest.deliver(alert, audience)) {
                                case SENT -> sent++;
                                case HELD -> held++;
                                case SENT_BEFORE -> alreadySent++;
                            }
                        }
                    }
                    continue;
                } catch (RuntimeException e) {
                    Log.error("alerts.record_failed", e, "sequenceNumber", record.sequenceNumber());
                }
            }
            failures.add(Map.of("itemIdentifier", record.sequenceNumber()));
        }
        Log.info("alerts.batch", "records", records.size(), "sent", sent, "held", held, "alreadySent", alreadySent, "failed", failures.size());
        output.write(Json.write(Map.of("batchItemFailures", failures)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The digest schedule's run (its input is not a stream batch): the morning digests due in every
     * community of the directory. A run that fails is retried by Lambda and redone by the next one;
     * nothing held is lost meanwhile.
     */
    private void sendDigests(OutputStream output) throws IOException {
        List<String> communities = directory.communities();
        int digests = digest.sweep(communities);
        Log.info("alerts.digests", "communities", communities.size(), "digests", digests);
        output.write(Json.write(Map.of("digests", digests)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads what a batch loads without writing and without publishing: a new urgent request and an
     * overdue mark of the priming community, which has no registry, no directory and no requests,
     * through the stream entry point (a Query of the registry, a BatchGetItem of the directory, a
     * GetItem of the request; nobody to alert), then one sent record's GetItem, the texts of every
     * kind and the Publish request built, not sent; its quiet hours' BatchGetItem, and the digest
     * sweep of the priming community alone (one Query of its held alerts, none: nothing sent, nothing
     * removed); and a batch of the notices stream, the priming community's emergency notice going live
     * (the GetItem of a notice it has not: nobody paged). Never the sweep of the directory's
     * communities, whose digests may be due.
     */
    private void prime() {
        JsonNode response = Priming.invoke(this, PrimingBatch.json());
        JsonNode notices = Priming.invoke(this, PrimingBatch.noticesJson(Env.require("NOTICES_TABLE")));
        var facts = new AlertTexts.Facts("000000-0000", "类别", "1号楼", "urgent", null, 1, "https://priming/000000-0000");
        int length = 0;
        for (AlertKind kind : AlertKind.values()) {
            if (!kind.aboutOneRequest()) continue;
            for (Channel channel : Channel.values()) length += AlertTexts.text(kind, channel, facts).length();
        }
        var recipient = new Recipient(Priming.COMMUNITY, "staff");
        String id = Alert.id(Priming.COMMUNITY, "000000-0000", AlertKind.NEW_REQUEST, "v1", recipient);
        var alert = new Alert(id, Priming.COMMUNITY, "000000-0000", AlertKind.NEW_REQUEST, recipient, "G01", Channel.SMS, "urgent",
                AlertTexts.subject(AlertKind.NEW_REQUEST, facts), AlertTexts.sms(AlertKind.NEW_REQUEST, facts));
        boolean sentBefore = delivery.sent(Priming.COMMUNITY, id);
        int attributes = delivery.request(alert).messageAttributes().size();
        boolean quiet = directory.quietHours(Priming.COMMUNITY).orElse(QuietHours.DEFAULT).quiet(java.time.Instant.now());
        int digests = digest.sweep(List.of(Priming.COMMUNITY));
        length += AlertTexts.emergencyText(Channel.SMS, "标题", "https://priming/nt").length()
                + AlertTexts.emergencyText(Channel.EMAIL, "标题", "https://priming/nt").length() + AlertTexts.emergencySubject("标题").length();
        Log.info("snapstart.primed_alerts", "failures", response.path("batchItemFailures").size()
                        + notices.path("batchItemFailures").size(), "sentBefore", sentBefore,
                "texts", length + AlertTexts.digestText(List.of(alert.text()), "https://priming").length(), "attributes", attributes,
                "quiet", quiet, "digests", digests);
    }
}
