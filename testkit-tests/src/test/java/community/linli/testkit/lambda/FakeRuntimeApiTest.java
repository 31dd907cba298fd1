package community.linli.testkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import community.linli.testkit.lambda.InvocationResult.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API protocol, with this test playing the runtime. */
class FakeRuntimeApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeRuntimeApi api = new FakeRuntimeApi();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        api.close();
        http.close();
    }

    @Test
    void next_carriesTheEventAndEveryHeaderTheRuntimeClientReads() throws Exception {
        long before = System.currentTimeMillis();
        CompletableFuture<InvocationResult> invocation = CompletableFuture.supplyAsync(() -> api.invoke("{\"n\":1}", TIMEOUT));

        HttpResponse<String> next = get("invocation/next");

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"n\":1}");
        assertThat(next.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).isPresent();
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(FakeRuntimeApi.DEFAULT_FUNCTION_ARN);
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                .isBetween(before + TIMEOUT.toMillis() - 1000, System.currentTimeMillis() + TIMEOUT.toMillis());
        invocation.cancel(true);
    }

    @Test
    void invoke_whenTheRuntimeResponds_returnsTheResponseWithOrderedTimestamps() throws Exception {
        CompletableFuture<InvocationResult> invocation = CompletableFuture.supplyAsync(() -> api.invoke("{}", TIMEOUT));
        String id = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

        HttpResponse<String> posted = post("invocation/" + id + "/response", "{\"statusCode\":201}", null);

        assertThat(posted.statusCode()).isEqualTo(202);
        InvocationResult result = invocation.get();
        assertThat(result.requestId()).isEqualTo(id);
        assertThat(result.outcome()).isEqualTo(Outcome.RESPONSE);
        assertThat(result.body()).isEqualTo("{\"statusCode\":201}");
        assertThat(result.firstPolledNanos()).isEqualTo(api.firstPolledNanos()).isNotEqualTo(InvocationResult.NEVER);
        assertThat(result.deliveredNanos()).isGreaterThanOrEqualTo(result.firstPolledNanos());
        assertThat(result.completedNanos()).isGreaterThanOrEqualTo(result.deliveredNanos());
    }

    @Test
    void invoke_whenTheRuntimePostsAnError_returnsItWithItsType() throws Exception {
        CompletableFuture<InvocationResult> invocation = CompletableFuture.supplyAsync(() -> api.invoke("{}", TIMEOUT));
        String id = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

        post("invocation/" + id + "/error", "{\"errorMessage\":\"boom\"}", "Runtime.UserException");

        InvocationResult result = invocation.get();
        assertThat(result.outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
        assertThat(result.body()).isEqualTo("{\"errorMessage\":\"boom\"}");
        assertThat(result.errorType()).isEqualTo("Runtime.UserException");
    }

    @Test
    void initError_answersThePendingInvocationAndEveryLaterOne() throws Exception {
        CompletableFuture<InvocationResult> pending = CompletableFuture.supplyAsync(() -> api.invoke("{}", TIMEOUT));
        Thread.sleep(100);

        post("init/error", "{\"errorMessage\":\"no table\"}", "Runtime.BadFunctionCode");

        assertThat(pending.get().outcome()).isEqualTo(Outcome.INIT_ERROR);
        assertThat(pending.get().body()).contains("no table");
        assertThat(api.invoke("{}", TIMEOUT).outcome()).isEqualTo(Outcome.INIT_ERROR);
    }

    @Test
    void response_forAnUnknownRequestId_isRejected() throws Exception {
        HttpResponse<String> posted = post("invocation/not-a-request/response", "{}", null);

        assertThat(posted.statusCode()).isEqualTo(400);
    }

    @Test
    void invoke_whenNoRuntimeEverPolls_failsSayingSo() {
        Throwable thrown = catchThrowable(() -> api.invoke("{}", Duration.ofMillis(300)));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("never called /next");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (errorType != null) request.header("Lambda-Runtime-Function-Error-Type", errorType);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
    }
}
