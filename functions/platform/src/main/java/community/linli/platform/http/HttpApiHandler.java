package community.linli.platform.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind the HTTP API, as Lambda calls it: a {@link RequestStreamHandler}, so that the
 * runtime hands over the payload 2.0 event as bytes and never loads its own serialization library
 * (about 220 ms of a cold start on this machine, see the README's Benchmarks). The event is read,
 * and the response written, by {@link HttpApiJson} with the platform's Jackson; the handler itself
 * keeps working with the events library's types.
 *
 * <p>The runtime interface client picks the stream overload: of the public methods named as in
 * {@code Handler}, it prefers the one with the most parameters, {@code (InputStream, OutputStream,
 * Context)}. The local runtime and the tests call the same method.
 */
public interface HttpApiHandler extends RequestStreamHandler {

    APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context);

    @Override
    default void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApiJson.write(handleRequest(HttpApiJson.read(input), context), output);
    }
}
