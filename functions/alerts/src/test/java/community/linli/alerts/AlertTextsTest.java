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
    void smsVariables_areTheTextsVariablesInItsOrder_shortenedAsTheSms_withoutTheLink() {
        var longNames = facts("独居老人紧急求助与上门探访", "阳光花园小区东区第十二号楼");

        var reopened = AlertTexts.smsVariables(AlertKind.REOPENED, longNames);
        var lowRating = AlertTexts.smsVariables(AlertKind.LOW_RATING, facts("电梯故障", "9号楼"));

        String sms = AlertTexts.sms(AlertKind.REOPENED, longNames);
        assertThat(reopened).containsExactly(java.util.Map.entry("id", "261130-0042"),
                java.util.Map.entry("category", sms.substring(sms.indexOf('：') + 1, sms.indexOf('，'))),
                java.util.Map.entry("building", sms.substring(sms.indexOf('，') + 1, sms.indexOf('。'))));
        assertThat(reopened.get("building")).isEqualTo("阳…");
        assertThat(lowRating).containsExactly(java.util.Map.entry("id", "261130-0042"), java.util.Map.entry("score", "1"),
                java.util.Map.entry("category", "电梯故障"), java.util.Map.entry("building", "9号楼"));
        assertThat(lowRating.values()).noneMatch(v -> v.contains("http"));
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
    void escalationTexts_sayWhichStep_inOneSegment() {
        var facts = facts("电梯故障", "9号楼");

        assertThat(AlertTexts.sms(AlertKind.PRE_OVERDUE, facts)).isEqualTo("诉求261130-0042即将超期：电梯故障，9号楼。" + LINK);
        assertThat(AlertTexts.sms(AlertKind.OVERDUE_ON_DUTY, facts)).isEqualTo("诉求261130-0042超期升级：电梯故障，9号楼。" + LINK);
        assertThat(AlertTexts.sms(AlertKind.OVERDUE_HEAD, facts)).isEqualTo("诉求261130-0042超期请督办：电梯故障，9号楼。" + LINK);
        assertThat(AlertTexts.subject(AlertKind.OVERDUE_HEAD, facts)).isEqualTo("邻里 超期升级至社区负责人 261130-0042");
    }

    @Test
    void alertIds_ofEachLevelOfOneDueTime_differ_soEachLevelIsSentOnce() {
        var admin = new Recipient("demo-admin", "admin");
        String due = "due 2026-11-30T06:00:00Z ";

        assertThat(java.util.Set.of(Alert.id("demo", "261130-0042", AlertKind.OVERDUE_ON_DUTY, due + "on_duty", admin),
                Alert.id("demo", "261130-0042", AlertKind.OVERDUE_HEAD, due + "head", admin),
                Alert.id("demo", "261130-0042", AlertKind.PRE_OVERDUE, due + "pre_overdue", admin))).hasSize(3);
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
