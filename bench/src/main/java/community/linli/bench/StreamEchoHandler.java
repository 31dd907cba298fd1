package community.linli.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The true floor of the cold-start benchmark: a {@link RequestStreamHandler} that writes a constant
 * HTTP API response without reading the event. The runtime hands a stream handler bytes and takes
 * bytes back, so it never loads its own serialization library; nothing a Java function does can
 * start faster on the same runtime. {@link EchoHandler}, the typed floor, is what that library adds.
 */
public final class StreamEchoHandler implements RequestStreamHandler {
    static final byte[] CONSTANT =
            "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\",\"isBase64Encoded\":false}"
                    .getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        output.write(CONSTANT);
    }
}
