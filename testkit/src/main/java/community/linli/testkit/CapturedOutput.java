package community.linli.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds what a test prints (the functions' JSON log lines, refusals logged on purpose, the SDK's
 * warnings) and shows it only when the test fails, so a passing build prints a summary, not logs.
 * Registered for every test by JUnit's extension autodetection (the parent pom turns it on and
 * testkit lists it in META-INF/services). Tests run one at a time per JVM, so one buffer serves.
 */
public final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CapturedOutput.class);

    private record Held(PrintStream out, PrintStream err, ByteArrayOutputStream buffer) {}

    @Override
    public void beforeEach(ExtensionContext context) {
        var buffer = new ByteArrayOutputStream();
        var capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        context.getStore(NAMESPACE).put("held", new Held(System.out, System.err, buffer));
        System.setOut(capture);
        System.setErr(capture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Held held = context.getStore(NAMESPACE).remove("held", Held.class);
        if (held == null) return;
        System.out.flush();
        System.setOut(held.out());
        System.setErr(held.err());
        if (context.getExecutionException().isPresent() && held.buffer().size() > 0) {
            held.out().println("---- output of " + context.getDisplayName() + " (" + context.getRequiredTestClass().getSimpleName() + ")");
            held.out().println(held.buffer().toString(StandardCharsets.UTF_8));
            held.out().println("---- end of output");
        }
    }
}
