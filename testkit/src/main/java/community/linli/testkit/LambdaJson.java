package community.linli.testkit;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event and response JSON exactly as the Lambda Java runtime reads and writes it, through
 * aws-lambda-java-serialization (the library the runtime interface client uses), not through our
 * own mapper.
 */
public final class LambdaJson {
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private LambdaJson() {}

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type,
                t -> LambdaEventSerializers.serializerFor(t, LambdaJson.class.getClassLoader()));
    }

    /**
     * Builds the serializer for {@code type} now. The runtime builds a typed handler's serializers
     * during init, before the first event, so their cost never counts against an invocation's timeout.
     */
    public static void prepare(Class<?> type) {
        serializer(type);
    }

    public static <T> T read(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    @SuppressWarnings("unchecked")
    public static <T> String write(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer((Class<T>) value.getClass()).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The round trip a value takes between the runtime and a handler. */
    @SuppressWarnings("unchecked")
    public static <T> T roundTrip(T value) {
        return read(write(value), (Class<T>) value.getClass());
    }
}
