package community.linli.platform;

import static community.linli.platform.AlertsTopic.Attribute.ALERT_ID;
import static community.linli.platform.AlertsTopic.Attribute.CHANNEL;
import static community.linli.platform.AlertsTopic.Attribute.COMMUNITY;
import static community.linli.platform.AlertsTopic.Attribute.GRIDS;
import static community.linli.platform.AlertsTopic.Attribute.KIND;
import static community.linli.platform.AlertsTopic.Attribute.NOTICE_ID;
import static community.linli.platform.AlertsTopic.Attribute.RECIPIENT;
import static community.linli.platform.AlertsTopic.Attribute.ROLE;
import static community.linli.platform.AlertsTopic.Attribute.URGENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AlertsTopic's message attributes as subscribers' filter policies and SmsSenderFunction read them, without AWS. */
class AlertsTopicTest {
    /** Each attribute as {@code name Type value}, in the order of the wire. */
    static List<String> wire(AlertsTopic.Message message) {
        return message.attributes().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().dataType() + " " + e.getValue().stringValue()).toList();
    }

    @Test
    void anSmsAlert_carriesItsNineAttributes_gridsAsAStringArray_inOneOrderWhateverTheOrderSet() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("id", "261130-0001");
        variables.put("category", "漏水");

        var message = AlertsTopic.message("新诉求261130-0001").smsVariables(variables).with(ALERT_ID, "a-1").with(KIND, "new_request")
                .with(URGENCY, "urgent").with(CHANNEL, "sms").with(RECIPIENT, "staff-1").with(ROLE, "grid_worker")
                .grids(List.of("G03")).with(COMMUNITY, "demo");

        assertThat(wire(message)).containsExactly("community String demo", "grids String.Array [\"G03\"]",
                "role String grid_worker", "recipient String staff-1", "channel String sms", "urgency String urgent",
                "kind String new_request", "alertId String a-1", "smsVariables String {\"id\":\"261130-0001\",\"category\":\"漏水\"}");
    }

    @Test
    void aNotice_carriesOnlyWhatItSets() {
        var message = AlertsTopic.message("【社区公告】停水").with(COMMUNITY, "demo").grids(List.of("all")).with(KIND, "announcement")
                .with(NOTICE_ID, "n-1");

        assertThat(wire(message)).containsExactly("community String demo", "grids String.Array [\"all\"]",
                "kind String announcement", "noticeId String n-1");
    }

    @Test
    void noGridsNoSmsVariablesAndNullValues_areLeftOut() {
        var message = AlertsTopic.message("text").with(COMMUNITY, "demo").grids(List.of()).smsVariables(Map.of())
                .with(URGENCY, null).with(ALERT_ID, "a-2");

        assertThat(message.attributes()).containsOnlyKeys("community", "alertId");
    }

    @Test
    void grids_asAPlainString_isRefused() {
        var message = AlertsTopic.message("text");

        assertThatThrownBy(() -> message.with(GRIDS, "G03")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grids");
    }

    @Test
    void request_isAPublishToTheTopic_withTheSubjectAndText() {
        var topic = new AlertsTopic(null, "arn:aws:sns:us-east-1:123456789012:AlertsTopic");

        var request = topic.request(AlertsTopic.message("正文").subject("主题").with(COMMUNITY, "demo"));

        assertThat(request.topicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:AlertsTopic");
        assertThat(request.subject()).isEqualTo("主题");
        assertThat(request.message()).isEqualTo("正文");
        assertThat(request.messageAttributes()).containsOnlyKeys("community");
    }
}
