package community.linli.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto in server mode: one local process that speaks the real AWS wire protocols (DynamoDB, S3,
 * SNS, SQS, KMS) on one port. It comes from the project's virtualenv ({@code .venv}, made by
 * {@code scripts/bootstrap}), started by {@code scripts/moto_server.py} (what it leaves out of
 * moto's work, and why, is said there). The process and everything it started die with {@link #close} or,
 * failing that, with the JVM.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("moto listening on port (\\d+)");

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "moto-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts moto on a loopback port the system picks free as moto binds it, and waits until it answers. */
    public static MotoServer start() {
        return start(0);
    }

    /** Starts moto on {@code port} (0: any free port) and waits until it answers. */
    public static MotoServer start(int port) {
        Path python = Repo.file(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(python + " is missing; run scripts/bootstrap to create the virtualenv");
        }
        try {
            Path log = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(List.of(python.toString(), Repo.file("scripts/moto_server.py").toString(),
                    "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            long deadline = System.nanoTime() + STARTUP.toNanos();
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + boundPort(process, log, deadline)), log);
            server.awaitReady(deadline);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start moto", e);
        }
    }

    /** The port from moto's first line ({@code moto listening on port <n>}, scripts/moto_server.py). */
    private static int boundPort(Process process, Path log, long deadline) throws IOException {
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(log));
            if (listening.find()) return Integer.parseInt(listening.group(1));
            if (!process.isAlive()) throw new IllegalStateException("moto exited with " + process.exitValue() + "; see " + log);
            sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto did not bind a port within " + STARTUP + "; see " + log);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** moto's own view of its state, e.g. direct SMS publishes under {@code sns.SMS}. */
    public String data() {
        return get("/moto-api/data.json");
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; nothing left to remove
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(long deadline) {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 200);
                get("/moto-api/data.json");
                return;
            } catch (IOException | IllegalStateException notYet) {
                sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("moto did not answer within " + STARTUP + "; see " + log);
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build());
    }

    private static String send(HttpRequest request) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) throw new IllegalStateException("moto answered " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("moto is not answering", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
