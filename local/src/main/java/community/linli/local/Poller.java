package community.linli.local;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A background loop that runs one step after another until closed, as Lambda's pollers do. A
 * failing step is retried with a growing pause and reported once when it fails twice in a row, so
 * neither a broken emulator nor Ctrl-C (which stops moto while the JVM is still shutting down)
 * floods the console.
 */
final class Poller implements AutoCloseable {
    /** One round of polling; it may block briefly (a long poll) but must return. */
    interface Step {
        void run() throws Exception;
    }

    private static final Duration MIN_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String name;
    private final Duration pause;
    private final Step step;
    private final PrintStream console;
    private final Thread thread;
    private volatile boolean closed;

    private Poller(String name, Duration pause, Step step, PrintStream console) {
        this.name = name;
        this.pause = pause;
        this.step = step;
        this.console = console;
        this.thread = Thread.ofPlatform().name("local-" + name).daemon().unstarted(this::loop);
    }

    static Poller start(String name, Duration pause, Step step, PrintStream console) {
        Poller poller = new Poller(name, pause, step, console);
        poller.thread.start();
        return poller;
    }

    private void loop() {
        Duration backoff = pause;
        int failures = 0;
        while (!closed) {
            try {
                step.run();
                if (failures > 1) console.println("[" + name + "] recovered");
                failures = 0;
                backoff = pause;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) return;
                if (++failures == 2) console.println("[" + name + "] failing, will keep retrying: " + e);
                backoff = clamp(backoff.multipliedBy(2));
            }
            try {
                Thread.sleep(failures > 0 ? backoff : pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Duration clamp(Duration backoff) {
        if (backoff.compareTo(MIN_BACKOFF) < 0) return MIN_BACKOFF;
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
