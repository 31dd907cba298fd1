package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.tables.residents.AuditRecord;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /residents/imports} and {@code GET /residents/imports/{id}}: starting an import is
 * audited and hands out a presigned PUT whose upload reaches the ImportsQueue (moto delivers the
 * bucket's S3 event notification, as S3 does); the report link downloads the report. Running the
 * import is ResidentsImportFunction's (functions/residents-import).
 */
@ExtendWith(MotoExtension.class)
class ResidentsImportsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void start_asStaff_returns201WaitingForUpload_writesOneAuditRecord_andThePresignedPutReachesTheImportsQueue(LocalAws aws)
            throws Exception {
        var api = new ResidentsApi(aws);

        var reply = api.call(ResidentsApi.startImportEvent(Map.of("reason", "年度入户登记")).as(Persona.staff()).build()).expect(201);

        String id = reply.text("/id");
        assertThat(reply.headers().get("Location")).isEqualTo("/residents/imports/" + id);
        assertThat(reply.text("/status")).isEqualTo("waiting_upload");
        assertThat(reply.text("/upload/method")).isEqualTo("PUT");
        assertThat(reply.text("/upload/url")).contains("imports/demo/" + id + ".csv");
        var audits = api.store.audits(DemoCommunity.ID, YearMonth.from(ResidentsApi.NOW.atOffset(ZoneOffset.UTC)), 50, null).items();
        assertThat(audits).filteredOn(a -> a.action().equals("import"))
                .extracting(AuditRecord::residentId, AuditRecord::reason, AuditRecord::auditId)
                .contains(org.assertj.core.groups.Tuple.tuple(id, "年度入户登记", reply.text("/auditId")));

        var put = HTTP.send(HttpRequest.newBuilder(URI.create(reply.text("/upload/url")))
                .header("Content-Type", reply.text("/upload/headers/Content-Type"))
                .PUT(HttpRequest.BodyPublishers.ofString("户号,楼栋\n", StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        var messages = aws.sqs().receiveMessage(r -> r.queueUrl(aws.provisioned().ref("ImportsQueue")).maxNumberOfMessages(10)
                .waitTimeSeconds(2)).messages();
        assertThat(messages).as("the upload's S3 event, delivered to the queue").anySatisfy(m -> {
            JsonNode record = Json.parse(m.body(), JsonNode.class).path("Records").path(0);
            assertThat(record.path("eventName").asText()).startsWith("ObjectCreated:");
            assertThat(java.net.URLDecoder.decode(record.at("/s3/object/key").asText(), StandardCharsets.UTF_8))
                    .as("S3 sends keys URL-encoded").isEqualTo("imports/demo/" + id + ".csv");
        });
    }

    @Test
    void start_withoutReason_returns400NamingReason_andWritesNothing(LocalAws aws) {
        var api = new ResidentsApi(aws);
        int before = api.items().size();

        var reply = api.call(ResidentsApi.startImportEvent(Map.of()).as(Persona.admin()).build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("reason");
        assertThat(api.items()).hasSize(before);
    }

    @Test
    void get_whenDone_showsTheCounts_andALinkThatDownloadsTheReportWithItsByteOrderMark(LocalAws aws) throws Exception {
        var api = new ResidentsApi(aws);

        var reply = api.call(ResidentsApi.getImportEvent(ResidentsApi.IMPORT_ID).as(Persona.staff()).build()).expect(200);

        assertThat(reply.text("/status")).isEqualTo("done");
        assertThat(reply.body().path("imported").asInt()).isEqualTo(1);
        assertThat(reply.body().path("failed").asInt()).isEqualTo(1);
        var report = HTTP.send(HttpRequest.newBuilder(URI.create(reply.text("/report/url"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(new String(report.body(), StandardCharsets.UTF_8)).isEqualTo(ResidentsApi.REPORT);
        assertThat(report.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment;"));
    }

    @Test
    void get_ofAnotherCommunitysImport_is404_andOfAnUnknownId404(LocalAws aws) {
        var api = new ResidentsApi(aws);

        var other = api.call(ResidentsApi.getImportEvent(ResidentsApi.IMPORT_ID).as(Persona.admin().inCommunity("other-community")).build());
        var unknown = api.call(ResidentsApi.getImportEvent("imp-nope").as(Persona.admin()).build());

        assertThat(other.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
    }
}
