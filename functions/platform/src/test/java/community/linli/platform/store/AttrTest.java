package community.linli.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AttrTest {
    @Test
    void n_ofADoubleNearerZeroThanDynamoDbHolds_isZero_andOtherDoublesKeepTheirValue() {
        assertThat(Attr.n(-8.296445786370833e-143).n()).isEqualTo("0");
        assertThat(Attr.n(Double.MIN_VALUE).n()).isEqualTo("0");
        assertThat(new BigDecimal(Attr.n(1e-130).n())).isEqualByComparingTo("1e-130");
        assertThat(Double.valueOf(Attr.n(121.4400123).n())).isEqualTo(121.4400123);
        assertThat(Double.valueOf(Attr.n(-52.71881903893735).n())).isEqualTo(-52.71881903893735);
    }
}
