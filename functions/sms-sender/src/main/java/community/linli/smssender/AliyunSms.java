package community.linli.smssender;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code aliyun} provider: Aliyun SMS (短信服务, dysmsapi, API version 2017-05-25)
 * {@code SendSms}, a form POST to {@code https://dysmsapi.aliyuncs.com/} signed as its RPC
 * signature mechanism documents (签名机制): the parameters sorted by name, each name and value
 * percent-encoded (RFC 3986: space {@code %20}, {@code *} {@code %2A}, {@code ~} kept), joined
 * with {@code &}; the string to sign {@code POST&%2F&} and that string encoded again; its
 * HMAC-SHA1 under the AccessKey secret and {@code &}, in base64, as {@code Signature}.
 *
 * <p>The message is the registered template ({@code TemplateCode}) with its variables
 * ({@code TemplateParam}, JSON by name) and the registered signature ({@code SignName});
 * {@code OutId} is the alert id, which delivery receipts carry back. Aliyun answers
 * {@code {"Code": "OK", "BizId": …}}; {@link #REFUSED} codes are final, every other code, an HTTP
 * 5xx and a timeout are retried.
 */
final class AliyunSms implements SmsProvider {
    static final String DEFAULT_BASE = "https://dysmsapi.aliyuncs.com";
    static final String VERSION = "2017-05-25";
    /** Codes for a message no retry can send: the number, the template, the signature, the variables (Aliyun's SMS error codes). */
    static final Set<String> REFUSED = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL",
            "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS", "isv.INVALID_JSON_PARAM", "isv.PARAM_LENGTH_LIMIT",
            "isv.PARAM_NOT_SUPPORT_URL", "isv.TEMPLATE_PARAMS_ILLEGAL", "isv.BLACK_KEY_CONTROL_LIMIT", "isv.SMS_CONTENT_ILLEGAL",
            "isv.SMS_SIGN_ILLEGAL", "isv.SMS_SIGNATURE_SCENE_ILLEGAL", "isv.DOMESTIC_NUMBER_NOT_SUPPORTED", "isv.MOBILE_COUNT_OVER_LIMIT");
    /** Codes for credentials Aliyun does not accept: read the secret again next time. */
    static final Set<String> CREDENTIALS = Set.of("SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final ProviderSecret secret;
    private final String signName;
    private final Clock clock;
    private final ProviderHttp http;

    AliyunSms(URI base, ProviderSecret secret, String signName, Clock clock, ProviderHttp http) {
        this.endpoint = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.secret = secret;
        this.signName = signName;
        this.clock = clock;
        this.http = http;
    }

    @Override
    public String send(Sms sms) {
        ProviderSecret.Credentials credentials = secret.get();
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("AccessKeyId", credentials.id());
        parameters.put("Action", "SendSms");
        parameters.put("Format", "JSON");
        parameters.put("RegionId", "cn-hangzhou");
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureNonce", UUID.randomUUID().toString());
        parameters.put("SignatureVersion", "1.0");
        parameters.put("Timestamp", TIMESTAMP.format(clock.instant()));
        parameters.put("Version", VERSION);
        parameters.put("PhoneNumbers", sms.phone());
        parameters.put("SignName", signName);
        parameters.put("TemplateCode", sms.templateId());
        parameters.put("TemplateParam", Json.write(sms.variables()));
        if (sms.reference() != null) parameters.put("OutId", sms.reference());
        String canonical = canonical(parameters);
        String body = "Signature=" + encode(signature(credentials.secret(), canonical)) + "&" + canonical;
        ProviderHttp.Answer answer = http.post(endpoint, Map.of("Content-Type", "application/x-www-form-urlencoded"), body);
        JsonNode json = answer.json();
        String code = json == null ? "" : json.path("Code").asText("");
        if ("OK".equals(code)) return json.path("BizId").asText("sent");
        if (REFUSED.contains(code)) throw new Refused(code);
        if (CREDENTIALS.contains(code)) secret.forget();
        throw new Unavailable("aliyun " + (code.isEmpty() ? "http_" + answer.status() : code));
    }

    /** The signature of the canonical query string of a POST, as the mechanism documents it. */
    static String signature(String accessKeySecret, String canonical) {
        String stringToSign = "POST&" + encode("/") + "&" + encode(canonical);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    static String canonical(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** RFC 3986 percent-encoding, as the mechanism asks: URLEncoder's, with {@code +} {@code %20}, {@code *} {@code %2A} and {@code ~} kept. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }


    @Override
    public String name() {
        return "aliyun";
    }

    @Override
    public boolean needsTemplates() {
        return true;
    }
}
