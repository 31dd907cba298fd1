package community.linli.local;

import com.amazonaws.services.lambda.runtime.Context;
import community.linli.testkit.LambdaJson;
import community.linli.testkit.LocalAws;
import community.linli.testkit.Provisioned;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code AWS::Serverless::Function} of the template, running in this JVM.
 *
 * <p>Its handler is built once, through its public no-arg constructor, with the function's
 * environment from the template (the init phase). {@link #invoke} then does what the Lambda Java
 * runtime does: the event JSON is read into the handler method's input type by
 * aws-lambda-java-serialization, the handler runs with a {@link Context}, and what it returns is
 * written back to JSON by the same library. Like one execution environment, a function handles
 * one event at a time; an invocation that outlives the template's {@code Timeout} fails as
 * Lambda's would, though its thread is left to finish.
 */
public final class LocalFunction {
    private static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int LAMBDA_DEFAULT_MEMORY_MB = 128;

    /** What the template says about the function, and the names Lambda would give it. */
    record Definition(String logicalId, String name, String arn, String handler, Duration timeout, int memoryMb) {
        static Definition of(LocalAws aws, String logicalId) {
            Map<String, Object> properties = aws.template().properties(logicalId);
            Map<String, Object> globals = aws.template().globalsFunction();
            Provisioned provisioned = aws.provisioned();
            int timeout = number(provisioned, properties.getOrDefault("Timeout", globals.get("Timeout")), LAMBDA_DEFAULT_TIMEOUT_SECONDS);
            int memory = number(provisioned, properties.getOrDefault("MemorySize", globals.get("MemorySize")), LAMBDA_DEFAULT_MEMORY_MB);
            String name = provisioned.prefix() + logicalId;
            String arn = "arn:aws:lambda:" + LocalAws.REGION + ":" + Provisioned.ACCOUNT_ID + ":function:" + name;
            return new Definition(logicalId, name, arn, aws.template().handlerOf(logicalId), Duration.ofSeconds(timeout), memory);
        }

        private static int number(Provisioned provisioned, Object value, int otherwise) {
            return value == null ? otherwise : Integer.parseInt(provisioned.resolve(value));
        }
    }

    /** The invocation failed: the handler threw, timed out, or its event or result could not be (de)serialized. */
    public static final class Failed extends RuntimeException {
        private final String errorType;

        Failed(String errorType, String message, Throwable cause) {
            super(message, cause);
            this.errorType = errorType;
        }

        /** What Lambda reports as {@code errorType}: the exception's class, or {@code Sandbox.Timedout}. */
        public String errorType() {
            return errorType;
        }
    }

    private final Definition definition;
    private final Object handler;
    private final Method method;
    private final PrintStream console;
    private final Semaphore environment = new Semaphore(1);
    private final AtomicLong invocations = new AtomicLong();

    private LocalFunction(Definition definition, Object handler, Method method, PrintStream console) {
        this.definition = definition;
        this.handler = handler;
        this.method = method;
        this.console = console;
    }

    /** Runs the function's init phase: loads and constructs its handler class under its environment. */
    public static LocalFunction load(LocalAws aws, String logicalId, PrintStream console) {
        Definition definition = Definition.of(aws, logicalId);
        String[] parts = definition.handler().split("::", 2);
        String methodName = parts.length == 2 ? parts[1] : "handleRequest";
        Object handler = aws.construct(logicalId, () -> instantiate(logicalId, parts[0]));
        Method method = handlerMethod(logicalId, handler.getClass(), methodName);
        // As the runtime does for a typed handler, before the first event: its event and result serializers.
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length > 0 && parameters[0] != InputStream.class && parameters[0] != Context.class) {
            LambdaJson.prepare(parameters[0]);
            if (method.getReturnType() != void.class) LambdaJson.prepare(method.getReturnType());
        }
        return new LocalFunction(definition, handler, method, console);
    }

    public String logicalId() {
        return definition.logicalId();
    }

    Definition definition() {
        return definition;
    }

    /** How many events the handler has been given since start. */
    public long invocations() {
        return invocations.get();
    }

    /**
     * Invokes the handler with {@code eventJson} and returns its result as JSON, as Lambda's Invoke
     * API would ({@code null} when the handler returns nothing).
     *
     * @throws Failed as Lambda reports a function error; the stack trace is already on the console
     */
    public String invoke(String eventJson) {
        environment.acquireUninterruptibly();
        invocations.incrementAndGet();
        String requestId = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + definition.timeout().toNanos();
        LocalContext context = LocalContext.of(requestId, definition, deadline, console);
        FutureTask<String> invocation = new FutureTask<>(() -> {
            try {
                return call(eventJson, context);
            } finally {
                environment.release();
            }
        });
        try {
            Thread.ofVirtual().name(definition.logicalId() + "-" + requestId).start(invocation);
        } catch (RuntimeException e) {
            environment.release();
            throw e;
        }
        try {
            return invocation.get(definition.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            console.printf("[%s] %s Task timed out after %d seconds%n", definition.logicalId(), requestId,
                    definition.timeout().toSeconds());
            throw new Failed("Sandbox.Timedout", "Task timed out after " + definition.timeout().toSeconds() + " seconds", null);
        } catch (ExecutionException e) {
            Throwable error = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            console.println("[" + definition.logicalId() + "] " + requestId + " invocation failed:");
            error.printStackTrace(console);
            throw new Failed(error.getClass().getName(), String.valueOf(error.getMessage()), error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("Interrupted", "The invocation was interrupted", e);
        }
    }

    private String call(String eventJson, Context context) throws Exception {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length >= 2 && parameters[0] == InputStream.class) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8));
            if (parameters.length == 3) method.invoke(handler, in, out, context);
            else method.invoke(handler, in, out);
            return out.toString(StandardCharsets.UTF_8);
        }
        Object result = switch (parameters.length) {
            case 0 -> method.invoke(handler);
            case 1 -> method.invoke(handler, parameters[0] == Context.class ? context : LambdaJson.read(eventJson, parameters[0]));
            default -> method.invoke(handler, LambdaJson.read(eventJson, parameters[0]), context);
        };
        return result == null ? "null" : LambdaJson.write(result);
    }

    private static Object instantiate(String logicalId, String className) {
        try {
            Class<?> type = Class.forName(className, true, LocalFunction.class.getClassLoader());
            return type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(logicalId + ": handler class " + className
                    + " is not on the class path; add its module to local/pom.xml", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(logicalId + ": " + className + " has no public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(logicalId + ": the init phase of " + className + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(logicalId + ": cannot construct " + className, e);
        }
    }

    /**
     * The handler method the runtime would call: public, named as in {@code Handler}, preferring the
     * stream form {@code (InputStream, OutputStream, Context)}, then {@code (event, Context)}, then
     * shorter forms; bridge methods (the erased {@code RequestHandler<Object, Object>}) never win.
     */
    static Method handlerMethod(String logicalId, Class<?> type, String name) {
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() <= 3)
                .filter(LocalFunction::isHandlerShape)
                .sorted(Comparator.comparingInt(LocalFunction::preference))
                .toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException(logicalId + ": " + type.getName() + " has no public handler method " + name);
        }
        return candidates.getFirst();
    }

    private static boolean isHandlerShape(Method method) {
        Class<?>[] p = method.getParameterTypes();
        return switch (p.length) {
            case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
            case 2 -> p[0] == InputStream.class ? p[1] == OutputStream.class : p[1] == Context.class;
            default -> true;
        };
    }

    private static int preference(Method method) {
        Class<?>[] p = method.getParameterTypes();
        boolean stream = p.length >= 2 && p[0] == InputStream.class;
        return stream ? 3 - p.length : 10 - p.length;
    }
}
