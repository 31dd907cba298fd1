package community.linli.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy between the SDK and moto that makes AWS fail on purpose, since moto has no fault
 * injection. Point a function's {@code LINLI_AWS_ENDPOINT} at {@link #endpoint()}; each request
 * is forwarded to moto unchanged unless a {@link Rule} matches its service and operation, and then
 * the proxy answers what AWS answers when it throttles or fails, on that service's own wire
 * protocol (JSON with {@code __type} for DynamoDB and KMS, S3's REST XML, SNS's query XML), or
 * does not answer at all. The service comes from the SigV4 credential scope; the operation from
 * {@code X-Amz-Target} (DynamoDB, KMS), the {@code Action} form field (SNS) or the method and
 * path (S3: HeadObject, GetObject, PutObject, DeleteObject).
 */
public final class FaultProxy implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern QUERY_SCOPE = Pattern.compile("X-Amz-Credential=[^&]*?(?:%2F|/)\\d{8}(?:%2F|/)[^&%/]+(?:%2F|/)([^&%/]+)(?:%2F|/)aws4_request");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "date", "keep-alive");

    private final URI upstream;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger faults = new AtomicInteger();

    /** One request the proxy saw, and whether a rule answered it. */
    public record Call(String service, String operation, boolean faulted) {}

    /** What a rule answers: a status, headers and a body, or no answer for {@code silence}. */
    public record Fault(int status, String contentType, String body, Duration silence) {
        private static final String DYNAMODB_TYPE = "com.amazonaws.dynamodb.v20120810#";

        /** DynamoDB's 400 ThrottlingException (control plane and on-demand tables past their limits). */
        public static Fault dynamoDbThrottling() {
            return json10(400, DYNAMODB_TYPE + "ThrottlingException", "Rate of requests exceeds the allowed throughput.");
        }

        /** DynamoDB's 400 ProvisionedThroughputExceededException. */
        public static Fault dynamoDbThroughputExceeded() {
            return json10(400, DYNAMODB_TYPE + "ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded.");
        }

        /** DynamoDB's 500 InternalServerError. */
        public static Fault dynamoDbInternalError() {
            return json10(500, DYNAMODB_TYPE + "InternalServerError", "Internal server error");
        }

        /**
         * A TransactWriteItems of {@code items} items that DynamoDB cancelled because the last one was
         * throttled: 400 TransactionCanceledException with a {@code ThrottlingError} reason; none is written.
         */
        public static Fault dynamoDbTransactionThrottled(int items) {
            StringBuilder reasons = new StringBuilder();
            StringBuilder codes = new StringBuilder();
            for (int i = 0; i < items; i++) {
                boolean last = i == items - 1;
                if (i > 0) { reasons.append(','); codes.append(", "); }
                reasons.append(last ? "{\"Code\":\"ThrottlingError\",\"Message\":\"Throughput exceeds the current capacity of your table or index.\"}"
                        : "{\"Code\":\"None\"}");
                codes.append(last ? "ThrottlingError" : "None");
            }
            return new Fault(400, "application/x-amz-json-1.0", "{\"__type\":\"" + DYNAMODB_TYPE + "TransactionCanceledException\","
                    + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]\","
                    + "\"CancellationReasons\":[" + reasons + "]}", null);
        }

        /** S3's 503 SlowDown (a HEAD gets the status without the body, as from S3). */
        public static Fault s3SlowDown() {
            return new Fault(503, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
                    + "<Message>Please reduce your request rate.</Message><RequestId>FAULTPROXY</RequestId>"
                    + "<HostId>faultproxy</HostId></Error>", null);
        }

        /** SNS's 400 Throttling, in the query protocol's XML. */
        public static Fault snsThrottling() {
            return new Fault(400, "text/xml", "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                    + "<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                    + "<RequestId>f4c1a9e2-0000-4000-8000-faultproxy00</RequestId></ErrorResponse>", null);
        }

        /** KMS's 400 ThrottlingException. */
        public static Fault kmsThrottling() {
            return json11(400, "ThrottlingException", "Rate exceeded");
        }

        /** KMS's 500 KMSInternalException. */
        public static Fault kmsInternalError() {
            return json11(500, "KMSInternalException", "An internal error occurred.");
        }

        /** No answer: the connection is held for {@code silence}, then closed, and the request never reaches moto. */
        public static Fault noAnswerFor(Duration silence) {
            return new Fault(0, null, null, silence);
        }

        private static Fault json10(int status, String type, String message) {
            return new Fault(status, "application/x-amz-json-1.0", "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", null);
        }

        private static Fault json11(int status, String type, String message) {
            return new Fault(status, "application/x-amz-json-1.1", "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", null);
        }
    }

    /** Answers {@code fault} to the requests it matches, from the {@code skip}-th on, {@code times} of them. */
    private record Rule(String service, String operation, Fault fault, int skip, int times, AtomicInteger seen) {
        boolean matches(String service, String operation) {
            if (!this.service.equals(service) || !(this.operation.equals("*") || this.operation.equals(operation))) return false;
            int n = seen.getAndIncrement();
            return n >= skip && n - skip < times;
        }
    }

    private FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy in front of the emulator at {@code upstream}, on a free loopback port. */
    public static FaultProxy start(URI upstream) {
        try {
            return new FaultProxy(upstream);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /**
     * The variables that send a function's AWS calls through this proxy, with a small call budget
     * set the way template.yaml sets the real one: 2 attempts of at most 1 s each, 2.5 s in all, so
     * a test of retries and timeouts takes seconds. Pass them to {@link LocalAws#overrideEnvironment}.
     */
    public Map<String, String> environment() {
        return Map.of(community.linli.platform.Aws.ENDPOINT_VARIABLE, endpoint().toString(),
                community.linli.platform.Aws.Calls.MAX_ATTEMPTS_VARIABLE, "2",
                community.linli.platform.Aws.Calls.ATTEMPT_TIMEOUT_VARIABLE, "1000",
                community.linli.platform.Aws.Calls.CALL_TIMEOUT_VARIABLE, "2500");
    }

    /** Makes every later request to {@code service} ({@code dynamodb}, {@code s3}, {@code sns}, {@code kms}) for {@code operation} ({@code *}: any) fail with {@code fault}. */
    public FaultProxy inject(String service, String operation, Fault fault) {
        rules.add(new Rule(service, operation, fault, 0, Integer.MAX_VALUE, new AtomicInteger()));
        return this;
    }

    /**
     * An outage that comes and goes: of the requests to {@code service} for {@code operation}, lets the
     * first {@code passing} through to moto, fails the {@code failing} after them with {@code fault}
     * (each SDK attempt counts), and lets every later one through again.
     */
    public FaultProxy injectRun(String service, String operation, int passing, int failing, Fault fault) {
        rules.add(new Rule(service, operation, fault, passing, failing, new AtomicInteger()));
        return this;
    }

    /** Every request seen so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many requests to {@code service} for {@code operation} a rule answered: the SDK's attempts. */
    public long faulted(String service, String operation) {
        return calls.stream().filter(c -> c.faulted() && c.service().equals(service) && c.operation().equals(operation)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String service = service(exchange);
            String operation = operation(service, exchange, body);
            Rule rule = rules.stream().filter(r -> r.matches(service, operation)).findFirst().orElse(null);
            calls.add(new Call(service, operation, rule != null));
            if (rule == null) {
                forward(exchange, body);
            } else if (rule.fault().silence() != null) {
                Thread.sleep(rule.fault().silence());
            } else {
                answer(exchange, service, rule.fault());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the SDK gave up on this attempt (its timeout) and closed the connection
        }
    }

    private void answer(HttpExchange exchange, String service, Fault fault) throws IOException {
        String requestId = "faultproxy-" + faults.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", fault.contentType());
        exchange.getResponseHeaders().set(service.equals("s3") ? "x-amz-request-id" : "x-amzn-RequestId", requestId);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(fault.status(), -1);
            return;
        }
        byte[] bytes = fault.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fault.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = upstream.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        var request = HttpRequest.newBuilder(uri).method(exchange.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
        });
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // a HEAD's Content-Length is the object's size, which the SDK reads; otherwise the server sets it
            boolean keep = !NOT_FORWARDED.contains(lower) || (head && lower.equals("content-length"));
            if (keep && !lower.startsWith(":")) exchange.getResponseHeaders().put(name, values);
        });
        try (InputStream in = response.body()) {
            byte[] bytes = in.readAllBytes();
            exchange.sendResponseHeaders(response.statusCode(), head || bytes.length == 0 ? -1 : bytes.length);
            if (!head && bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static String service(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = authorization == null ? null : SCOPE.matcher(authorization);
        if (m != null && m.find()) return m.group(1);
        String query = exchange.getRequestURI().getRawQuery();
        Matcher q = query == null ? null : QUERY_SCOPE.matcher(query);
        return q != null && q.find() ? q.group(1) : "unknown";
    }

    private static String operation(String service, HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) return target.substring(target.indexOf('.') + 1);
        if (service.equals("s3")) {
            String path = exchange.getRequestURI().getPath();
            boolean object = path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
            if (!object) return "Bucket" + exchange.getRequestMethod();
            return switch (exchange.getRequestMethod()) {
                case "HEAD" -> "HeadObject";
                case "GET" -> "GetObject";
                case "PUT" -> "PutObject";
                case "DELETE" -> "DeleteObject";
                default -> exchange.getRequestMethod() + "Object";
            };
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        return form.getOrDefault("Action", "unknown");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
