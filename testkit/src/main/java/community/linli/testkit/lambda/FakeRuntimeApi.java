package community.linli.testkit.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import community.linli.testkit.lambda.InvocationResult.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Lambda Runtime API (version 2018-06-01) for one function instance, on 127.0.0.1 and a free
 * port, so that the real runtime interface client can run a handler on this machine.
 *
 * <p>Routes: {@code GET /runtime/invocation/next} blocks until {@link #invoke} queues an event;
 * {@code POST /runtime/invocation/{id}/response} and {@code /error} complete that invocation;
 * {@code POST /runtime/init/error} fails the pending invocation and every later one. Each answer
 * carries {@code Content-Type: application/json}: the client's native part crashes the JVM when
 * {@code /next} has none.
 *
 * <p>Thread-safe. {@link #close()} stops the server; a runtime still waiting on {@code /next}
 * loses its connection and exits after its retries.
 */
public final class FakeRuntimeApi implements AutoCloseable {
    public static final String DEFAULT_FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:linli-local";

    private static final String BASE = "/2018-06-01/runtime/";
    private static final String JSON = "application/json";
    private static final Duration POLL_SLICE = Duration.ofMillis(200);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong firstPolledNanos = new AtomicLong(InvocationResult.NEVER);
    private final Object lock = new Object();
    private Terminal terminal;
    private volatile boolean closed;

    public FakeRuntimeApi() {
        this(DEFAULT_FUNCTION_ARN);
    }

    public FakeRuntimeApi(String functionArn) {
        this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the fake Runtime API on 127.0.0.1", e);
        }
        // /next holds its thread until an event arrives, so each exchange needs its own thread.
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:port}, the form {@code AWS_LAMBDA_RUNTIME_API} takes. */
    public String address() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** When the runtime first asked for work, which is when its init phase ended; {@link InvocationResult#NEVER} until then. */
    public long firstPolledNanos() {
        return firstPolledNanos.get();
    }

    /**
     * Hands {@code eventJson} to the runtime on its next {@code /next} and waits for the outcome.
     * The deadline the handler sees ({@code Context.getRemainingTimeInMillis()}) is {@code timeout}.
     *
     * @throws IllegalStateException if nothing comes back within {@code timeout}; the message says
     *     whether the runtime ever polled and whether it took the event
     */
    public InvocationResult invoke(String eventJson, Duration timeout) {
        Objects.requireNonNull(eventJson, "eventJson");
        Objects.requireNonNull(timeout, "timeout");
        if (closed) throw new IllegalStateException("The fake Runtime API is closed");
        var pending = new Pending(UUID.randomUUID().toString(), eventJson, Instant.now().plus(timeout).toEpochMilli());
        synchronized (lock) {
            if (terminal != null) return terminal.resultFor(pending, firstPolledNanos.get());
            inFlight.put(pending.id, pending);
            queue.add(pending);
        }
        try {
            return pending.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            queue.remove(pending);
            inFlight.remove(pending.id);
            throw new IllegalStateException("No answer to invocation " + pending.id + " within " + timeout
                    + (firstPolledNanos.get() == InvocationResult.NEVER
                            ? ": the runtime never called /next (still initializing, or not started)"
                            : pending.deliveredNanos == InvocationResult.NEVER
                                    ? ": the runtime polled but did not take the event"
                                    : ": the runtime took the event but posted no response or error"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for invocation " + pending.id, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Invocation " + pending.id + " failed", e.getCause());
        }
    }

    /**
     * Records that the runtime process ended. The invocations still waiting, and every later one,
     * complete as {@link Outcome#RUNTIME_EXITED} with {@code description}; an init error already
     * reported stays the answer.
     */
    public void runtimeExited(String description) {
        terminate(new Terminal(Outcome.RUNTIME_EXITED, description, null));
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        runtimeExited("The fake Runtime API was closed");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/response".length()), Outcome.RESPONSE);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/error".length()), Outcome.FUNCTION_ERROR);
            } else {
                drain(exchange);
                send(exchange, 404, "{\"errorType\":\"UnknownRoute\",\"errorMessage\":\"" + method + " " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPolledNanos.compareAndSet(InvocationResult.NEVER, System.nanoTime());
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queue.poll(POLL_SLICE.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) return;
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", JSON);
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.id);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineEpochMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        byte[] body = pending.eventJson.getBytes(StandardCharsets.UTF_8);
        pending.deliveredNanos = System.nanoTime();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void complete(HttpExchange exchange, String requestId, Outcome outcome) throws IOException {
        String body = drain(exchange);
        long arrived = System.nanoTime();
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            send(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown or already answered\"}");
            return;
        }
        String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        pending.result.complete(new InvocationResult(requestId, outcome, body, errorType,
                firstPolledNanos.get(), pending.deliveredNanos, arrived));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void initError(HttpExchange exchange) throws IOException {
        String body = drain(exchange);
        terminate(new Terminal(Outcome.INIT_ERROR, body,
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void terminate(Terminal outcome) {
        synchronized (lock) {
            if (terminal == null) terminal = outcome;
            for (Pending pending : inFlight.values()) {
                if (inFlight.remove(pending.id, pending)) {
                    queue.remove(pending);
                    pending.result.complete(terminal.resultFor(pending, firstPolledNanos.get()));
                }
            }
        }
    }

    private static String drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** An X-Ray trace header as Lambda sends it: the root carries the epoch seconds in hex. */
    private static String traceId() {
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }

    private static final class Pending {
        final String id;
        final String eventJson;
        final long deadlineEpochMillis;
        final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        volatile long deliveredNanos = InvocationResult.NEVER;

        Pending(String id, String eventJson, long deadlineEpochMillis) {
            this.id = id;
            this.eventJson = eventJson;
            this.deadlineEpochMillis = deadlineEpochMillis;
        }
    }

    private record Terminal(Outcome outcome, String body, String errorType) {
        InvocationResult resultFor(Pending pending, long firstPolled) {
            return new InvocationResult(pending.id, outcome, body, errorType, firstPolled, pending.deliveredNanos, System.nanoTime());
        }
    }
}
