package community.linli.testkit;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests AWS on a real wire protocol: one moto server for the whole test run (the JVM), and
 * for each test that asks for a {@link LocalAws} parameter, a fresh set of the template's
 * resources under a new name prefix, so tests never see each other's data.
 *
 * <pre>{@code
 * @ExtendWith(MotoExtension.class)
 * class RequestsHandlerTest {
 *     @Test void submit_...(LocalAws aws) { ... }
 * }
 * }</pre>
 */
public final class MotoExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static volatile Template template;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalAws.class || type == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MotoServer moto = server(context);
        if (parameter.getParameter().getType() == MotoServer.class) return moto;
        String key = "aws-" + context.getUniqueId();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(key,
                k -> LocalAws.provision(moto.endpoint(), template(), "t" + TESTS.incrementAndGet() + "-"), LocalAws.class);
    }

    /** The run's moto server, started on first use and stopped when the run ends. */
    public static MotoServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("moto", k -> MotoServer.start(), MotoServer.class);
    }

    private static Template template() {
        if (template == null) template = Template.load();
        return template;
    }
}
