package community.linli.testkit.lambda;

/**
 * What came back from one invocation through {@link FakeRuntimeApi}.
 *
 * <p>{@code body} is the handler's result JSON for {@link Outcome#RESPONSE}, the error JSON the
 * runtime interface client posted ({@code errorMessage}, {@code errorType}, {@code stackTrace})
 * for {@link Outcome#FUNCTION_ERROR} and {@link Outcome#INIT_ERROR}, and a description with the
 * tail of the process output for {@link Outcome#RUNTIME_EXITED}.
 *
 * <p>The timestamps are {@link System#nanoTime()} readings in the JVM that runs the fake API, so
 * they can be subtracted from a process's spawn time; {@link #NEVER} means the moment did not happen.
 */
public record InvocationResult(String requestId, Outcome outcome, String body, String errorType,
                               long firstPolledNanos, long deliveredNanos, long completedNanos) {
    public static final long NEVER = -1;

    public enum Outcome {
        /** The handler returned; {@code POST /invocation/{id}/response}. */
        RESPONSE,
        /** The handler threw; {@code POST /invocation/{id}/error}. */
        FUNCTION_ERROR,
        /** Initialization failed (handler not found, constructor threw); {@code POST /init/error}. */
        INIT_ERROR,
        /** The runtime process ended without answering. */
        RUNTIME_EXITED
    }

    public boolean isResponse() {
        return outcome == Outcome.RESPONSE;
    }
}
