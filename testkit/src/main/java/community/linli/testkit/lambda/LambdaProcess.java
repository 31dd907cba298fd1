package community.linli.testkit.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Lambda execution environment on this machine: a JVM started the way the managed Java runtime
 * starts it, running the real runtime interface client (RIC) against a Runtime API such as
 * {@link FakeRuntimeApi}.
 *
 * <p>What matches Lambda: the deployment zip is unpacked into a task directory that becomes the
 * working directory and {@code LAMBDA_TASK_ROOT} (the RIC takes the task root from
 * {@code user.dir} and loads the function from it and its {@code lib/*.jar} through its own class
 * loader); the JVM's class path holds only the runtime's jars (the RIC, aws-lambda-java-core,
 * aws-lambda-java-serialization and the SDK's utils-lite it needs), never the test class path; the
 * JVM flags are the managed runtime's ({@link #jvmFlags}); the environment starts empty and gets
 * the variables Lambda sets, then the caller's (table names, endpoint, credentials).
 *
 * <p>What differs: the JDK is the one running the caller, not Corretto under {@code /var/lang}; no
 * CPU share is enforced for the memory size; the runtime's own CDS archive and its Log4j hot-patch
 * agent are absent.
 *
 * <p>stdout and stderr go to one log file ({@link #output()}). {@link #close()} kills the process
 * and its descendants, waits for them, and deletes the unpacked task directory; a JVM shutdown hook
 * does the same for environments still open when the caller's JVM exits.
 */
public final class LambdaProcess implements AutoCloseable {
    /** The RIC's entry point; its single argument is the handler string. */
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * One class from each jar the managed runtime puts on the class path (/var/runtime/lib): the RIC
     * and the libraries its own pom declares. Found on the caller's class path by code source.
     */
    private static final List<String> RUNTIME_MARKERS = List.of(
            RIC_MAIN,
            "com.amazonaws.services.lambda.runtime.Context",                      // aws-lambda-java-core
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer", // aws-lambda-java-serialization
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");           // utils-lite

    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final Set<LambdaProcess> OPEN = ConcurrentHashMap.newKeySet();
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> OPEN.forEach(LambdaProcess::close)));
    }

    private final Process process;
    private final long spawnedAtNanos;
    private final Path workDir;
    private final Path taskDir;
    private final Path log;
    private final List<String> command;
    private volatile boolean closing;

    private LambdaProcess(Builder b) throws IOException {
        workDir = Files.createTempDirectory("linli-lambda-");
        try {
            taskDir = b.zip != null ? unzip(b.zip, workDir.resolve("task")) : b.taskDir.toAbsolutePath();
            Path runtimeDir = Files.createDirectories(workDir.resolve("runtime"));
            log = b.log != null ? b.log.toAbsolutePath() : workDir.resolve("output.log");
            Files.createDirectories(log.getParent());
            command = command(b, runtimeDir);
            var builder = new ProcessBuilder(command)
                    .directory(taskDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment(b, runtimeDir));
            spawnedAtNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            deleteRecursively(workDir);
            throw e;
        }
        OPEN.add(this);
        if (b.api != null) {
            FakeRuntimeApi api = b.api;
            process.onExit().thenRun(() -> api.runtimeExited(closing
                    ? "The runtime process was stopped by LambdaProcess.close()"
                    : "The runtime process exited with code " + process.exitValue() + "; its output ends with:\n" + tail(4000)));
        }
    }

    public static Builder builder(String handler) {
        return new Builder(handler);
    }

    /**
     * The managed Java runtime's JVM flags, as its bootstrap passes them (captured from the java17
     * runtime's command line, e.g. github.com/sigpwned/the-lambda-iceberg-dissecting-the-official-java-runtimes;
     * the java21 and java25 runtimes keep C1-only tiered compilation and the serial GC by default,
     * per docs.aws.amazon.com/lambda/latest/dg/java-customization.html): a heap of 85% of the
     * function's memory, the serial collector, class data sharing, C1 only, the CRaC compatibility
     * shim SnapStart uses, and fatal-error reports on stderr. {@code -Xshare:auto} stands for the
     * runtime's {@code -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa}, an archive
     * that exists only there; the JDK's default CDS archive is used instead.
     */
    public static List<String> jvmFlags(int memoryMb) {
        long heapKb = Math.round(memoryMb * 1024L * 0.85);
        return List.of(
                "-XX:MaxHeapSize=" + heapKb + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-XX:+ErrorFileToStderr");
    }

    /** {@link System#nanoTime()} just before the process was spawned. */
    public long spawnedAtNanos() {
        return spawnedAtNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path taskDir() {
        return taskDir;
    }

    public List<String> command() {
        return command;
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String output() {
        try {
            // Decoded leniently: a JVM crash can leave a partial multi-byte character at the end.
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Kills the process and its descendants, waits for them to end, and deletes the work directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (!OPEN.remove(this)) return;
            closing = true;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Process " + handle.pid() + " did not end within " + KILL_WAIT, e);
            }
        }
        deleteRecursively(workDir);
    }

    private static List<String> command(Builder b, Path runtimeDir) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags(b.memoryMb));
        command.add("-D" + JNI_PROPERTY + "=" + extractJni(runtimeDir));
        command.add("-classpath");
        command.add(String.join(File.pathSeparator, runtimeClasspath().stream().map(Path::toString).toList()));
        command.add(RIC_MAIN);
        command.add(b.handler);
        return List.copyOf(command);
    }

    private Map<String, String> environment(Builder b, Path runtimeDir) {
        String version = "$LATEST";
        byte[] stream = new byte[16];
        ThreadLocalRandom.current().nextBytes(stream);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskDir.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        env.put("_HANDLER", b.handler);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        env.put("AWS_LAMBDA_FUNCTION_NAME", b.functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(b.memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + b.functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[" + version + "]" + HexFormat.of().formatHex(stream));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", b.runtimeApi);
        env.put("AWS_REGION", "us-east-1");
        env.putAll(b.environment);
        if (!b.environment.containsKey("AWS_DEFAULT_REGION")) env.put("AWS_DEFAULT_REGION", env.get("AWS_REGION"));
        return env;
    }

    /** The runtime's jars as found on this JVM's class path; fails naming the artifact that is missing. */
    static List<Path> runtimeClasspath() {
        Set<Path> jars = new LinkedHashSet<>();
        ClassLoader loader = LambdaProcess.class.getClassLoader();
        for (String marker : RUNTIME_MARKERS) {
            try {
                // initialize=false: AWSLambda's static initializer rewrites JVM-wide security properties.
                Class<?> type = Class.forName(marker, false, loader);
                CodeSource source = type.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    throw new IllegalStateException("Cannot tell which jar holds " + marker);
                }
                jars.add(Path.of(source.getLocation().toURI()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(marker + " is not on the class path: depend on linli-testkit, which brings "
                        + "com.amazonaws:aws-lambda-java-runtime-interface-client and its dependencies", e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Unreadable code source for " + marker, e);
            }
        }
        return List.copyOf(jars);
    }

    /**
     * Copies the RIC's native client out of its jar, as the managed runtime ships it under
     * /var/runtime/lib/jni. Without the property the RIC extracts it to the fixed path
     * /tmp/.libaws-lambda-jni.so, which concurrent runtimes on one machine would overwrite under
     * each other, and which would add the copy to every cold start.
     */
    private static Path extractJni(Path runtimeDir) throws IOException {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("The runtime interface client has no native client for " + System.getProperty("os.arch"));
        };
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        Path target = Files.createDirectories(runtimeDir.resolve("jni")).resolve(name);
        try (InputStream in = LambdaProcess.class.getClassLoader().getResourceAsStream("jni/" + name)) {
            if (in == null) throw new IllegalStateException("jni/" + name + " is missing from the runtime interface client jar");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) throw new IOException("Zip entry escapes the task directory: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
        return target;
    }

    private String tail(int chars) {
        String out = output();
        return out.length() <= chars ? out : "…" + out.substring(out.length() - chars);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    public static final class Builder {
        private final String handler;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path zip;
        private Path taskDir;
        private Path log;
        private FakeRuntimeApi api;
        private String runtimeApi;
        private String functionName = "linli-local";
        private int memoryMb = 1024;

        private Builder(String handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** A Lambda deployment zip (classes at the root, jars under lib/), unpacked into a fresh task directory. */
        public Builder zip(Path zip) {
            this.zip = zip;
            this.taskDir = null;
            return this;
        }

        /** An already unpacked task directory, used as is and never deleted. */
        public Builder taskDir(Path taskDir) {
            this.taskDir = taskDir;
            this.zip = null;
            return this;
        }

        /** The Runtime API to serve; when the process ends, its waiting invocations are answered. */
        public Builder runtimeApi(FakeRuntimeApi api) {
            this.api = api;
            this.runtimeApi = api.address();
            return this;
        }

        /** Any Runtime API, as {@code host:port}. */
        public Builder runtimeApi(String address) {
            this.api = null;
            this.runtimeApi = address;
            return this;
        }

        public Builder functionName(String functionName) {
            this.functionName = Objects.requireNonNull(functionName, "functionName");
            return this;
        }

        /** The function's memory size, which sets the heap; 1024 MB, as template.yaml's Globals, unless given. */
        public Builder memoryMb(int memoryMb) {
            if (memoryMb < 128 || memoryMb > 10240) throw new IllegalArgumentException("memoryMb: Lambda allows 128 to 10240");
            this.memoryMb = memoryMb;
            return this;
        }

        /** Variables set after Lambda's own, so they may override them (AWS_REGION, for one). */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Where stdout and stderr go; by default a file in the work directory, deleted on close. */
        public Builder log(Path log) {
            this.log = log;
            return this;
        }

        public LambdaProcess start() {
            if (zip == null && taskDir == null) throw new IllegalStateException("Give a deployment zip or a task directory");
            if (runtimeApi == null) throw new IllegalStateException("Give the Runtime API the process should poll");
            try {
                return new LambdaProcess(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the Lambda process for " + handler, e);
            }
        }
    }
}
