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

    @Test
    void idNumber_keepsTheFirstFourAndLastFourCharacters() {
        assertThat(Masks.idNumber("63010219800101123X")).isEqualTo("6301**********123X");
    }

    @Test
    void idNumber_ofAnythingButEighteenCharacters_hidesItWhole_andNullStaysNull() {
        assertThat(Masks.idNumber("630102198001011")).isEqualTo("*".repeat(15));
        assertThat(Masks.idNumber(null)).isNull();
    }
}
