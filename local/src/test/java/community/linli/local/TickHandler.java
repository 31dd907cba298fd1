package community.linli.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/** A test-only scheduled function: records each input it is invoked with. */
public final class TickHandler implements RequestStreamHandler {
    static final LinkedBlockingQueue<String> INPUTS = new LinkedBlockingQueue<>();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        INPUTS.add(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write("{\"ticked\":true}".getBytes(StandardCharsets.UTF_8));
    }
}
