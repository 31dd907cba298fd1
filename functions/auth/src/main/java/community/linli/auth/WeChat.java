package community.linli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Log;
import community.linli.platform.http.Problem;
import community.linli.platform.wechat.WeChatApi;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The WeChat calls of sign-in, through {@link WeChatApi} (which keeps the app's access token).
 *
 * <p>WeChat's errors each become a problem, never a 500: an invalid or used code (40029, 40163)
 * 401 naming {@code code}; the rate limit (45011) 429; "system busy" (-1), a timeout, an HTTP
 * failure, an access token rejected twice or any other error code 503, each with
 * {@code Retry-After}. Nothing here logs an openid, a phone or a secret.
 */
final class WeChat {
    static final int RETRY_AFTER_BUSY_SECONDS = 2;
    static final int RETRY_AFTER_RATE_LIMIT_SECONDS = 60;

    private final WeChatApi api;

    WeChat(URI base, Supplier<WeChatApi.App> app, Clock clock) {
        this.api = new WeChatApi(base, app, clock);
    }

    /** The openid that the {@code wx.login} code stands for (jscode2session). */
    String openId(String code) {
        WeChatApi.App credentials = api.app();
        JsonNode answer = mapped(() -> api.get("jscode2session", "/sns/jscode2session", Map.of("appid", credentials.appId(),
                "secret", credentials.appSecret(), "js_code", code, "grant_type", "authorization_code")));
        String openId = answer.path("openid").asText("");
        if (openId.isEmpty()) throw unavailable("jscode2session", "no_openid");
        return openId;
    }

    /** The WeChat-verified phone of the phone-number button's code: country code and national number. */
    Phone phone(String code) {
        JsonNode answer = mapped(() -> api.postWithToken("getuserphonenumber", "/wxa/business/getuserphonenumber", Map.of("code", code)));
        JsonNode info = answer.path("phone_info");
        String number = info.path("purePhoneNumber").asText("");
        if (number.isEmpty()) throw unavailable("getuserphonenumber", "no_phone");
        return new Phone(info.path("countryCode").asText("86"), number);
    }

    record Phone(String countryCode, String number) {}

    private static JsonNode mapped(Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (WeChatApi.Failure e) {
            switch (e.errcode()) {
                case 40029, 40163 -> {
                    Log.info("wechat.code_refused", "api", e.api(), "errcode", e.errcode());
                    throw Problem.unauthorized("code", "wechat_code_invalid");
                }
                case 45011 -> {
                    Log.warn("wechat.rate_limited", "api", e.api());
                    throw Problem.tooManyRequests("wechat_rate_limited", RETRY_AFTER_RATE_LIMIT_SECONDS);
                }
                case WeChatApi.INVALID_TOKEN, WeChatApi.EXPIRED_TOKEN -> throw unavailable(e.api(), "access_token_rejected");
                default -> throw unavailable(e.api(), e.reason());
            }
        }
    }

    private static Problem unavailable(String api, String reason) {
        Log.warn("wechat.unavailable", "api", api, "reason", reason);
        return Problem.unavailable("wechat_unavailable", RETRY_AFTER_BUSY_SECONDS);
    }
}
