package community.linli.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The pure parts: reading an SQS record's attributes, and the shapes the providers' signatures are computed over. */
class SmsMessageAndSigningTest {

    private static JsonNode record(String attributes) {
        return Json.parse("{\"messageId\":\"m-1\",\"body\":\"text\",\"messageAttributes\":{" + attributes + "}}", JsonNode.class);
    }

    private static String attribute(String name, String value) {
        return "\"" + name + "\":{\"stringValue\":" + Json.write(value) + ",\"dataType\":\"String\"}";
    }

    @Test
    void smsMessage_readsTheAttributes_andTheVariablesInTheirOrder() {
        var message = SmsMessage.of(record(String.join(",", attribute("community", "demo"), attribute("role", "resident"),
                attribute("recipient", "261130-0001"), attribute("alertId", "a-1"), attribute("kind", "resident_assigned"),
                attribute("smsVariables", "{\"id\":\"261130-0001\",\"category\":\"电梯故障\"}"))));

        assertThat(message.toResident()).isTrue();
        assertThat(message.variables()).containsExactly(Map.entry("id", "261130-0001"), Map.entry("category", "电梯故障"));
        assertThat(message.text()).isEqualTo("text");
    }

    @Test
    void smsMessage_withoutAnAlertId_isNone_andMalformedVariablesAreNone() {
        assertThat(SmsMessage.of(record(String.join(",", attribute("community", "demo"), attribute("role", "staff"),
                attribute("recipient", "demo-staff"))))).isNull();
        assertThat(SmsMessage.of(record(String.join(",", attribute("community", "demo"), attribute("role", "staff"),
                attribute("recipient", "demo-staff"), attribute("alertId", "a-2"), attribute("smsVariables", "{not json"))))
                .variables()).isEmpty();
    }

    @Test
    void aliyunEncoding_isRfc3986_spaceAsPercent20_starEncoded_tildeKept() {
        assertThat(AliyunSms.encode("a b*c~d")).isEqualTo("a%20b%2Ac~d");
        assertThat(AliyunSms.encode("邻")).isEqualTo("%E9%82%BB");
        assertThat(AliyunSms.canonical(Map.of("b", "2", "A", "1 2"))).isEqualTo("A=1%202&b=2");
    }

    @Test
    void aliyunSignature_isHmacSha1_underTheSecretAndAmpersand_ofPostSlashAndTheEncodedCanonicalString() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("secret&".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal("POST&%2F&Action%3DSendSms%26PhoneNumbers%3D13700000003"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(AliyunSms.signature("secret", "Action=SendSms&PhoneNumbers=13700000003")).isEqualTo(expected);
    }

    @Test
    void tencentAuthorization_namesTheCredentialScopeAndSignedHeaders_andChangesWithThePayload() {
        var credentials = new ProviderSecret.Credentials("AKIDexample", "secret");

        String one = TencentSms.authorization(credentials, "sms.tencentcloudapi.com", 1_795_918_533L, "{\"a\":1}");
        String other = TencentSms.authorization(credentials, "sms.tencentcloudapi.com", 1_795_918_533L, "{\"a\":2}");

        assertThat(one).matches("TC3-HMAC-SHA256 Credential=AKIDexample/2026-11-29/sms/tc3_request, "
                + "SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}");
        assertThat(other).isNotEqualTo(one);
    }
}
