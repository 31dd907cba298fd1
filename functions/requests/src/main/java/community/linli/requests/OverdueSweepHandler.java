package community.linli.requests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.platform.store.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OverdueSweepFunction: every few minutes (a schedule in template.yaml), flags the open requests of
 * each listed community that have passed their time limit, once each, writing an {@code overdue}
 * timeline item that the alerts turn into SMS and e-mail. Input {@code {"communities": ["demo"]}}
 * (the template's CommunityIds); output the number flagged per community. Reads the ByCommunity
 * index (a Query per page, due before now), writes the RequestsTable.
 */
public final class OverdueSweepHandler implements RequestStreamHandler {
    static final int PAGE = 100;

    private final RequestStore store;
    private final Clock clock;

    public OverdueSweepHandler() {
        this(new RequestStore(Aws.dynamoDb(), Env.require("REQUESTS_TABLE"), Clock.systemUTC()), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    OverdueSweepHandler(RequestStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The schedule's input. */
    record Input(List<String> communities) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Input request = Json.MAPPER.readValue(input, Input.class);
        Map<String, Integer> flagged = new java.util.LinkedHashMap<>();
        for (String community : request.communities() == null ? List.<String>of() : request.communities()) {
            flagged.put(community, sweep(community));
        }
        output.write(Json.write(Map.of("flagged", flagged)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sweeps the priming community, which has no requests, through the stream entry point: the
     * index Query and the JSON both ways, without a write.
     */
    private void prime() {
        var swept = Priming.invoke(this, Json.write(new Input(List.of(Priming.COMMUNITY))));
        Log.info("snapstart.primed_sweep", "flagged", swept.path("flagged").path(Priming.COMMUNITY).asInt());
    }

    /** Flags every open request of {@code community} due before now that is not flagged yet. */
    int sweep(String community) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int flagged = 0;
        String cursor = null;
        do {
            Page<ResidentRequest> page = store.inbox(new RequestStore.InboxQuery(community, null, null, true,
                    Set.of(), null, now, PAGE, cursor));
            for (ResidentRequest request : page.items()) {
                if (!request.overdueFlagged() && store.flagOverdue(request, now)) flagged++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        Log.info("requests.overdue_sweep", "communityId", community, "flagged", flagged);
        return flagged;
    }
}
