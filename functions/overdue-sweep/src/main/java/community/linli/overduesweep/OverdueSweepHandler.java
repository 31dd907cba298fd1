package community.linli.overduesweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.platform.store.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * OverdueSweepFunction: every few minutes (a schedule in template.yaml), marks the open requests of
 * every community whose due time has passed with one {@code overdue} timeline item per due time, a
 * record on the table's stream for the alerts. The communities come from the directory
 * ({@link DirectoryStore#communities()}, one Query), so a new community is swept from its first grid
 * on, with no redeploy; the schedule's input ({@code {}}) carries nothing. Output: the number marked
 * per community.
 *
 * <p>It never changes a request, so no person's write can fail because of it: the mark is its own
 * item, under a key made of the due time, written only if absent. Each run reads only the requests
 * that became due since the last: the community's watermark (GetItem), a Query of the ByCommunity
 * index for due times from the watermark to now less {@link #INDEX_SETTLE}, a PutItem per request
 * found and one to move the watermark. A triage that moves a due time into the past marks the
 * request itself, since the sweep does not look behind its watermark.
 *
 * <p>The same window, shifted by the escalation's waits, marks the later steps ({@link Escalation}):
 * the warning at 80% of a limit, level 2 (on-duty staff) and level 3 (the community's head), each an
 * item of its own written only if absent, each a record on the stream for the alerts. The waits
 * come from {@code ESCALATE_TO_DUTY_AFTER} and {@code ESCALATE_TO_HEAD_AFTER}. Output: the number
 * marked overdue per community ({@code flagged}) and of each later step ({@code escalated}).
 */
public final class OverdueSweepHandler implements RequestStreamHandler {
    static final int PAGE = 100;
    /** How far behind now a run reads the index, for writes to reach it. */
    public static final Duration INDEX_SETTLE = Duration.ofMinutes(1);

    private final RequestStore store;
    private final DirectoryStore directory;
    private final Clock clock;
    private final Escalation escalation;

    public OverdueSweepHandler() {
        this(new RequestStore(Aws.dynamoDb(), Env.require("REQUESTS_TABLE"), Clock.systemUTC()),
                new DirectoryStore(Aws.dynamoDb(), Env.require("DIRECTORY_TABLE")), Clock.systemUTC(), Escalation.Waits.fromEnv());
        Priming.beforeSnapshot(this::prime);
    }

    /** With its collaborators and the default waits; the requests function's tests sweep what its handler wrote. */
    public OverdueSweepHandler(RequestStore store, DirectoryStore directory, Clock clock) {
        this(store, directory, clock, Escalation.Waits.DEFAULT);
    }

    public OverdueSweepHandler(RequestStore store, DirectoryStore directory, Clock clock, Escalation.Waits waits) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.escalation = new Escalation(store, waits);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.MAPPER.readTree(input);
        Map<String, Integer> flagged = new java.util.LinkedHashMap<>();
        Map<String, Map<String, Integer>> escalated = new java.util.LinkedHashMap<>();
        for (String community : directory.communities()) {
            Run run = run(community);
            flagged.put(community, run.flagged());
            Map<String, Integer> steps = new java.util.LinkedHashMap<>();
            run.escalated().forEach((step, count) -> steps.put(step.wire(), count));
            escalated.put(community, steps);
        }
        output.write(Json.write(Map.of("flagged", flagged, "escalated", escalated)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads what a run loads without its writes (a run always moves its watermark, so it cannot
     * be primed through the stream entry point): the schedule's input read with Json, the Query of
     * the communities, the watermark's GetItem and the index Query for the priming community, which
     * has neither, and the output written.
     */
    private void prime() {
        Json.parse("{}", com.fasterxml.jackson.databind.JsonNode.class);
        directory.communities();
        Instant until = clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(INDEX_SETTLE);
        store.sweepWatermark(Priming.COMMUNITY);
        int due = store.dueBetween(Priming.COMMUNITY, null, until, PAGE, null).items().size();
        Json.write(Map.of("flagged", Map.of(Priming.COMMUNITY, 0)));
        Log.info("snapstart.primed_sweep", "due", due);
    }

    /**
     * Marks the open requests of {@code community} that became due since the last run. The index is
     * eventually consistent: a due time moved moments ago may not be in it yet, so a run reads only
     * up to {@link #INDEX_SETTLE} ago, and the next run starts there.
     */
    public int sweep(String community) {
        return run(community).flagged();
    }

    /** What one run of a community marked: overdue, and each later step of the escalation. */
    record Run(int flagged, Map<EscalationStep, Integer> escalated) {}

    private Run run(String community) {
        Instant until = clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(INDEX_SETTLE);
        Instant from = store.sweepWatermark(community).orElse(null);
        if (from != null && !from.isBefore(until)) return new Run(0, Map.of());
        int read = 0;
        int flagged = 0;
        String cursor = null;
        do {
            Page<ResidentRequest> page = store.dueBetween(community, from, until, PAGE, cursor);
            for (ResidentRequest request : page.items()) {
                read++;
                if (request.expectedAt() != null && store.flagOverdue(request)) flagged++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        Map<EscalationStep, Integer> escalated = escalation.run(community, from, until);
        store.moveSweepWatermark(community, until);
        Log.info("requests.overdue_sweep", "communityId", community, "read", read, "flagged", flagged,
                "preOverdue", escalated.get(EscalationStep.PRE_OVERDUE), "onDuty", escalated.get(EscalationStep.ON_DUTY),
                "head", escalated.get(EscalationStep.HEAD));
        return new Run(flagged, escalated);
    }
}
