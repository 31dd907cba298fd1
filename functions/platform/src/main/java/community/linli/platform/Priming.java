package community.linli.platform;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.auth.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart hooks. Under SnapStart, Lambda runs the init phase once, then snapshots the JVM;
 * work done in {@code beforeCheckpoint} (loading the SDK's marshallers, Jackson's serializers,
 * opening TLS) lands in the snapshot instead of in a resident's first request.
 *
 * <p>A hook primes best by sending a harmless event through the handler's stream entry point
 * ({@link #invoke}), the method Lambda calls, so that reading the event and writing the response
 * are primed with everything between. Priming never writes: it asks for what does not exist
 * (the community {@value #COMMUNITY}) or is refused before any write.
 *
 * <p>CRaC keeps only weak references to resources, so the registered hooks are held here.
 */
public final class Priming implements Resource {
    /** The community every priming event comes from; no directory or request of it exists. */
    public static final String COMMUNITY = "priming";

    private static final List<Priming> HELD = new ArrayList<>();

    private final Runnable prime;

    private Priming(Runnable prime) {
        this.prime = prime;
    }

    /** Runs {@code prime} before a SnapStart snapshot is taken; a failure is logged and never blocks the snapshot. */
    public static synchronized void beforeSnapshot(Runnable prime) {
        Priming hook = new Priming(prime);
        HELD.add(hook);
        Core.getGlobalContext().register(hook);
    }

    /** Sends {@code eventJson} through {@code handler}'s stream entry point and returns what it wrote. */
    public static JsonNode invoke(RequestStreamHandler handler, String eventJson) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An HTTP API payload 2.0 event for {@code routeKey} from a caller of {@link #COMMUNITY} in
     * {@code role}, with a JSON {@code body} (or none), shaped as API Gateway sends it.
     */
    public static String httpEvent(String routeKey, Role role, Object body) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0").put("routeKey", routeKey).put("rawPath", routeKey.split(" ", 2)[1]).put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "priming").put("routeKey", routeKey).put("stage", "$default").put("timeEpoch", 0L);
        context.putObject("http").put("method", routeKey.split(" ", 2)[0]).put("path", routeKey.split(" ", 2)[1]);
        context.putObject("authorizer").putObject("jwt").putObject("claims")
                .put("sub", COMMUNITY).put("community_id", COMMUNITY).put("groups", "[" + role.group + "]");
        if (body != null) event.put("body", Json.write(body));
        event.put("isBase64Encoded", false);
        return Json.write(event);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime.run();
            Log.info("snapstart.primed");
        } catch (RuntimeException e) {
            Log.error("snapstart.priming_failed", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Log.info("snapstart.restored");
    }
}
