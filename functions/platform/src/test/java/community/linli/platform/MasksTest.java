package community.linli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasksTest {

    @Test
    void phone_ofAMainlandMobile_keepsTheFirstThreeAndLastFourDigits() {
        assertThat(Masks.phone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void phone_ofAnythingButElevenCharacters_hidesItWhole_andNullStaysNull() {
        assertThat(Masks.phone("1234567")).isEqualTo("*******");
        assertThat(Masks.phone("+8613812345678")).isEqualTo("*".repeat(14));
        assertThat(Masks.phone(null)).isNull();
    }
}
