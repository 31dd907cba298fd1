package community.linli.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives tests AWS on a real wire protocol: one moto server for the whole test run (the JVM), and
 * for each test that asks for a {@link LocalAws} parameter, a fresh set of resources from
 * template.yaml under a new name prefix, so tests never see each other's data. Only what the
 * functions under test name is created; {@link Provision} says which functions those are. The first
 * set of each shape is created through the real APIs, the later ones by moto from its requests
 * ({@link LocalAws#provisionOrClone}).
 *
 * <pre>{@code
 * @ExtendWith(MotoExtension.class)
 * class RequestsHandlerTest {
 *     @Test void submit_...(LocalAws aws) { ... }
 * }
 * }</pre>
 */
public final class MotoExtension implements ParameterResolver {
    /** Set by Maven to the module under test ({@code ${project.basedir}}); the working directory otherwise. */
    static final String MODULE_PROPERTY = "linli.module";

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
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
            String prefix = "t" + TESTS.incrementAndGet() + "-";
            Set<String> only = functionsUnderTest(context, template(), module())
                    .map(functions -> Provisioner.resourcesFor(template(), functions)).orElse(null);
            return LocalAws.provisionOrClone(moto.endpoint(), template(), prefix, only);
        }, LocalAws.class);
    }

    /** The run's moto server, started on first use and stopped when the run ends. */
    public static MotoServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("moto", k -> MotoServer.start(), MotoServer.class);
    }

    /**
     * The functions whose resources the test gets: the nearest {@link Provision} (method, class, enclosing
     * classes), else the functions built from {@code module}; empty for the whole template.
     */
    static Optional<List<String>> functionsUnderTest(ExtensionContext context, Template template, String module) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<Provision> provision = c.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, Provision.class));
            if (provision.isPresent()) {
                List<String> functions = List.of(provision.get().value());
                return functions.isEmpty() ? Optional.empty() : Optional.of(functions);
            }
        }
        List<String> built = module == null ? List.of() : template.functionsAt(module);
        return built.isEmpty() ? Optional.empty() : Optional.of(built);
    }

    /** The module under test relative to the repository root (functions/requests), or null outside it. */
    static String module() {
        Path dir = Path.of(System.getProperty(MODULE_PROPERTY, System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Path root = Repo.root();
        return dir.startsWith(root) ? root.relativize(dir).toString().replace('\\', '/') : null;
    }

    private static Template template() {
        if (template == null) template = Template.load();
        return template;
    }
}
