package community.linli.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds what a test prints (the functions' JSON log lines, refusals logged on purpose, the SDK's
 * warnings) and shows it only when the test fails, so a passing build prints a summary, not logs.
 * What a test class prints outside its tests ({@code @BeforeAll} and {@code @AfterAll}, such as a
 * local app signing in its demo users) is held the same way and shown when the class or any of its
 * tests fails. Registered for every test by JUnit's extension autodetection (the parent pom turns it
 * on and testkit lists it in META-INF/services), so its class-level hold starts before any other
 * extension's {@code beforeAll}. Tests run one at a time per JVM, so one buffer per level serves.
 */
public final class CapturedOutput implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CapturedOutput.class);

    private record Held(PrintStream out, PrintStream err, ByteArrayOutputStream buffer) {}

    /**
     * What {@code action} prints (the log lines of the code it runs), and prints it on as well, so
     * that it shows with the rest of the test's output when the test fails.
     */
    public static String during(Runnable action) {
        var buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return output;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        hold(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        hold(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent();
        if (failed) context.getParent().ifPresent(parent -> parent.getStore(NAMESPACE).put("failed", Boolean.TRUE));
        release(context, failed, context.getDisplayName() + " (" + context.getRequiredTestClass().getSimpleName() + ")");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent()
                || Boolean.TRUE.equals(context.getStore(NAMESPACE).remove("failed", Boolean.class));
        release(context, failed, context.getDisplayName() + ", outside its tests");
    }

    private static void hold(ExtensionContext context) {
        var buffer = new ByteArrayOutputStream();
        var capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        context.getStore(NAMESPACE).put("held", new Held(System.out, System.err, buffer));
        System.setOut(capture);
        System.setErr(capture);
    }

    private static void release(ExtensionContext context, boolean show, String what) {
        Held held = context.getStore(NAMESPACE).remove("held", Held.class);
        if (held == null) return;
        System.out.flush();
        System.setOut(held.out());
        System.setErr(held.err());
        if (show && held.buffer().size() > 0) {
            held.out().println("---- output of " + what);
            held.out().println(held.buffer().toString(StandardCharsets.UTF_8));
            held.out().println("---- end of output");
        }
    }
}
