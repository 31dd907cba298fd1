package community.linli.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP side of the local API: a JDK HTTP server on the loopback interface that turns each
 * exchange into an {@link ApiRequest} for the {@link HttpApiGateway} and writes its answer back.
 */
final class LocalHttpApi implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final PrintStream console;
    private volatile boolean started;

    private LocalHttpApi(HttpServer server, PrintStream console) {
        this.server = server;
        this.console = console;
    }

    /** Takes the port (0 for any free one) before anything else needs to know it, such as the token issuer. */
    static LocalHttpApi bind(int port, PrintStream console) {
        try {
            return new LocalHttpApi(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0), console);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on port " + port + " (in use? set LINLI_PORT): " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(HttpApiGateway gateway) {
        server.createContext("/", exchange -> serve(exchange, gateway));
        server.setExecutor(executor);
        server.start();
        started = true;
    }

    private void serve(HttpExchange exchange, HttpApiGateway gateway) {
        try (exchange) {
            ApiResponse response;
            try {
                response = gateway.handle(read(exchange));
            } catch (RuntimeException e) {
                console.println("[api] the local gateway failed:");
                e.printStackTrace(console);
                response = HttpApiGateway.internalServerError();
            }
            write(exchange, response);
        } catch (IOException clientWentAway) {
            // The client closed the connection; there is nobody left to answer.
        }
    }

    private static ApiRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(HttpApiGateway.MAX_BODY_BYTES + 1);
        }
        var uri = exchange.getRequestURI();
        return new ApiRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), exchange.getRequestHeaders(),
                body, exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
        int status = response.status();
        boolean bodyless = status == 204 || status == 304 || status < 200 || exchange.getRequestMethod().equals("HEAD")
                || response.body().length == 0;
        exchange.sendResponseHeaders(status, bodyless ? -1 : response.body().length);
        if (!bodyless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        if (started) server.stop(0);
        executor.shutdownNow();
    }
}
