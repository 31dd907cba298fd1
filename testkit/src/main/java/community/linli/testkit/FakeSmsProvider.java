package community.linli.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import community.linli.platform.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Chinese SMS provider's SendSms on loopback, for tests and the local app: Aliyun's (dysmsapi,
 * a form POST with the RPC signature, HMAC-SHA1) or Tencent Cloud's (API 3.0, a JSON POST signed
 * with TC3-HMAC-SHA256). Each request's signature is computed again here from what arrived, with
 * the credentials the fake was made with, as the provider's documentation describes it (this code
 * shares none with the sender's); a wrong one is refused as the provider refuses it
 * ({@code SignatureDoesNotMatch}, {@code AuthFailure.SignatureFailure}). Then the message itself:
 * the registered signature (签名), an approved template (模板) with its variables, a mainland
 * number. What passes is {@link #received} and handed to the listener; {@link #failNext} makes the
 * next calls answer a 5xx or the provider's rate limit.
 */
public final class FakeSmsProvider implements AutoCloseable {
    public enum Kind { ALIYUN, TENCENT }

    /** How a call fails: an HTTP 503, or the provider's throttling answer. */
    public enum Fault { HTTP_503, THROTTLED }

    /** One SMS the fake accepted; {@code variables} by name (Aliyun) or position ({@code "0"}, {@code "1"}, ... for Tencent). */
    public record Received(String id, String phone, String signName, String templateId, Map<String, String> variables, String reference) {}

    private final Kind kind;
    private final String keyId;
    private final String keySecret;
    private final String signName;
    private final Set<String> templates;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failing = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Fault fault = Fault.HTTP_503;
    private volatile Consumer<Received> listener = r -> { };

    private FakeSmsProvider(Kind kind, String keyId, String keySecret, String signName, Set<String> templates, HttpServer server) {
        this.kind = kind;
        this.keyId = keyId;
        this.keySecret = keySecret;
        this.signName = signName;
        this.templates = Set.copyOf(templates);
        this.server = server;
    }

    /** Starts on a free loopback port, accepting only these credentials, this signature and these template ids. */
    public static FakeSmsProvider start(Kind kind, String keyId, String keySecret, String signName, Set<String> templates) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeSmsProvider fake = new FakeSmsProvider(kind, keyId, keySecret, signName, templates, server);
            server.createContext("/", fake::serve);
            server.setExecutor(fake.executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the fake SMS provider", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** The secret's JSON as the sender reads it for this provider. */
    public String secretJson() {
        return kind == Kind.ALIYUN ? Json.write(Map.of("accessKeyId", keyId, "accessKeySecret", keySecret))
                : Json.write(Map.of("secretId", keyId, "secretKey", keySecret));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every call that reached the fake, failed ones included. */
    public int calls() {
        return calls.get();
    }

    /** The next {@code count} calls fail with {@code fault}, before any check. */
    public void failNext(int count, Fault fault) {
        this.fault = fault;
        failing.set(count);
    }

    public void onMessage(Consumer<Received> listener) {
        this.listener = listener;
    }

    private void serve(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failing.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                if (fault == Fault.HTTP_503) {
                    respond(exchange, 503, "{\"message\":\"service unavailable\"}");
                } else if (kind == Kind.ALIYUN) {
                    respond(exchange, 200, aliyunError("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1"));
                } else {
                    respond(exchange, 200, tencentError("RequestLimitExceeded", "请求的次数超过了频率限制"));
                }
                return;
            }
            String answer = kind == Kind.ALIYUN ? aliyun(new String(body, StandardCharsets.UTF_8))
                    : tencent(exchange, new String(body, StandardCharsets.UTF_8));
            respond(exchange, answer.contains("SignatureDoesNotMatch") ? 400 : 200, answer);
        } catch (IOException e) {
            // The caller timed out and closed the connection.
        }
    }

    // ---------------------------------------------------------------- Aliyun

    private String aliyun(String body) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String signature = params.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        for (var e : params.entrySet()) {
            if (!canonical.isEmpty()) canonical.append('&');
            canonical.append(rfc3986(e.getKey())).append('=').append(rfc3986(e.getValue()));
        }
        String stringToSign = "POST&%2F&" + rfc3986(canonical.toString());
        String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", (keySecret + "&").getBytes(StandardCharsets.UTF_8), stringToSign));
        if (!keyId.equals(params.get("AccessKeyId"))) return aliyunError("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        if (!expected.equals(signature)) return aliyunError("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        if (!"SendSms".equals(params.get("Action")) || !"2017-05-25".equals(params.get("Version")) || !"HMAC-SHA1".equals(params.get("SignatureMethod"))
                || !"1.0".equals(params.get("SignatureVersion"))) {
            return aliyunError("InvalidParameter", "Action, Version or signature method");
        }
        if (!nonces.add(String.valueOf(params.get("SignatureNonce")))) return aliyunError("SignatureNonceUsed", "Specified signature nonce was used already.");
        Instant at = Instant.parse(params.get("Timestamp"));
        if (Duration.between(at, Instant.now()).abs().toMinutes() > 15) return aliyunError("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        String phone = params.getOrDefault("PhoneNumbers", "");
        if (!phone.matches("1[3-9][0-9]{9}")) return aliyunError("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
        if (!signName.equals(params.get("SignName"))) return aliyunError("isv.SMS_SIGNATURE_ILLEGAL", "签名不合法");
        if (!templates.contains(params.get("TemplateCode"))) return aliyunError("isv.SMS_TEMPLATE_ILLEGAL", "模板不合法");
        Map<String, String> variables = new LinkedHashMap<>();
        Json.parse(params.getOrDefault("TemplateParam", "{}"), JsonNode.class).properties()
                .forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        if (variables.isEmpty()) return aliyunError("isv.TEMPLATE_MISSING_PARAMETERS", "模板缺少变量");
        if (variables.values().stream().anyMatch(v -> v.contains("http"))) return aliyunError("isv.PARAM_NOT_SUPPORT_URL", "变量不支持传入URL");
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        accept(new Received(id, phone, params.get("SignName"), params.get("TemplateCode"), variables, params.get("OutId")));
        return Json.write(Map.of("Code", "OK", "Message", "OK", "BizId", id, "RequestId", UUID.randomUUID().toString()));
    }

    private static String aliyunError(String code, String message) {
        return Json.write(Map.of("Code", code, "Message", message, "RequestId", UUID.randomUUID().toString()));
    }

    private static String rfc3986(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- Tencent Cloud

    private String tencent(HttpExchange exchange, String body) {
        var headers = exchange.getRequestHeaders();
        String authorization = String.valueOf(headers.getFirst("Authorization"));
        var m = java.util.regex.Pattern.compile("TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/sms/tc3_request, "
                + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})").matcher(authorization);
        if (!m.matches()) return tencentError("AuthFailure.InvalidAuthorization", "Authorization is malformed");
        if (!keyId.equals(m.group(1))) return tencentError("AuthFailure.SecretIdNotFound", "The SecretId is not found");
        long timestamp = Long.parseLong(String.valueOf(headers.getFirst("X-TC-Timestamp")));
        String date = java.time.LocalDate.ofInstant(Instant.ofEpochSecond(timestamp), java.time.ZoneOffset.UTC).toString();
        if (!date.equals(m.group(2))) return tencentError("AuthFailure.SignatureFailure", "credential date");
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) return tencentError("AuthFailure.SignatureExpire", "Signature expired");
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : m.group(3).split(";")) {
            canonicalHeaders.append(name).append(':').append(String.valueOf(headers.getFirst(name)).trim().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        String canonicalRequest = exchange.getRequestMethod() + "\n/\n\n" + canonicalHeaders + "\n" + m.group(3) + "\n" + sha256(body);
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/sms/tc3_request\n" + sha256(canonicalRequest);
        byte[] key = hmac("HmacSHA256", ("TC3" + keySecret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac("HmacSHA256", key, "sms");
        key = hmac("HmacSHA256", key, "tc3_request");
        if (!HexFormat.of().formatHex(hmac("HmacSHA256", key, stringToSign)).equals(m.group(4))) {
            return tencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
        }
        if (!m.group(3).contains("content-type") || !m.group(3).contains("host")) return tencentError("AuthFailure.SignatureFailure", "signed headers");
        if (!"SendSms".equals(headers.getFirst("X-TC-Action")) || !"2021-01-11".equals(headers.getFirst("X-TC-Version"))) {
            return tencentError("InvalidAction", "action or version");
        }
        JsonNode request = Json.parse(body, JsonNode.class);
        String phone = request.path("PhoneNumberSet").path(0).asText("");
        if (!signName.equals(request.path("SignName").asText())) return tencentError("FailedOperation.SignatureIncorrectOrUnapproved", "签名未审批或格式错误");
        if (!templates.contains(request.path("TemplateId").asText())) return tencentError("FailedOperation.TemplateIncorrectOrUnapproved", "模板未审批或不存在");
        Map<String, String> variables = new LinkedHashMap<>();
        List<JsonNode> values = new ArrayList<>();
        request.path("TemplateParamSet").forEach(values::add);
        for (int i = 0; i < values.size(); i++) variables.put(String.valueOf(i), values.get(i).asText());
        if (!phone.matches("\\+861[3-9][0-9]{9}")) {
            return Json.write(Map.of("Response", Map.of("SendStatusSet", List.of(Map.of("SerialNo", "", "PhoneNumber", "", "Fee", 0,
                    "Code", "InvalidParameterValue.IncorrectPhoneNumber", "Message", "手机号格式错误", "IsoCode", "")), "RequestId", UUID.randomUUID().toString())));
        }
        String id = UUID.randomUUID().toString();
        accept(new Received(id, phone.substring(3), request.path("SignName").asText(), request.path("TemplateId").asText(), variables,
                request.path("SessionContext").asText(null)));
        return Json.write(Map.of("Response", Map.of("SendStatusSet", List.of(Map.of("SerialNo", id, "PhoneNumber", phone, "Fee", 1,
                "SessionContext", request.path("SessionContext").asText(""), "Code", "Ok", "Message", "send success", "IsoCode", "CN")),
                "RequestId", UUID.randomUUID().toString())));
    }

    private static String tencentError(String code, String message) {
        return Json.write(Map.of("Response", Map.of("Error", Map.of("Code", code, "Message", message), "RequestId", UUID.randomUUID().toString())));
    }

    // ----------------------------------------------------------------

    private void accept(Received message) {
        received.add(message);
        listener.accept(message);
    }

    private static byte[] hmac(String algorithm, byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

}
