package community.linli.testkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.testkit.lambda.InvocationResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs handlers through the real runtime interface client in a child JVM. */
class LambdaProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) closeable.close();
    }

    @Test
    void invoke_echoHandler_returnsTheEvent() throws Exception {
        Path zip = Packages.zip(temp.resolve("echo.zip"), EchoHandler.class);
        FakeRuntimeApi api = open(new FakeRuntimeApi());
        LambdaProcess process = open(LambdaProcess.builder(EchoHandler.class.getName() + "::handleRequest")
                .zip(zip).runtimeApi(api).start());
        String event = "{\"greeting\":\"你好，邻里\",\"count\":3,\"nested\":{\"ok\":true}}";

        InvocationResult result = api.invoke(event, TIMEOUT);

        assertThat(result.outcome()).as(process.output()).isEqualTo(Outcome.RESPONSE);
        assertThat(JSON.readTree(result.body())).isEqualTo(JSON.readTree(event));
        assertThat(result.firstPolledNanos()).isGreaterThan(process.spawnedAtNanos());
        assertThat(result.deliveredNanos()).isGreaterThanOrEqualTo(result.firstPolledNanos());
        assertThat(result.completedNanos()).isGreaterThan(result.deliveredNanos());
    }

    @Test
    void invoke_handlerInALibJar_isLoadedFromThere() throws Exception {
        Path task = Packages.taskDirWithLibJar(Files.createDirectory(temp.resolve("task")), EchoHandler.class);
        FakeRuntimeApi api = open(new FakeRuntimeApi());
        LambdaProcess process = open(LambdaProcess.builder(EchoHandler.class.getName() + "::handleRequest")
                .taskDir(task).runtimeApi(api).start());

        InvocationResult result = api.invoke("{\"from\":\"lib\"}", TIMEOUT);

        assertThat(result.outcome()).as(process.output()).isEqualTo(Outcome.RESPONSE);
        assertThat(JSON.readTree(result.body()).path("from").asText()).isEqualTo("lib");
    }

    @Test
    void invoke_environmentHandler_seesLambdasVariablesAndFlagsAndOnlyTheRuntimeOnItsClassPath() throws Exception {
        Path task = Packages.taskDir(Files.createDirectory(temp.resolve("task")), EnvironmentHandler.class);
        FakeRuntimeApi api = open(new FakeRuntimeApi());
        LambdaProcess process = open(LambdaProcess.builder(EnvironmentHandler.class.getName() + "::handleRequest")
                .taskDir(task).runtimeApi(api).functionName("RequestsFunction").memoryMb(512)
                .environment(Map.of("REQUESTS_TABLE", "linli-requests", "AWS_REGION", "ap-east-1"))
                .start());
        String callersOwn = System.getenv().keySet().stream()
                .filter(name -> !name.startsWith("AWS_") && !name.startsWith("LAMBDA_") && !name.startsWith("_")
                        && !List.of("PATH", "LANG", "TZ").contains(name))
                .findFirst().orElseThrow();
        String event = JSON.writeValueAsString(Map.of("variables", List.of(
                "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_REGION", "AWS_DEFAULT_REGION",
                "LAMBDA_TASK_ROOT", "_HANDLER", "TZ", "REQUESTS_TABLE", callersOwn)));

        InvocationResult result = api.invoke(event, TIMEOUT);

        assertThat(result.outcome()).as(process.output()).isEqualTo(Outcome.RESPONSE);
        JsonNode seen = JSON.readTree(result.body());
        JsonNode variables = seen.path("variables");
        assertThat(variables.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("RequestsFunction");
        assertThat(variables.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("512");
        assertThat(variables.path("AWS_REGION").asText()).isEqualTo("ap-east-1");
        assertThat(variables.path("AWS_DEFAULT_REGION").asText()).isEqualTo("ap-east-1");
        assertThat(variables.path("LAMBDA_TASK_ROOT").asText()).isEqualTo(task.toAbsolutePath().toString());
        assertThat(variables.path("_HANDLER").asText()).isEqualTo(EnvironmentHandler.class.getName() + "::handleRequest");
        assertThat(variables.path("TZ").asText()).isEqualTo(":UTC");
        assertThat(variables.path("REQUESTS_TABLE").asText()).isEqualTo("linli-requests");
        assertThat(variables.path(callersOwn).textValue()).as("the caller's " + callersOwn + " is not inherited").isNull();
        assertThat(seen.path("functionName").asText()).isEqualTo("RequestsFunction");
        assertThat(seen.path("memoryLimitInMB").asInt()).isEqualTo(512);
        assertThat(seen.path("workingDirectory").asText()).isEqualTo(task.toAbsolutePath().toString());
        assertThat(seen.path("jvmArguments").toString())
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxHeapSize=445645k");
        assertThat(seen.path("classPath").asText().split(java.io.File.pathSeparator))
                .containsExactlyElementsOf(LambdaProcess.runtimeClasspath().stream().map(Path::toString).toList())
                .noneMatch(entry -> entry.contains("test-classes") || entry.startsWith(task.toString()));
        assertThat(seen.path("handlerLoader").asText()).endsWith("CustomerClassLoader");
    }

    @Test
    void invoke_whenHandlerThrows_reportsAFunctionErrorCarryingTheException() throws Exception {
        Path task = Packages.taskDir(Files.createDirectory(temp.resolve("task")), ThrowingHandler.class);
        FakeRuntimeApi api = open(new FakeRuntimeApi());
        LambdaProcess process = open(LambdaProcess.builder(ThrowingHandler.class.getName() + "::handleRequest")
                .taskDir(task).runtimeApi(api).start());

        InvocationResult result = api.invoke("{}", TIMEOUT);

        assertThat(result.outcome()).as(process.output()).isEqualTo(Outcome.FUNCTION_ERROR);
        JsonNode error = JSON.readTree(result.body());
        assertThat(error.path("errorType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.path("errorMessage").asText()).isEqualTo(ThrowingHandler.MESSAGE);
        assertThat(process.isAlive()).as("a failed invocation does not end the runtime").isTrue();
    }

    @Test
    void invoke_whenHandlerConstructorThrows_reportsAnInitError() throws Exception {
        Path task = Packages.taskDir(Files.createDirectory(temp.resolve("task")), FailingInitHandler.class);
        FakeRuntimeApi api = open(new FakeRuntimeApi());
        LambdaProcess process = open(LambdaProcess.builder(FailingInitHandler.class.getName() + "::handleRequest")
                .taskDir(task).runtimeApi(api).start());

        InvocationResult result = api.invoke("{}", TIMEOUT);

        assertThat(result.outcome()).as(process.output()).isEqualTo(Outcome.INIT_ERROR);
        assertThat(result.body()).contains(FailingInitHandler.MESSAGE);
        assertThat(result.firstPolledNanos()).as("an environment that failed init never asks for work").isEqualTo(InvocationResult.NEVER);
    }

    @Test
    void invoke_whenTheProcessDiesBeforeAnswering_reportsRuntimeExitedWithoutWaitingForTheTimeout() throws Exception {
        Path task = Packages.taskDir(Files.createDirectory(temp.resolve("task")), EchoHandler.class);
        FakeRuntimeApi api = open(new FakeRuntimeApi());
        LambdaProcess process = open(LambdaProcess.builder(EchoHandler.class.getName() + "::handleRequest")
                .taskDir(task).runtimeApi(api).start());
        assertThat(api.invoke("{}", TIMEOUT).outcome()).as(process.output()).isEqualTo(Outcome.RESPONSE);
        ProcessHandle.of(process.pid()).orElseThrow().destroyForcibly();
        ProcessHandle.of(process.pid()).ifPresent(handle -> handle.onExit().join());

        long before = System.nanoTime();
        InvocationResult result = api.invoke("{}", TIMEOUT);

        assertThat(result.outcome()).isEqualTo(Outcome.RUNTIME_EXITED);
        assertThat(result.body()).contains("exited with code");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(TIMEOUT);
    }

    @Test
    void close_leavesNoLiveProcessAndRemovesTheUnpackedTask() throws Exception {
        Path zip = Packages.zip(temp.resolve("echo.zip"), EchoHandler.class);
        FakeRuntimeApi api = open(new FakeRuntimeApi());
        LambdaProcess process = LambdaProcess.builder(EchoHandler.class.getName() + "::handleRequest")
                .zip(zip).runtimeApi(api).start();
        InvocationResult warm = api.invoke("{}", TIMEOUT);
        long pid = process.pid();
        Path task = process.taskDir();

        process.close();

        assertThat(warm.outcome()).isEqualTo(Outcome.RESPONSE);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertThat(handle.map(ProcessHandle::isAlive)).as("process " + pid).isNotEqualTo(Optional.of(true));
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContain(pid);
        assertThat(task).doesNotExist();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
