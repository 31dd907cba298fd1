package community.linli.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The functions a moto test runs, by logical id: {@link MotoExtension} creates only the tables,
 * buckets, topics, queues and keys that their properties in template.yaml name
 * ({@link Provisioner#resourcesFor}), so a test's set-up grows with its function, not with the
 * template.
 *
 * <pre>{@code
 * @ExtendWith(MotoExtension.class)
 * @Provision({"RequestsFunction", "OverdueSweepFunction"})   // the sweep's test files requests first
 * class OverdueSweepTest { ... }
 * }</pre>
 *
 * <p>On a test method it overrides its class. {@code @Provision} with no functions creates the whole
 * template. Without the annotation, a test in a function's module (its {@code CodeUri}, e.g.
 * functions/requests) gets what that module's functions name, and a test anywhere else (testkit,
 * local) the whole template.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Provision {
    /** Logical ids of {@code AWS::Serverless::Function}s; none means every resource of the template. */
    String[] value() default {};
}
