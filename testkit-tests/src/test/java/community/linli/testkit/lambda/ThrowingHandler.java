package community.linli.testkit.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Fails every invocation, as a handler with a bug does. */
public final class ThrowingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String MESSAGE = "thrown on purpose by ThrowingHandler";

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        throw new IllegalStateException(MESSAGE);
    }
}
