package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {
    @Test
    void aNumberStandingAlone_isFound() {
        assertThat("{\"phone\":\"13812345678\"}").containsPattern(PersonalData.MOBILE);
        assertThat("联系电话13812345678谢谢").containsPattern(PersonalData.MOBILE);
        assertThat("身份证 11010519491231002X 已核对").containsPattern(PersonalData.ID_NUMBER);
        assertThat("\"id\":\"110105194912310\"").containsPattern(PersonalData.ID_NUMBER);
    }

    @Test
    void digitsInsideARandomHexId_areNotANumber() {
        // A notice id that a privacy scan once mistook for a 15-digit ID-card number.
        assertThat("noticeId=nt-008943118840484eaa05").doesNotContainPattern(PersonalData.ID_NUMBER);
        assertThat("alertId=a13812345678f0").doesNotContainPattern(PersonalData.MOBILE);
    }

    @Test
    void longerDigitRuns_areNotAMobileNumber() {
        assertThat("trace 913812345678").doesNotContainPattern(PersonalData.MOBILE);
    }
}
