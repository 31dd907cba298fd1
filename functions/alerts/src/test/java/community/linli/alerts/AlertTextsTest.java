package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The alert texts: one SMS segment with the demo community's names, shortened names when they are long, and the email's details. */
class AlertTextsTest {
    private static final String LINK = "https://linli.community/m/r/261130-0042";

    private static AlertTexts.Facts facts(String category, String building) {
        return new AlertTexts.Facts("261130-0042", category, building, "urgent", Instant.parse("2026-11-30T06:00:00Z"), 1, LINK);
    }

    @Test
    void everySms_ofEveryDemoCategoryAndBuilding_fitsOneSegment_withTrackingNumberNamesAndLink() {
        for (AlertKind kind : AlertKind.values()) {
            if (!kind.aboutOneRequest()) continue;
            for (var category : DemoCommunity.categories()) {
                for (var building : DemoCommunity.buildings()) {
                    String sms = AlertTexts.sms(kind, facts(category.name(), building.name()));

                    assertThat(sms).as(kind + " " + category.code()).hasSizeLessThanOrEqualTo(AlertTexts.SMS_LENGTH)
                            .contains("261130-0042", category.name(), building.name()).endsWith(LINK);
                }
            }
        }
    }

    @Test
    void sms_withLongNames_shortensTheBuildingFirst_thenTheCategory_neverTheNumberOrLink() {
        String sms = AlertTexts.sms(AlertKind.REOPENED, facts("独居老人紧急求助与上门探访", "阳光花园小区东区第十二号楼"));

        assertThat(sms).hasSizeLessThanOrEqualTo(AlertTexts.SMS_LENGTH)
                .matches("诉求261130-0042被重新打开：独居老人[^，]*…，阳…。" + LINK.replace(".", "\\."));
    }

    @Test
    void sms_whoseNamesCannotShrinkEnough_keepsTwoCharactersOfEach() {
        var facts = new AlertTexts.Facts("261130-0042", "类别名称非常长", "楼栋名称非常长", "urgent", null, null,
                "https://linli.community/a-very-long-path-for-the-request-link/261130-0042");

        assertThat(AlertTexts.sms(AlertKind.ASSIGNED, facts)).contains("：类…，楼…。");
    }

    @Test
    void email_namesEveryDetail_inChinese_withTheDueTimeInTheCommunitysZone() {
        String email = AlertTexts.text(AlertKind.NEW_REQUEST, Channel.EMAIL, facts("电梯故障", "9号楼"));

        assertThat(email).startsWith("新诉求261130-0042：电梯故障，9号楼。" + LINK)
                .contains("诉求编号：261130-0042\n类别：电梯故障\n位置：9号楼\n紧急程度：紧急\n办理期限：11月30日 14:00\n详情：" + LINK);
        assertThat(AlertTexts.subject(AlertKind.NEW_REQUEST, facts("电梯故障", "9号楼"))).isEqualTo("邻里 新诉求 261130-0042");
    }

    @Test
    void lowRating_namesTheScore_andARequestWithoutBuilding_saysSo() {
        assertThat(AlertTexts.sms(AlertKind.LOW_RATING, facts("噪音扰民", null)))
                .isEqualTo("诉求261130-0042获1星差评：噪音扰民，未关联楼栋。" + LINK);
    }

    @Test
    void alertIds_areDeterministic_andDifferPerRecipientKindAndOccasion() {
        var worker = new Recipient("demo-grid-worker", "grid_worker");
        String id = Alert.id("demo", "261130-0042", AlertKind.NEW_REQUEST, "v1", worker);

        assertThat(Alert.id("demo", "261130-0042", AlertKind.NEW_REQUEST, "v1", worker)).isEqualTo(id).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(Alert.id("demo", "261130-0042", AlertKind.NEW_REQUEST, "v1", new Recipient("demo-staff", "staff"))).isNotEqualTo(id);
        assertThat(Alert.id("demo", "261130-0042", AlertKind.ASSIGNED, "v1", worker)).isNotEqualTo(id);
        assertThat(Alert.id("demo", "261130-0042", AlertKind.NEW_REQUEST, "v2", worker)).isNotEqualTo(id);
    }
}
