package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An emergency notice's alert texts: one SMS segment, the title shortened, never the link; a subject SNS accepts. */
class EmergencyNoticeTextsTest {
    /** The longest link the template's defaults make: NoticeLinkBaseUrl, a slash, a notice id (23 characters). */
    private static final String LINK = "https://linli.community/m/n/nt-0123456789abcdefghij";

    @Test
    void sms_withAShortTitle_isTheTitleAndTheLink() {
        assertThat(AlertTexts.emergencySms("燃气泄漏紧急通知", LINK)).isEqualTo("【紧急通知】燃气泄漏紧急通知。" + LINK)
                .hasSizeLessThanOrEqualTo(AlertTexts.SMS_LENGTH);
    }

    @Test
    void sms_withALongTitle_shortensTheTitleToOneSegment_neverTheLink() {
        String sms = AlertTexts.emergencySms("关于三号楼燃气管道泄漏的紧急通知：请全体住户立即关闭燃气阀门并开窗通风", LINK);

        assertThat(sms).hasSize(AlertTexts.SMS_LENGTH).startsWith("【紧急通知】关于三号楼").endsWith("…。" + LINK);
    }

    @Test
    void sms_whoseTitleCannotShrinkEnough_keepsTwoCharactersOfIt() {
        String link = "https://linli.community/a-very-long-path-for-the-notice-link/nt-0123456789abcdefghij";

        assertThat(AlertTexts.emergencySms("燃气泄漏紧急通知", link)).isEqualTo("【紧急通知】燃…。" + link);
    }

    @Test
    void email_carriesTheWholeTitle_andSaysWhatToDo() {
        String title = "关于三号楼燃气管道泄漏的紧急通知：请全体住户立即关闭燃气阀门并开窗通风";

        assertThat(AlertTexts.emergencyText(Channel.EMAIL, title, LINK)).startsWith("【紧急通知】" + title + "。" + LINK + "\n\n")
                .contains("未确认的住户");
        assertThat(AlertTexts.emergencyText(Channel.SMS, title, LINK)).isEqualTo(AlertTexts.emergencySms(title, LINK));
    }

    @Test
    void subject_ofTheLongestTitle_staysUnderSnsLimitOf100() {
        String subject = AlertTexts.emergencySubject("紧".repeat(100));

        assertThat(subject).hasSizeLessThan(100).startsWith("邻里 紧急通知 紧").endsWith("…");
        assertThat(AlertTexts.emergencySubject("燃气泄漏紧急通知")).isEqualTo("邻里 紧急通知 燃气泄漏紧急通知");
    }
}
