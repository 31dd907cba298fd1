package community.linli.smssender;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code tencent} provider: Tencent Cloud SMS (短信, API 3.0, version 2021-01-11)
 * {@code SendSms}, a JSON POST to {@code https://sms.tencentcloudapi.com/} signed with
 * TC3-HMAC-SHA256 as its signature v3 documents: the canonical request (method, {@code /}, empty
 * query, the signed headers {@code content-type}, {@code host} and {@code x-tc-action} in lower
 * case, the payload's SHA-256 in hex), the string to sign (algorithm, timestamp, the credential
 * scope {@code <UTC date>/sms/tc3_request}, the canonical request's SHA-256), the signing key
 * derived by HMAC-SHA256 from {@code "TC3" + SecretKey} over the date, {@code sms} and
 * {@code tc3_request}, and the signature in hex in the {@code Authorization} header.
 *
 * <p>The message is the registered template ({@code TemplateId}) with its variables in order
 * ({@code TemplateParamSet}), the registered signature ({@code SignName}) and the SMS application
 * ({@code SmsSdkAppId}); {@code SessionContext} is the alert id. A request-level
 * {@code Response.Error} or the number's {@code SendStatusSet} code other than {@code Ok}: the
 * {@link #REFUSED} codes are final, the others (rate limits, internal errors, credentials) retried.
 */
final class TencentSms implements SmsProvider {
    static final String DEFAULT_BASE = "https://sms.tencentcloudapi.com";
    static final String VERSION = "2021-01-11";
    static final String REGION = "ap-guangzhou";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final String SIGNED_HEADERS = "content-type;host;x-tc-action";
    /** Codes for a message no retry can send (Tencent Cloud SMS's error codes). */
    static final Set<String> REFUSED = Set.of("InvalidParameterValue.IncorrectPhoneNumber", "FailedOperation.PhoneNumberInBlacklist",
            "FailedOperation.TemplateIncorrectOrUnapproved", "FailedOperation.SignatureIncorrectOrUnapproved",
            "InvalidParameterValue.TemplateParameterFormatError", "InvalidParameterValue.TemplateParameterLengthLimit",
            "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", "FailedOperation.ContainSensitiveWord",
            "FailedOperation.MissingSignatureList", "FailedOperation.MissingTemplateList", "UnsupportedOperation.UnsupportedRegion",
            "InvalidParameterValue.SdkAppIdNotExist", "FailedOperation.PhoneNumberParseFail");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final ProviderSecret secret;
    private final String signName;
    private final String appId;
    private final Clock clock;
    private final ProviderHttp http;

    TencentSms(URI base, ProviderSecret secret, String signName, String appId, Clock clock, ProviderHttp http) {
        this.endpoint = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.secret = secret;
        this.signName = signName;
        this.appId = appId;
        this.clock = clock;
        this.http = http;
    }

    @Override
    public String send(Sms sms) {
        ProviderSecret.Credentials credentials = secret.get();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("PhoneNumberSet", List.of("+86" + sms.phone()));
        request.put("SmsSdkAppId", appId);
        request.put("SignName", signName);
        request.put("TemplateId", sms.templateId());
        request.put("TemplateParamSet", new ArrayList<>(sms.variables().values()));
        if (sms.reference() != null) request.put("SessionContext", sms.reference());
        String payload = Json.write(request);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("X-TC-Action", "SendSms");
        headers.put("X-TC-Timestamp", String.valueOf(timestamp));
        headers.put("X-TC-Version", VERSION);
        headers.put("X-TC-Region", REGION);
        headers.put("Authorization", authorization(credentials, endpoint.getAuthority(), timestamp, payload));
        ProviderHttp.Answer answer = http.post(endpoint, headers, payload);
        JsonNode json = answer.json();
        JsonNode response = json == null ? null : json.path("Response");
        if (response == null || response.isMissingNode()) throw new Unavailable("tencent http_" + answer.status());
        String error = response.path("Error").path("Code").asText("");
        if (error.isEmpty()) {
            JsonNode status = response.path("SendStatusSet").path(0);
            error = status.path("Code").asText("");
            if ("Ok".equals(error)) return status.path("SerialNo").asText("sent");
        }
        if (REFUSED.contains(error)) throw new Refused(error);
        if (error.startsWith("AuthFailure")) secret.forget();
        throw new Unavailable("tencent " + (error.isEmpty() ? "http_" + answer.status() : error));
    }

    /** The {@code Authorization} header of a SendSms POST of {@code payload} to {@code host} at {@code timestamp}. */
    static String authorization(ProviderSecret.Credentials credentials, String host, long timestamp, String payload) {
        String date = DATE.format(java.time.Instant.ofEpochSecond(timestamp));
        String canonicalRequest = "POST\n/\n\n" + "content-type:" + CONTENT_TYPE + "\nhost:" + host + "\nx-tc-action:sendsms\n\n"
                + SIGNED_HEADERS + "\n" + sha256Hex(payload);
        String scope = date + "/sms/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
        byte[] key = hmac(("TC3" + credentials.secret()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "sms");
        key = hmac(key, "tc3_request");
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
        return "TC3-HMAC-SHA256 Credential=" + credentials.id() + "/" + scope + ", SignedHeaders=" + SIGNED_HEADERS
                + ", Signature=" + signature;
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }


    @Override
    public String name() {
        return "tencent";
    }

    @Override
    public boolean needsTemplates() {
        return true;
    }
}
