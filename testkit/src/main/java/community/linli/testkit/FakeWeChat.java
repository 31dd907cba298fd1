package community.linli.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import community.linli.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WeChat mini-program server API on loopback, for tests and the local app: the calls Linli
 * makes, answered as WeChat answers them, errors included ({@code errcode}/{@code errmsg} in a
 * 200 body).
 *
 * <ul>
 * <li>{@code GET /sns/jscode2session}: a code from {@link #loginCode} works once (then 40163); an
 *     unknown code is 40029; a demo code, any code that starts with {@code demo-}
 *     ({@code demo-resident}, {@code demo-newcomer}), works any number of times, for
 *     {@link #demoOpenId}. A wrong app id or secret is 40013 / 40125.</li>
 * <li>{@code POST /cgi-bin/stable_token} and {@code GET /cgi-bin/token}: a new access token, valid
 *     {@code expires_in} 7200 s, until {@link #expireAccessTokens}.</li>
 * <li>{@code POST /wxa/business/getuserphonenumber?access_token=}: a code from {@link #phoneCode}
 *     works once; {@code demo-phone-<11 digits>} works any number of times, for that phone; an
 *     unknown access token is 40001.</li>
 * <li>{@code POST /cgi-bin/message/subscribe/send?access_token=}: a subscribe message, checked as
 *     WeChat checks it (40001 for an unknown token, 40003 without {@code touser}, 40037 without
 *     {@code template_id}, 47003 for a {@code data} value past its keyword's limit: {@code thing}
 *     20 characters, {@code phrase} 5, {@code character_string} 32), 43101 for a user who
 *     {@link #refuse refuses}; kept in {@link #subscribeMessages} and handed to the listener.</li>
 * </ul>
 * {@link #failNext} makes the next call of one API answer an error code (45011, -1, ...);
 * {@link #stallNext} makes it answer only after a delay, for timeouts.
 */
public final class FakeWeChat implements AutoCloseable {
    public static final String JSCODE2SESSION = "/sns/jscode2session";
    public static final String STABLE_TOKEN = "/cgi-bin/stable_token";
    public static final String TOKEN = "/cgi-bin/token";
    public static final String PHONE_NUMBER = "/wxa/business/getuserphonenumber";
    public static final String SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send";
    /** Codes with this prefix work again and again: the demo users' codes, and any newcomer the local app's user makes up. */
    public static final String DEMO_PREFIX = "demo-";
    private static final java.util.regex.Pattern DEMO_PHONE = java.util.regex.Pattern.compile("demo-phone-(1[3-9][0-9]{9})");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String appId;
    private final String appSecret;
    private final Map<String, String> loginCodes = new ConcurrentHashMap<>();
    private final Map<String, String> phoneCodes = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Duration> stalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();
    private final java.util.List<JsonNode> subscribeMessages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.function.Consumer<JsonNode> onSubscribeMessage = message -> { };

    private FakeWeChat(HttpServer server, String appId, String appSecret) {
        this.server = server;
        this.appId = appId;
        this.appSecret = appSecret;
    }

    /** Starts on a free loopback port, accepting only {@code appId} and {@code appSecret}. */
    public static FakeWeChat start(String appId, String appSecret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeWeChat fake = new FakeWeChat(server, appId, appSecret);
            server.createContext("/", fake::serve);
            server.setExecutor(fake.executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the fake WeChat API", e);
        }
    }

    /** Starts with the app id and secret of a secret shaped like template.yaml's WeChatSecret ({"appId","appSecret"}). */
    public static FakeWeChat forSecret(String secretJson) {
        JsonNode secret = Json.parse(secretJson, JsonNode.class);
        return start(secret.path("appId").asText(), secret.path("appSecret").asText());
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The openid a demo code signs in as. */
    public static String demoOpenId(String demoCode) {
        return "o-" + demoCode;
    }

    /** A fresh single-use {@code wx.login} code for {@code openId}. */
    public String loginCode(String openId) {
        String code = "c" + UUID.randomUUID().toString().replace("-", "");
        loginCodes.put(code, openId);
        return code;
    }

    /** A fresh single-use phone-button code for the mainland mobile {@code phone} (11 digits). */
    public String phoneCode(String phone) {
        String code = "p" + UUID.randomUUID().toString().replace("-", "");
        phoneCodes.put(code, phone);
        return code;
    }

    /** The next call of {@code api} (such as {@link #JSCODE2SESSION}) answers {@code errcode}. */
    public void failNext(String api, int errcode) {
        failures.put(api, errcode);
    }

    /** The next call of {@code api} answers only after {@code delay}. */
    public void stallNext(String api, Duration delay) {
        stalls.put(api, delay);
    }

    /** Every access token handed out so far is now expired (40001 on use). */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    /** From now on, WeChat answers 43101 (the user refuses) to subscribe messages to {@code openId}. */
    public void refuse(String openId) {
        refusing.add(openId);
    }

    /** Every subscribe message accepted so far, as sent. */
    public java.util.List<JsonNode> subscribeMessages() {
        return java.util.List.copyOf(subscribeMessages);
    }

    /** Hands each accepted subscribe message to {@code listener} (the local app prints them). */
    public void onSubscribeMessage(java.util.function.Consumer<JsonNode> listener) {
        onSubscribeMessage = listener;
    }

    /** How many calls {@code api} has answered. */
    public int calls(String api) {
        AtomicInteger count = calls.get(api);
        return count == null ? 0 : count.get();
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            calls.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Duration stall = stalls.remove(path);
            if (stall != null) Thread.sleep(stall);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
            }
            Integer failure = failures.remove(path);
            Map<String, Object> answer = failure != null ? error(failure, "injected") : switch (path) {
                case JSCODE2SESSION -> session(query);
                case STABLE_TOKEN -> token(body.path("appid").asText(), body.path("secret").asText());
                case TOKEN -> token(query.get("appid"), query.get("secret"));
                case PHONE_NUMBER -> phone(query.get("access_token"), body.path("code").asText());
                case SUBSCRIBE_SEND -> subscribeSend(query.get("access_token"), body);
                default -> null;
            };
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Json.write(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; encoding=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientWentAway) {
            // The caller timed out and closed the connection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> session(Map<String, String> query) {
        if (!appId.equals(query.get("appid"))) return error(40013, "invalid appid");
        if (!appSecret.equals(query.get("secret"))) return error(40125, "invalid appsecret");
        String code = query.getOrDefault("js_code", "");
        String openId;
        if (code.startsWith(DEMO_PREFIX)) {
            openId = demoOpenId(code);
        } else {
            openId = loginCodes.get(code);
            if (openId == null) return error(40029, "invalid code");
            if (!usedCodes.add(code)) return error(40163, "code been used");
        }
        Map<String, Object> answer = new HashMap<>();
        answer.put("openid", openId);
        answer.put("session_key", UUID.randomUUID().toString());
        return answer;
    }

    private Map<String, Object> token(String id, String secret) {
        if (!appId.equals(id)) return error(40013, "invalid appid");
        if (!appSecret.equals(secret)) return error(40125, "invalid appsecret");
        String token = "at-" + UUID.randomUUID();
        accessTokens.add(token);
        return Map.of("access_token", token, "expires_in", 7200);
    }

    private Map<String, Object> phone(String accessToken, String code) {
        if (accessToken == null || !accessTokens.contains(accessToken)) return error(40001, "invalid credential, access_token is invalid");
        var demo = DEMO_PHONE.matcher(code);
        String phone = demo.matches() ? demo.group(1) : phoneCodes.get(code);
        if (phone == null) return error(40029, "invalid code");
        if (!demo.matches() && !usedCodes.add(code)) return error(40163, "code been used");
        return Map.of("errcode", 0, "errmsg", "ok", "phone_info", Map.of(
                "phoneNumber", phone, "purePhoneNumber", phone, "countryCode", "86",
                "watermark", Map.of("timestamp", System.currentTimeMillis() / 1000, "appid", appId)));
    }

    private Map<String, Object> subscribeSend(String accessToken, JsonNode body) {
        if (accessToken == null || !accessTokens.contains(accessToken)) return error(40001, "invalid credential, access_token is invalid");
        String openId = body.path("touser").asText("");
        if (openId.isEmpty()) return error(40003, "invalid openid");
        if (body.path("template_id").asText("").isEmpty()) return error(40037, "invalid template_id");
        for (var field : body.path("data").properties()) {
            String value = field.getValue().path("value").asText("");
            int limit = field.getKey().startsWith("thing") ? 20 : field.getKey().startsWith("phrase") ? 5
                    : field.getKey().startsWith("character_string") ? 32 : 200;
            if (value.isEmpty() || value.codePointCount(0, value.length()) > limit) return error(47003, "argument invalid! data." + field.getKey());
        }
        if (refusing.contains(openId)) return error(43101, "user refuse to accept the msg");
        subscribeMessages.add(body);
        onSubscribeMessage.accept(body);
        return Map.of("errcode", 0, "errmsg", "ok", "msgid", 1_000_000L + subscribeMessages.size());
    }

    private static Map<String, Object> error(int errcode, String errmsg) {
        return Map.of("errcode", errcode, "errmsg", errmsg);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
