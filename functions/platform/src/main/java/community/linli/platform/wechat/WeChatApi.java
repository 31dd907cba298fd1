package community.linli.platform.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The WeChat mini-program server API at a configurable base URL ({@code https://api.weixin.qq.com}
 * in production, a fake on loopback in tests and the local app), and the app's cached access token.
 *
 * <p>The access token comes from {@code stable_token} (not {@code token}) and is kept until five
 * minutes before it expires. {@code stable_token} without {@code force_refresh} hands every caller
 * the same token while it is valid, so each function that calls WeChat (AuthFunction,
 * ResidentUpdatesFunction) keeps its own copy of this one cache without invalidating the others'.
 * A token WeChat rejects as expired (40001, 42001) is fetched again, once per call.
 *
 * <p>WeChat answers errors as {@code errcode}/{@code errmsg} in a 200 body; every error, and every
 * timeout or HTTP failure, is a {@link Failure} naming the API and the code, for the caller to map.
 * Nothing here logs, and no failure carries an openid, a phone, a token or a secret.
 */
public final class WeChatApi {
    /** The app id and secret, from Secrets Manager. */
    public record App(String appId, String appSecret) {}

    /** WeChat's error codes for an access token that is invalid or expired. */
    public static final int INVALID_TOKEN = 40001;
    public static final int EXPIRED_TOKEN = 42001;

    /**
     * A call that did not succeed: {@code errcode} is WeChat's error code, or 0 when WeChat did not
     * answer usably ({@code reason} says how: {@code HttpTimeoutException}, {@code http_502}, ...).
     */
    public static final class Failure extends RuntimeException {
        private final String api;
        private final int errcode;
        private final String reason;

        Failure(String api, int errcode, String reason) {
            super(api + ": " + reason, null, false, false);
            this.api = api;
            this.errcode = errcode;
            this.reason = reason;
        }

        public String api() {
            return api;
        }

        public int errcode() {
            return errcode;
        }

        public String reason() {
            return reason;
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private final URI base;
    private final Supplier<App> app;
    private final HttpClient http;
    private final Clock clock;
    private String accessToken;
    private Instant accessTokenExpires = Instant.MIN;

    public WeChatApi(URI base, Supplier<App> app, Clock clock) {
        this.base = base;
        this.app = app;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    public App app() {
        return app.get();
    }

    /** A GET of {@code path} with {@code query}; the answer when its errcode is 0. */
    public JsonNode get(String api, String path, Map<String, String> query) {
        return call(HttpRequest.newBuilder(uri(path, query)).GET(), api);
    }

    /**
     * A POST of {@code body} as JSON to {@code path?access_token=…} with the cached access token;
     * the answer when its errcode is 0. A token rejected as expired is fetched again and the call
     * made once more.
     */
    public JsonNode postWithToken(String api, String path, Object body) {
        for (int attempt = 0; ; attempt++) {
            String token = accessToken();
            try {
                return call(HttpRequest.newBuilder(uri(path, Map.of("access_token", token)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), api);
            } catch (Failure e) {
                if (e.errcode() != INVALID_TOKEN && e.errcode() != EXPIRED_TOKEN || attempt > 0) throw e;
                synchronized (this) {
                    if (token.equals(accessToken)) accessToken = null;
                }
            }
        }
    }

    private synchronized String accessToken() {
        Instant now = clock.instant();
        if (accessToken != null && now.isBefore(accessTokenExpires)) return accessToken;
        App credentials = app.get();
        JsonNode answer = call(HttpRequest.newBuilder(uri("/cgi-bin/stable_token", Map.of()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("grant_type", "client_credential",
                        "appid", credentials.appId(), "secret", credentials.appSecret(), "force_refresh", false)))), "stable_token");
        String token = answer.path("access_token").asText("");
        if (token.isEmpty()) throw new Failure("stable_token", 0, "no_access_token");
        accessToken = token;
        accessTokenExpires = now.plusSeconds(answer.path("expires_in").asLong(7200)).minus(TOKEN_MARGIN);
        return token;
    }

    private JsonNode call(HttpRequest.Builder request, String api) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Failure(api, 0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(api, 0, "interrupted");
        }
        if (response.statusCode() != 200) throw new Failure(api, 0, "http_" + response.statusCode());
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new Failure(api, 0, "malformed_answer");
        }
        int errcode = answer.path("errcode").asInt(0);
        if (errcode != 0) throw new Failure(api, errcode, "errcode_" + errcode);
        return answer;
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(base.toString().replaceAll("/+$", "")).append(path);
        char separator = '?';
        for (var entry : new TreeMap<>(query).entrySet()) {
            uri.append(separator).append(entry.getKey()).append('=').append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    /** The app id and secret, read from Secrets Manager on first use and kept for the container's life. */
    public static Supplier<App> appFromSecret(SecretsManagerClient secrets, String secretId) {
        return new Supplier<>() {
            private volatile App app;

            @Override
            public App get() {
                if (app == null) {
                    synchronized (this) {
                        if (app == null) {
                            JsonNode value = Json.parse(secrets.getSecretValue(r -> r.secretId(secretId)).secretString(), JsonNode.class);
                            app = new App(value.path("appId").asText(), value.path("appSecret").asText());
                        }
                    }
                }
                return app;
            }
        };
    }
}
