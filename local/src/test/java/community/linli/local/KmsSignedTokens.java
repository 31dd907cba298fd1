package community.linli.local;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import community.linli.testkit.LocalAws;
import community.linli.testkit.Persona;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Tokens signed by a KMS key on moto, with any claims: what the issuer's own key would sign if it
 * were asked to sign something wrong (expired, another audience), or what a key nobody published
 * signs. Only the gateway's refusals are tested with these.
 */
final class KmsSignedTokens {
    private final LocalAws aws;
    private final String keyId;

    KmsSignedTokens(LocalAws aws, String keyId) {
        this.aws = aws;
        this.keyId = keyId;
    }

    /** Signed by the key AuthFunction signs with. */
    static KmsSignedTokens issuerKey(LocalAws aws) {
        return new KmsSignedTokens(aws, aws.environment(LocalApp.ISSUER_FUNCTION).get("TOKEN_SIGNING_KEY_ID"));
    }

    /** Signed by a new KMS key of the same kind that the issuer never published. */
    static KmsSignedTokens unpublishedKey(LocalAws aws) {
        return new KmsSignedTokens(aws, aws.kms().createKey(r -> r.keySpec("RSA_2048").keyUsage("SIGN_VERIFY")).keyMetadata().keyId());
    }

    static JWTClaimsSet.Builder claims(String issuer, String audience, Persona persona, Duration validity) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(persona.sub())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validity)))
                .claim("community_id", persona.communityId()).claim("groups", List.copyOf(persona.groups()))
                .claim("grid_ids", List.copyOf(persona.gridIds()));
    }

    String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build();
        String input = header.toBase64URL() + "." + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = aws.kms().sign(r -> r.keyId(keyId).message(SdkBytes.fromString(input, StandardCharsets.US_ASCII))
                .messageType(MessageType.RAW).signingAlgorithm(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256)).signature().asByteArray();
        return input + "." + Base64URL.encode(signature);
    }
}
