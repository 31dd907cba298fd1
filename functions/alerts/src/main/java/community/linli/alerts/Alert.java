package community.linli.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * One message for one person, published once on the AlertsTopic. {@code id} is deterministic: the
 * same change seen again (a retried batch, a replayed stream) makes the same id, which is how a
 * sent alert is recognized and not sent twice. It is 22 characters of base64url (128 bits of a SHA-256). {@code gridId} is null for a request with no grid.
 */
public record Alert(String id, String communityId, String requestId, AlertKind kind, Recipient recipient, String gridId,
                    Channel channel, String urgency, String subject, String text, Map<String, String> smsVariables) {

    /**
     * {@code smsVariables}: the SMS template's variables in the order its text names them
     * ({@link AlertTexts#smsVariables}), for a provider that sends registered templates (China's);
     * empty for an email.
     */
    public Alert {
        smsVariables = smsVariables == null ? Map.of() : smsVariables;
    }

    /** An alert with no SMS template variables (an email, a digest). */
    public Alert(String id, String communityId, String requestId, AlertKind kind, Recipient recipient, String gridId,
                 Channel channel, String urgency, String subject, String text) {
        this(id, communityId, requestId, kind, recipient, gridId, channel, urgency, subject, text, Map.of());
    }

    /**
     * The id of the alert of {@code kind} about one change of a request ({@code occasion}: the
     * request version the change made, or the due time an overdue mark marks) for {@code recipient}.
     */
    public static String id(String communityId, String requestId, AlertKind kind, String occasion, Recipient recipient) {
        String source = String.join("\n", communityId, requestId, kind.wire(), occasion, recipient.role(), recipient.id());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
