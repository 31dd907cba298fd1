package community.linli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.http.Problem;
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
import java.util.function.Supplier;

/**
 * The WeChat mini-program server API, at a configurable base URL ({@code https://api.weixin.qq.com}
 * in production, a fake on loopback in tests and the local app).
 *
 * <p>WeChat answers errors as {@code errcode}/{@code errmsg} in a 200 body; each becomes a problem,
 * never a 500: an invalid or used code (40029, 40163) 401 naming {@code code}; the rate limit
 * (45011) 429; "system busy" (-1), a timeout, an HTTP failure or any other error code 503, each
 * with {@code Retry-After}. The app's access token (for {@code getuserphonenumber}) comes from
 * {@code stable_token} and is kept until five minutes before it expires; one WeChat rejects as
 * expired (40001, 42001) is fetched again once. Nothing here logs an openid, a phone or a secret.
 */
final class WeChat {
    /** The app id and secret, from Secrets Manager. */
    record App(String appId, String appSecret) {}

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);
    static final int RETRY_AFTER_BUSY_SECONDS = 2;
    static final int RETRY_AFTER_RATE_LIMIT_SECONDS = 60;

    private final URI base;
    private final Supplier<App> app;
    private final HttpClient http;
    private final Clock clock;
    private String accessToken;
    private Instant accessTokenExpires = Instant.MIN;

    WeChat(URI base, Supplier<App> app, Clock clock) {
        this.base = base;
        this.app = app;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The openid that the {@code wx.login} code stands for (jscode2session). */
    String openId(String code) {
        App credentials = app.get();
        JsonNode answer = call(HttpRequest.newBuilder(uri("/sns/jscode2session", Map.of("appid", credentials.appId(),
                "secret", credentials.appSecret(), "js_code", code, "grant_type", "authorization_code"))).GET(), "jscode2session");
        String openId = answer.path("openid").asText("");
        if (openId.isEmpty()) throw unavailable("jscode2session", "no_openid");
        return openId;
    }

    /** The WeChat-verified phone of the phone-number button's code: country code and national number. */
    Phone phone(String code) {
        for (int attempt = 0; ; attempt++) {
            String token = accessToken();
            try {
                JsonNode answer = call(HttpRequest.newBuilder(uri("/wxa/business/getuserphonenumber", Map.of("access_token", token)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("code", code)))), "getuserphonenumber");
                JsonNode info = answer.path("phone_info");
                String number = info.path("purePhoneNumber").asText("");
                if (number.isEmpty()) throw unavailable("getuserphonenumber", "no_phone");
                return new Phone(info.path("countryCode").asText("86"), number);
            } catch (ExpiredToken e) {
                synchronized (this) {
                    accessToken = null;
                }
                if (attempt > 0) throw unavailable("getuserphonenumber", "access_token_rejected");
            }
        }
    }

    record Phone(String countryCode, String number) {}

    private synchronized String accessToken() {
        Instant now = clock.instant();
        if (accessToken != null && now.isBefore(accessTokenExpires)) return accessToken;
        App credentials = app.get();
        JsonNode answer = call(HttpRequest.newBuilder(uri("/cgi-bin/stable_token", Map.of()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("grant_type", "client_credential",
                        "appid", credentials.appId(), "secret", credentials.appSecret(), "force_refresh", false)))), "stable_token");
        String token = answer.path("access_token").asText("");
        if (token.isEmpty()) throw unavailable("stable_token", "no_access_token");
        accessToken = token;
        accessTokenExpires = now.plusSeconds(answer.path("expires_in").asLong(7200)).minus(TOKEN_MARGIN);
        return token;
    }

    private static final class ExpiredToken extends RuntimeException {
        ExpiredToken() {
            super(null, null, false, false);
        }
    }

    private JsonNode call(HttpRequest.Builder request, String api) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unavailable(api, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(api, "interrupted");
        }
        if (response.statusCode() != 200) throw unavailable(api, "http_" + response.statusCode());
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw unavailable(api, "malformed_answer");
        }
        int errcode = answer.path("errcode").asInt(0);
        return switch (errcode) {
            case 0 -> answer;
            case 40029, 40163 -> {
                Log.info("wechat.code_refused", "api", api, "errcode", errcode);
                throw Problem.unauthorized("code", "wechat_code_invalid");
            }
            case 40001, 42001 -> throw new ExpiredToken();
            case 45011 -> {
                Log.warn("wechat.rate_limited", "api", api);
                throw Problem.tooManyRequests("wechat_rate_limited", RETRY_AFTER_RATE_LIMIT_SECONDS);
            }
            default -> throw unavailable(api, "errcode_" + errcode);
        };
    }

    private static Problem unavailable(String api, String reason) {
        Log.warn("wechat.unavailable", "api", api, "reason", reason);
        return Problem.unavailable("wechat_unavailable", RETRY_AFTER_BUSY_SECONDS);
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(base.toString().replaceAll("/+$", "")).append(path);
        char separator = '?';
        for (var entry : new java.util.TreeMap<>(query).entrySet()) {
            uri.append(separator).append(entry.getKey()).append('=').append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }
}
