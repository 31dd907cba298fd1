package community.linli.testkit.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Fails in its constructor, as a handler does whose configuration is missing. */
public final class FailingInitHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String MESSAGE = "thrown on purpose by FailingInitHandler's constructor";

    public FailingInitHandler() {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return event;
    }
}
