package community.linli.smssender;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A Chinese provider's credentials from the Secrets Manager secret {@code SMS_SECRET_ARN}: Aliyun's
 * {@code {"accessKeyId": …, "accessKeySecret": …}}, Tencent Cloud's {@code {"secretId": …, "secretKey": …}}.
 * Read on the first SMS, after a SnapStart restore (never into a snapshot), and kept for the
 * container's life; {@link #forget} drops them when the provider refuses them, so a secret an
 * operator has put right is read again on the next attempt. Never logged.
 */
final class ProviderSecret {
    record Credentials(String id, String secret) {}

    private final SecretsManagerClient secrets;
    private final String secretId;
    private final String idField;
    private final String secretField;
    private volatile Credentials cached;

    ProviderSecret(SecretsManagerClient secrets, String secretId, String idField, String secretField) {
        this.secrets = secrets;
        this.secretId = secretId;
        this.idField = idField;
        this.secretField = secretField;
    }

    synchronized Credentials get() {
        if (cached == null) {
            JsonNode value = Json.parse(secrets.getSecretValue(r -> r.secretId(secretId)).secretString(), JsonNode.class);
            String id = value.path(idField).asText("");
            String secret = value.path(secretField).asText("");
            if (id.isEmpty() || secret.isEmpty()) throw new SmsProvider.Unavailable("sms secret has no " + idField + " or " + secretField);
            cached = new Credentials(id, secret);
        }
        return cached;
    }

    void forget() {
        cached = null;
    }
}
