package community.linli.platform;

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
 * <p>CRaC keeps only weak references to resources, so the registered hooks are held here.
 */
public final class Priming implements Resource {
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
