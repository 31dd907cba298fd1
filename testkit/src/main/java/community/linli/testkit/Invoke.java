package community.linli.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Calls a handler through its stream entry point, the method the Lambda runtime calls: the event
 * goes in as JSON bytes and the response comes out as JSON bytes. Tests build events as objects
 * ({@link HttpEvents}); here they become the JSON API Gateway sends, and the handler's output is
 * read back with the runtime's own library ({@link LambdaJson}), so a field our writer misnamed
 * would be lost as it would be on AWS.
 */
public final class Invoke {
    private Invoke() {}

    public static APIGatewayV2HTTPResponse http(RequestStreamHandler handler, APIGatewayV2HTTPEvent event) {
        return LambdaJson.read(stream(handler, LambdaJson.write(event), null), APIGatewayV2HTTPResponse.class);
    }

    /** {@code json} in, the handler's output out, as text. */
    public static String stream(RequestStreamHandler handler, String json, Context context) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
