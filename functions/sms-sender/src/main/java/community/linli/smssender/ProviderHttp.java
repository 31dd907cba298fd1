package community.linli.smssender;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP client of the Chinese providers' APIs: HTTP/1.1, 2 s to connect, 3 s per call (an
 * SQS batch of ten fits the function's 30 s however slow the provider). A timeout or a broken
 * connection is {@link SmsProvider.Unavailable}, retried by SQS.
 */
final class ProviderHttp {
    record Answer(int status, String body) {
        /** The body as JSON; null when it is not JSON (a gateway's HTML error page, an empty body). */
        JsonNode json() {
            try {
                return Json.parse(body, JsonNode.class);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();

    Answer post(URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new SmsProvider.Unavailable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsProvider.Unavailable("interrupted");
        }
    }
}
