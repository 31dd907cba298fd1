package community.linli.notices;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import community.linli.platform.http.Http;
import community.linli.platform.http.HttpApiHandler;
import community.linli.platform.http.HttpApiJson;
import community.linli.platform.http.Problem;
import community.linli.platform.store.Cursors;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.notices.NoticeStore;
import community.linli.tables.residents.ResidentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * NoticesFunction: notices (公告), activities and emergency notices, from draft to residents' phones.
 *
 * <p>Staff and admins draft ({@code POST /notices}, 201), change ({@code PATCH /notices/{id}},
 * based on {@code version}: 409 when stale), publish ({@code POST /notices/{id}/publication}) and
 * withdraw ({@code POST /notices/{id}/withdrawal}) the community's notices, and list and open every
 * one ({@code GET /notices}, {@code GET /notices/{id}}, 200). Residents and grid workers list and
 * open the notices live for them: addressed to the community, one of their grids, or (residents)
 * one of their tags, published and neither expired nor withdrawn; anything else is 404. A
 * resident's first opening is recorded once. A resident signs up for an activity live for them
 * ({@code POST /notices/{id}/signup}, 201, confirmed or waitlisted; never beyond its capacity) and
 * cancels ({@code DELETE /notices/{id}/signup}, 204), which moves the waitlist up. A resident of a
 * registered household acknowledges an emergency notice for it ({@code POST
 * /notices/{id}/acknowledgement}, 201, once per household) and answers its form ({@code PUT
 * /notices/{id}/answer}, 200, corrected until it closes; {@code GET} reads it back); staff, admins
 * and the grid workers of its grids read its dashboard ({@code GET /notices/{id}/households}) and
 * export the answers as CSV ({@code GET /notices/{id}/answers}), each of the grids they cover (see
 * {@link Emergencies}). Publishing puts one message on the AlertsTopic when
 * the notice goes live: at once, or from the schedule (every minute, input {@code {}}; the
 * communities come from the directory), which this same handler runs. Writes the NoticesTable;
 * reads grids from the DirectoryTable, a resident's link from the AccountsTable and their tags
 * and a grid's households from the ResidentsTable, and checks attachments in the FilesBucket. 400 names each bad field,
 * 401 without verified claims, 403 for another role, 409 for a stale version or a notice no longer
 * in a state that allows the action.
 */
public final class NoticesHandler implements HttpApiHandler {
    static final int MAX_PAGE = 50;
    static final int DEFAULT_PAGE = 20;

    private final Notices notices;
    private final Emergencies emergencies;
    private final FileStore files;

    public NoticesHandler() {
        this(Aws.Settings.fromEnv(), Env.require("NOTICES_TABLE"), Env.require("DIRECTORY_TABLE"), Env.require("ACCOUNTS_TABLE"),
                Env.require("RESIDENTS_TABLE"), Env.require("FILES_BUCKET"), Env.require("ALERTS_TOPIC"));
    }

    private NoticesHandler(Aws.Settings aws, String noticesTable, String directoryTable, String accountsTable, String residentsTable,
                           String bucket, String topic) {
        this(Aws.dynamoDb(aws), Aws.sns(aws), noticesTable, directoryTable, accountsTable, residentsTable,
                new FileStore(() -> Aws.s3(aws), () -> Aws.s3Presigner(aws), bucket, Clock.systemUTC()), topic, Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    NoticesHandler(DynamoDbClient dynamo, SnsClient sns, String noticesTable, String directoryTable, String accountsTable,
                   String residentsTable, FileStore files, String topic, Clock clock) {
        this.notices = new Notices(new NoticeStore(dynamo, noticesTable), new DirectoryStore(dynamo, directoryTable),
                new Readers(new AccountStore(dynamo, accountsTable), new ResidentStore(dynamo, residentsTable, null, clock)),
                files, new Announcer(sns, topic), clock);
        this.emergencies = new Emergencies(new NoticeStore(dynamo, noticesTable), new DirectoryStore(dynamo, directoryTable),
                new ResidentStore(dynamo, residentsTable, null, clock), clock);
        this.files = files;
    }

    /**
     * The stream entry point Lambda calls: an HTTP API event, or the schedule's input ({@code {}},
     * no {@code routeKey}), which announces what is due in every community of the directory.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        if (event != null && event.isObject() && !event.has("routeKey")) {
            output.write(Json.write(Map.of("announced", notices.announceDue())).getBytes(StandardCharsets.UTF_8));
            return;
        }
        HttpApiJson.write(handleRequest(HttpApiJson.event(event), context), output);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, () -> switch (event.getRouteKey()) {
            case "POST /notices" -> {
                NoticeView created = notices.create(Caller.of(event), () -> Json.read(event, CreateNoticeBody.class));
                yield Http.created(created, "/notices/" + created.id());
            }
            case "GET /notices" -> {
                Caller caller = Caller.of(event);
                Cursors.ListQuery page = Cursors.listQuery(event, MAX_PAGE, DEFAULT_PAGE);
                yield Http.ok(notices.list(caller, page.limit(), page.cursor()));
            }
            case "GET /notices/{id}" -> Http.ok(notices.get(Caller.of(event), Http.pathParam(event, "id")));
            case "PATCH /notices/{id}" -> Http.ok(notices.patch(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, PatchNoticeBody.class)));
            case "POST /notices/{id}/publication" -> Http.ok(notices.publish(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, VersionBody.class)));
            case "POST /notices/{id}/withdrawal" -> Http.ok(notices.withdraw(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, VersionBody.class)));
            case "POST /notices/{id}/signup" -> {
                SignUpView signedUp = notices.signUp(Caller.of(event), Http.pathParam(event, "id"), () -> Json.read(event, SignUpBody.class));
                yield Http.created(signedUp, "/notices/" + signedUp.noticeId() + "/signup");
            }
            case "DELETE /notices/{id}/signup" -> {
                notices.cancelSignUp(Caller.of(event), Http.pathParam(event, "id"));
                yield Http.noContent();
            }
            case "POST /notices/{id}/acknowledgement" -> {
                var acknowledged = emergencies.acknowledge(Caller.of(event), Http.pathParam(event, "id"));
                yield Http.created(acknowledged, "/notices/" + acknowledged.noticeId() + "/acknowledgement");
            }
            case "PUT /notices/{id}/answer" -> Http.ok(emergencies.answer(Caller.of(event), Http.pathParam(event, "id"),
                    () -> Json.read(event, AnswerBody.class)));
            case "GET /notices/{id}/answer" -> Http.ok(emergencies.myAnswer(Caller.of(event), Http.pathParam(event, "id")));
            case "GET /notices/{id}/households" -> Http.ok(emergencies.dashboard(Caller.of(event), Http.pathParam(event, "id"),
                    () -> gridQuery(event)));
            case "GET /notices/{id}/answers" -> emergencies.answersCsv(Caller.of(event), Http.pathParam(event, "id"), () -> gridQuery(event));
            default -> throw Problem.notFound();
        });
    }

    /** The query of the emergency dashboard and export: {@code gridId} alone (else 400 {@code unknown_parameter}). */
    private static Map<String, String> gridQuery(APIGatewayV2HTTPEvent event) {
        Check check = Check.of();
        Map<String, String> query = Http.query(event, check, java.util.Set.of("gridId"));
        check.done();
        return query;
    }

    /**
     * Loads the code paths of a first draft, a first list and a first schedule run without writing
     * anything: a draft addressed to a grid the community "priming" lacks is read, checked and
     * refused after the directory Query; a resident's list of that community is the account
     * GetItem and the audience Query. A schedule run is not sent through the handler, since it
     * would announce what is due in the real communities: its reads are, the Query of the
     * communities and that of the priming community's announcements, which has none. The S3 clients are
     * built, and the SNS client exists, so none is built in a resident's first request.
     */
    private void prime() {
        List<Integer> statuses = new ArrayList<>();
        statuses.add(Priming.invoke(this, Priming.httpEvent("POST /notices", Role.STAFF, Map.of("title", "priming", "body", "priming",
                "kind", "announcement", "audience", Map.of("kind", "grids", "gridIds", List.of("G0")),
                "expiresAt", "2100-01-01T00:00:00.000Z"))).path("statusCode").asInt());
        statuses.add(Priming.invoke(this, Priming.httpEvent("GET /notices", Role.RESIDENT, null)).path("statusCode").asInt());
        int due = notices.primeSchedule();
        files.prime();
        Log.info("snapstart.primed_notices_paths", "draftStatus", statuses.get(0), "listStatus", statuses.get(1), "due", due);
    }
}
