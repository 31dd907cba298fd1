package community.linli.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.RoundTrips;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * FieldCrypto against moto's KMS, with the template's FieldKey and LookupKey. Each FieldCrypto
 * instance stands for one container; the counted KMS client shows what a container pays.
 */
@ExtendWith(MotoExtension.class)
class FieldCryptoTest {
    private static final String PHONE = "13812345678";

    private static FieldCrypto container(LocalAws aws, RoundTrips counter) {
        return new FieldCrypto(aws.countingKms(counter), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
    }

    @Test
    void seal_thenOpen_returnsThePlaintext(LocalAws aws) {
        FieldCrypto crypto = container(aws, new RoundTrips());

        String sealed = crypto.seal("staff.phone", PHONE);
        String chinese = crypto.seal("resident.note", "独居老人，子女在外地 👵");

        assertThat(crypto.open("staff.phone", sealed)).isEqualTo(PHONE);
        assertThat(crypto.open("resident.note", chinese)).isEqualTo("独居老人，子女在外地 👵");
    }

    @Test
    void seal_isSelfDescribingAndNeverHoldsThePlaintext(LocalAws aws) {
        FieldCrypto crypto = container(aws, new RoundTrips());

        String first = crypto.seal("staff.phone", PHONE);
        String second = crypto.seal("staff.phone", PHONE);

        assertThat(first).startsWith("lf1.").doesNotContain(PHONE).doesNotContain("5678");
        assertThat(first.split("\\.")).hasSize(4);
        assertThat(second).isNotEqualTo(first);
        assertThat(first.split("\\.")[1]).as("one data key per container").isEqualTo(second.split("\\.")[1]);
    }

    @Test
    void oneContainer_generatesOneDataKey_andOpensItsOwnValuesWithoutKms(LocalAws aws) {
        RoundTrips kms = new RoundTrips();
        FieldCrypto crypto = container(aws, kms);
        assertThat(kms.total()).as("the constructor calls nothing").isZero();

        List<String> sealed = List.of(crypto.seal("staff.phone", "13800000001"), crypto.seal("staff.phone", "13800000002"),
                crypto.seal("staff.phone", "13800000003"));
        sealed.forEach(value -> crypto.open("staff.phone", value));

        assertThat(kms.byOperation()).isEqualTo(Map.of("GenerateDataKey", 1));
    }

    @Test
    void anotherContainer_opensTheValues_withOneDecryptPerDistinctDataKey(LocalAws aws) {
        FieldCrypto first = container(aws, new RoundTrips());
        FieldCrypto second = container(aws, new RoundTrips());
        List<String> fromFirst = List.of(first.seal("staff.phone", "13800000001"), first.seal("staff.phone", "13800000002"));
        List<String> fromSecond = List.of(second.seal("staff.phone", "13800000003"), second.seal("staff.phone", "13800000004"));
        RoundTrips kms = new RoundTrips();
        FieldCrypto third = container(aws, kms);

        List<String> opened = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            opened.clear();
            for (String value : fromFirst) opened.add(third.open("staff.phone", value));
            for (String value : fromSecond) opened.add(third.open("staff.phone", value));
        }

        assertThat(opened).containsExactly("13800000001", "13800000002", "13800000003", "13800000004");
        assertThat(kms.byOperation()).isEqualTo(Map.of("Decrypt", 2));
    }

    @Test
    void open_underAnotherField_fails(LocalAws aws) {
        FieldCrypto crypto = container(aws, new RoundTrips());
        String sealed = crypto.seal("staff.phone", PHONE);

        assertThatThrownBy(() -> crypto.open("resident.phone", sealed))
                .isInstanceOf(FieldCrypto.SealedValueException.class)
                .hasMessageNotContaining(PHONE);
    }

    @Test
    void open_ofAChangedValue_fails(LocalAws aws) {
        FieldCrypto crypto = container(aws, new RoundTrips());
        String sealed = crypto.seal("staff.phone", PHONE);
        String[] parts = sealed.split("\\.");

        List<String> tampered = List.of(
                String.join(".", parts[0], parts[1], parts[2], flip(parts[3])),
                String.join(".", parts[0], parts[1], flip(parts[2]), parts[3]),
                String.join(".", parts[0], parts[1], parts[2], parts[3].substring(0, parts[3].length() - 4)),
                String.join(".", "lf2", parts[1], parts[2], parts[3]),
                String.join(".", parts[0], parts[1], parts[2]),
                sealed + "=",
                "13812345678",
                "");

        for (String value : tampered) {
            assertThatThrownBy(() -> crypto.open("staff.phone", value)).as(value)
                    .isInstanceOf(FieldCrypto.SealedValueException.class);
        }
    }

    @Test
    void open_withAChangedDataKey_failsInKmsAsABadValue(LocalAws aws) {
        String sealed = container(aws, new RoundTrips()).seal("staff.phone", PHONE);
        String[] parts = sealed.split("\\.");
        FieldCrypto other = container(aws, new RoundTrips());

        assertThatThrownBy(() -> other.open("staff.phone", String.join(".", parts[0], flip(parts[1]), parts[2], parts[3])))
                .isInstanceOf(FieldCrypto.SealedValueException.class);
    }

    @Test
    void open_ofAValueSealedUnderAnotherStacksKey_fails(LocalAws aws) {
        String otherKey = aws.kms().createKey(r -> r.description("another stack's FieldKey")).keyMetadata().keyId();
        String sealedElsewhere = new FieldCrypto(aws.kms(), otherKey, aws.provisioned().ref("LookupKey")).seal("staff.phone", PHONE);
        FieldCrypto ours = container(aws, new RoundTrips());

        // KMS answers IncorrectKeyException (a bad value); moto answers AccessDeniedException, which
        // FieldCrypto passes on as an outage. Either way the value does not open.
        assertThatThrownBy(() -> ours.open("staff.phone", sealedElsewhere))
                .isInstanceOfAny(FieldCrypto.SealedValueException.class, software.amazon.awssdk.services.kms.model.KmsException.class);
    }

    @Test
    void lookupHash_isEqualInEveryContainer_withOneGenerateMacEach(LocalAws aws) {
        RoundTrips firstCalls = new RoundTrips();
        RoundTrips secondCalls = new RoundTrips();
        FieldCrypto first = container(aws, firstCalls);
        FieldCrypto second = container(aws, secondCalls);

        String a = first.lookupHash(FieldCrypto.PHONE, PHONE);
        String b = second.lookupHash(FieldCrypto.PHONE, PHONE);
        for (int i = 0; i < 5; i++) first.lookupHash(FieldCrypto.PHONE, "1380000000" + i);

        assertThat(a).isEqualTo(b).hasSize(43).matches("[A-Za-z0-9_-]+").doesNotContain(PHONE);
        assertThat(firstCalls.byOperation()).isEqualTo(Map.of("GenerateMac", 1));
        assertThat(secondCalls.byOperation()).isEqualTo(Map.of("GenerateMac", 1));
    }

    @Test
    void lookupHash_differsByValueByKindAndByStack(LocalAws aws) {
        FieldCrypto crypto = container(aws, new RoundTrips());
        String otherLookupKey = aws.kms().createKey(r -> r.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC))
                .keyMetadata().keyId();
        FieldCrypto otherStack = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), otherLookupKey);

        String hash = crypto.lookupHash(FieldCrypto.PHONE, PHONE);

        assertThat(crypto.lookupHash(FieldCrypto.PHONE, "13812345679")).isNotEqualTo(hash);
        assertThat(crypto.lookupHash(FieldCrypto.ID_CARD, PHONE)).isNotEqualTo(hash);
        assertThat(otherStack.lookupHash(FieldCrypto.PHONE, PHONE)).isNotEqualTo(hash);
    }

    @Test
    void lookupKey_isProvisionedAsTheTemplatesHmacKey(LocalAws aws) {
        var lookup = aws.kms().describeKey(r -> r.keyId(aws.provisioned().ref("LookupKey"))).keyMetadata();
        var field = aws.kms().describeKey(r -> r.keyId(aws.provisioned().ref("FieldKey"))).keyMetadata();

        assertThat(lookup.keySpec()).isEqualTo(KeySpec.HMAC_256);
        assertThat(lookup.keyUsage()).isEqualTo(KeyUsageType.GENERATE_VERIFY_MAC);
        assertThat(field.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(field.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        // moto (5.2.5) refuses GenerateMac on the symmetric key but not GenerateDataKey on the HMAC key, so only the first is asserted.
        assertThatThrownBy(() -> new FieldCrypto(aws.kms(), field.keyId(), field.keyId()).lookupHash(FieldCrypto.PHONE, PHONE))
                .isInstanceOf(software.amazon.awssdk.services.kms.model.KmsException.class);
    }

    /** The same text with its middle character replaced, still base64url. */
    private static String flip(String base64url) {
        int i = base64url.length() / 2;
        char c = base64url.charAt(i);
        return base64url.substring(0, i) + (c == 'A' ? 'B' : 'A') + base64url.substring(i + 1);
    }
}
