package community.linli.platform.crypto;

import community.linli.platform.Env;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/**
 * Field-level encryption of personal data (phones, ID-card numbers) with KMS envelope encryption,
 * and keyed hashes for exact-match lookups of the same values.
 *
 * <p><b>Sealing.</b> {@link #seal(String, String)} encrypts one value with AES-256-GCM under a data
 * key that this instance (one per container) asks KMS for once, on its first seal
 * ({@code GenerateDataKey}, AES_256, under {@code FIELD_KEY_ID}), and keeps. The result is text:
 * <pre>lf1.&lt;encrypted data key&gt;.&lt;IV&gt;.&lt;ciphertext and GCM tag&gt;</pre>
 * each part base64url without padding. It carries everything {@link #open(String, String)} needs,
 * in any container: a value sealed elsewhere costs one {@code Decrypt} per distinct encrypted data
 * key, after which that key is cached (at most {@value #CACHED_KEYS} of them). The {@code field}
 * name is bound as GCM associated data, so a value sealed as {@code staff.phone} does not open as
 * anything else; a changed or truncated value, or one opened under another field, fails with
 * {@link SealedValueException}. KMS sees the encryption context
 * {@code {"purpose": "linli-field"}}, which the key policy in template.yaml requires.
 *
 * <p><b>Lookup hashes.</b> {@link #lookupHash(String, String)} is HMAC-SHA256 over the kind and the
 * normalized value, under a local key that every container derives identically: one
 * {@code GenerateMac} (HMAC_SHA_256) per container with the KMS HMAC key {@code LOOKUP_KEY_ID}
 * over a fixed label. The hash is the same in every container of every function of one stack,
 * never leaves the stack's key, and KMS HMAC keys do not rotate, so stored hashes stay valid.
 * Callers normalize before hashing: a mainland mobile is its 11 digits without {@code +86}.
 *
 * <p>Nothing here logs, and no exception message carries a plaintext. KMS is never called in the
 * constructor, so building this during init or SnapStart priming costs and snapshots no key: the
 * data key is generated on the first seal, after restore, and IVs come from {@link SecureRandom}.
 */
public final class FieldCrypto {
    /** Lookup-hash kind of a mainland mobile number, normalized to its 11 digits. */
    public static final String PHONE = "phone";
    /** Lookup-hash kind of a resident ID-card number, normalized to 18 characters with an upper-case {@code X}. */
    public static final String ID_CARD = "id_card";

    /** The symmetric KMS key (template.yaml {@code FieldKey}) that encrypts data keys. */
    public static final String FIELD_KEY_VARIABLE = "FIELD_KEY_ID";
    /** The KMS HMAC key (template.yaml {@code LookupKey}) that the lookup-hash key is derived from. */
    public static final String LOOKUP_KEY_VARIABLE = "LOOKUP_KEY_ID";

    static final String VERSION = "lf1";
    static final int CACHED_KEYS = 256;
    static final Map<String, String> ENCRYPTION_CONTEXT = Map.of("purpose", "linli-field");
    static final String LOOKUP_LABEL = "linli/lookup-hash/v1";
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final Supplier<KmsClient> kmsClient;
    private KmsClient kms;
    private final String fieldKeyId;
    private final String lookupKeyId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> openedKeys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKeySpec> eldest) {
            return size() > CACHED_KEYS;
        }
    };
    private DataKey dataKey;
    private SecretKeySpec lookupKey;

    private record DataKey(String encrypted, SecretKeySpec key) {}

    /** Thrown when a sealed value is malformed, was changed, belongs to another field, or its data key cannot be decrypted. */
    public static final class SealedValueException extends RuntimeException {
        SealedValueException(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }

    public FieldCrypto(KmsClient kms, String fieldKeyId, String lookupKeyId) {
        this(() -> kms, fieldKeyId, require(lookupKeyId, LOOKUP_KEY_VARIABLE));
    }

    /**
     * With a KMS client built on first use, so a container that never seals, opens or hashes (a
     * request without a phone, a list) never loads the KMS client. Without a {@code lookupKeyId}
     * (null), {@link #lookupHash} is refused: for functions that only seal and open.
     */
    public FieldCrypto(Supplier<KmsClient> kms, String fieldKeyId, String lookupKeyId) {
        this.kmsClient = kms;
        this.fieldKeyId = require(fieldKeyId, FIELD_KEY_VARIABLE);
        this.lookupKeyId = lookupKeyId;
    }

    /** With the keys named by {@code FIELD_KEY_ID} and {@code LOOKUP_KEY_ID}, which template.yaml sets. */
    public static FieldCrypto fromEnv(KmsClient kms) {
        return new FieldCrypto(kms, Env.require(FIELD_KEY_VARIABLE), Env.require(LOOKUP_KEY_VARIABLE));
    }

    /** With {@code FIELD_KEY_ID}, and {@code LOOKUP_KEY_ID} if template.yaml sets it; the client is built on first use. */
    public static FieldCrypto fromEnv(Supplier<KmsClient> kms) {
        return new FieldCrypto(kms, Env.require(FIELD_KEY_VARIABLE), Env.optional(LOOKUP_KEY_VARIABLE).orElse(null));
    }

    /** {@code plaintext} encrypted for {@code field} (a stable name such as {@code staff.phone}), as opaque text. */
    public String seal(String field, String plaintext) {
        checkField(field);
        if (plaintext == null) throw new IllegalArgumentException("nothing to seal for " + field);
        DataKey key = dataKey();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, key.key(), iv, field, plaintext.getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + key.encrypted() + "." + B64.encodeToString(iv) + "." + B64.encodeToString(ciphertext);
    }

    /** The plaintext of a value {@link #seal sealed} for the same {@code field}, by this or any other container. */
    public String open(String field, String sealed) {
        checkField(field);
        if (sealed == null) throw new SealedValueException("no sealed value", null);
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) throw new SealedValueException("not a sealed value of version " + VERSION, null);
        byte[] iv;
        byte[] ciphertext;
        try {
            iv = UNB64.decode(parts[2]);
            ciphertext = UNB64.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("sealed value is not base64url", null);
        }
        if (iv.length != IV_BYTES) throw new SealedValueException("sealed value has a bad IV", null);
        byte[] plaintext = gcm(Cipher.DECRYPT_MODE, openedKey(parts[1]), iv, field, ciphertext);
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    /**
     * A keyed hash of {@code normalized} for exact-match lookups of {@code kind} ({@link #PHONE},
     * {@link #ID_CARD}), base64url without padding (43 characters); equal inputs give equal hashes
     * in every container of the stack.
     */
    public String lookupHash(String kind, String normalized) {
        if (kind == null || !KIND.matcher(kind).matches()) throw new IllegalArgumentException("lookup kind must match " + KIND);
        if (normalized == null || normalized.isEmpty()) throw new IllegalArgumentException("nothing to hash for " + kind);
        if (lookupKeyId == null) throw new IllegalStateException(LOOKUP_KEY_VARIABLE + " is not set: this function only seals and opens");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey());
            mac.update(kind.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return B64.encodeToString(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private synchronized KmsClient kms() {
        if (kms == null) kms = kmsClient.get();
        return kms;
    }

    private synchronized DataKey dataKey() {
        if (dataKey == null) {
            var response = kms().generateDataKey(r -> r.keyId(fieldKeyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(ENCRYPTION_CONTEXT));
            String encrypted = B64.encodeToString(response.ciphertextBlob().asByteArray());
            SecretKeySpec key = new SecretKeySpec(response.plaintext().asByteArray(), "AES");
            dataKey = new DataKey(encrypted, key);
            openedKeys.put(encrypted, key);
        }
        return dataKey;
    }

    private synchronized SecretKeySpec openedKey(String encrypted) {
        SecretKeySpec key = openedKeys.get(encrypted);
        if (key != null) return key;
        byte[] blob;
        try {
            blob = UNB64.decode(encrypted);
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("sealed value has a malformed data key", null);
        }
        if (blob.length == 0) throw new SealedValueException("sealed value has no data key", null);
        try {
            var response = kms().decrypt(r -> r.keyId(fieldKeyId).ciphertextBlob(SdkBytes.fromByteArray(blob))
                    .encryptionContext(ENCRYPTION_CONTEXT));
            key = new SecretKeySpec(response.plaintext().asByteArray(), "AES");
        } catch (KmsException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            // A data key KMS refuses as a ciphertext is a bad value; anything else (throttling, access) is the caller's outage.
            if ("InvalidCiphertextException".equals(code) || "IncorrectKeyException".equals(code)) {
                throw new SealedValueException("KMS refused the sealed value's data key (" + code + ")", null);
            }
            throw e;
        }
        openedKeys.put(encrypted, key);
        return key;
    }

    private synchronized SecretKeySpec lookupKey() {
        if (lookupKey == null) {
            var response = kms().generateMac(r -> r.keyId(lookupKeyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                    .message(SdkBytes.fromString(LOOKUP_LABEL, StandardCharsets.UTF_8)));
            lookupKey = new SecretKeySpec(response.mac().asByteArray(), "HmacSHA256");
        }
        return lookupKey;
    }

    private static byte[] gcm(int mode, SecretKeySpec key, byte[] iv, String field, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD((VERSION + "|" + field).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealedValueException("sealed value failed authentication (changed, or sealed for another field)", null);
        } catch (GeneralSecurityException e) {
            if (mode == Cipher.DECRYPT_MODE) throw new SealedValueException("sealed value cannot be decrypted", null);
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static void checkField(String field) {
        if (field == null || !FIELD.matcher(field).matches()) throw new IllegalArgumentException("field name must match " + FIELD);
    }

    private static String require(String value, String variable) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(variable + " names no KMS key");
        return value;
    }
}
