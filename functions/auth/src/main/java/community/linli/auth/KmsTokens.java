package community.linli.auth;

import community.linli.platform.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * RS256 JSON Web Tokens signed by a KMS asymmetric key (RSA_2048, SIGN_VERIFY), and the key set
 * that verifies them. The private key never leaves KMS: each token costs one {@code Sign}. The
 * header's {@code kid} is the KMS key id. {@link #jwks()} publishes the public halves of every key
 * in {@code publishedKeyIds} (the signing key and, during a rotation, the next or previous one);
 * a public key never changes, so each is read with {@code GetPublicKey} once per container.
 */
final class KmsTokens {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KmsClient kms;
    private final String signingKeyId;
    private final List<String> publishedKeyIds;
    private final Map<String, Map<String, Object>> publicKeys = new ConcurrentHashMap<>();

    KmsTokens(KmsClient kms, String signingKeyId, List<String> publishedKeyIds) {
        this.kms = kms;
        this.signingKeyId = signingKeyId;
        this.publishedKeyIds = publishedKeyIds.contains(signingKeyId) ? List.copyOf(publishedKeyIds)
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(signingKeyId), publishedKeyIds.stream()).toList();
    }

    /** The compact JWS of {@code claims}. A message this small is signed RAW: KMS hashes it with SHA-256. */
    String sign(Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", signingKeyId);
        String input = encode(Json.write(header)) + "." + encode(Json.write(claims));
        byte[] signature = kms.sign(r -> r.keyId(signingKeyId)
                .message(SdkBytes.fromString(input, StandardCharsets.US_ASCII))
                .messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256)).signature().asByteArray();
        return input + "." + BASE64URL.encodeToString(signature);
    }

    /** The JSON Web Key Set of the published keys, as the issuer's {@code jwks_uri} serves it. */
    Map<String, Object> jwks() {
        return Map.of("keys", publishedKeyIds.stream().map(id -> publicKeys.computeIfAbsent(id, this::jwk)).toList());
    }

    private Map<String, Object> jwk(String keyId) {
        byte[] der = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("KMS key " + keyId + " is not an RSA signing key", e);
        }
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        return Map.copyOf(jwk);
    }

    /** RFC 7518 6.3.1: the big-endian magnitude without a leading sign byte. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        return BASE64URL.encodeToString(bytes);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
