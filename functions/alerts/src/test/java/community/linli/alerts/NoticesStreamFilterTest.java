package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.platform.store.StreamImages;
import community.linli.tables.notices.Audience;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStatus;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.StreamEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The NoticesStream mapping's {@code FilterCriteria}, as template.yaml has it, held against the
 * records NoticeStore really writes on moto's stream (the local app does not apply filters, so only
 * this test shows what Lambda would pass): of everything a notice's life writes, only an emergency
 * notice's announcement removed, which is also exactly what {@link EmergencyNotices#wentLive} accepts.
 * The matcher knows the equality subset of Lambda's filter syntax, and refuses any other operator.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class NoticesStreamFilterTest {

    @SuppressWarnings("unchecked")
    private static List<JsonNode> patterns(LocalAws aws) {
        Map<String, Object> criteria = (Map<String, Object>) aws.template().eventsOf("AlertsFunction", "DynamoDB")
                .get("NoticesStream").get("FilterCriteria");
        List<JsonNode> patterns = new ArrayList<>();
        for (Object filter : (List<Object>) criteria.get("Filters")) {
            patterns.add(Json.parse(String.valueOf(((Map<String, Object>) filter).get("Pattern")), JsonNode.class));
        }
        return patterns;
    }

    /** Whether {@code record} (a record of a Lambda stream event) matches {@code pattern}: nested keys, each a list of allowed values. */
    static boolean matches(JsonNode pattern, JsonNode record) {
        for (var field : pattern.properties()) {
            JsonNode expected = field.getValue();
            JsonNode actual = record.path(field.getKey());
            if (expected.isObject()) {
                if (!matches(expected, actual)) return false;
            } else if (expected.isArray()) {
                boolean any = false;
                for (JsonNode value : expected) {
                    if (!value.isValueNode()) throw new IllegalArgumentException("a filter operator this matcher does not know: " + value);
                    any |= actual.isValueNode() && actual.asText().equals(value.asText());
                }
                if (!any) return false;
            } else {
                throw new IllegalArgumentException("not a filter pattern: " + pattern);
            }
        }
        return true;
    }

    private static List<JsonNode> passed(List<JsonNode> patterns, JsonNode event) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            if (patterns.stream().anyMatch(p -> matches(p, record))) out.add(record);
        }
        return out;
    }

    @Test
    void ofAllANoticesLifeWrites_theFilterPassesOnlyAnEmergencyNoticesAnnouncementRemoved_asTheFunctionReadsIt(LocalAws aws) {
        var notices = new EmergencyNoticeAlertsTest.Notices(aws);
        var patterns = patterns(aws);
        notices.publish(notices.draft(NoticeKind.ANNOUNCEMENT, "停水通知", Audience.grids(List.of("G03")), null));
        notices.publish(notices.draft(NoticeKind.ACTIVITY, "书法班", Audience.community(), null));
        notices.draft(NoticeKind.EMERGENCY, "草稿", Audience.grids(List.of("G03")), null);
        var scheduled = notices.publish(notices.draft(NoticeKind.EMERGENCY, "明日停气", Audience.grids(List.of("G04")),
                notices.world.clock.instant().plus(Duration.ofHours(1))));
        var live = notices.emergency("燃气泄漏紧急通知", Audience.grids(List.of("G03")));
        notices.store.recordRead(live.communityId(), live.noticeId(), "resident-sub-0001", notices.world.clock.instant());
        notices.store.save(scheduled, scheduled.with(NoticeStatus.WITHDRAWN, scheduled.publishAt(), notices.world.clock.instant()));
        JsonNode event = Json.parse(StreamEvents.event(notices.stream.newRecords(), notices.stream.arn()), JsonNode.class);

        List<JsonNode> passed = passed(patterns, event);

        assertThat(event.path("Records").size()).isGreaterThan(10);
        assertThat(passed).extracting(r -> r.at("/dynamodb/Keys/pk/S").asText())
                .containsExactly("C#demo#N#" + live.noticeId(), "C#demo#N#" + scheduled.noticeId());
        for (JsonNode record : event.path("Records")) {
            var change = StreamImages.records(Json.MAPPER.createObjectNode().set("Records", Json.MAPPER.createArrayNode().add(record)));
            assertThat(EmergencyNotices.wentLive(change.getFirst()).isPresent()).as(record.toString()).isEqualTo(passed.contains(record));
        }
    }

    @Test
    void theFixture_isWhatTheFilterPasses(LocalAws aws) throws Exception {
        JsonNode fixture = Json.MAPPER.readTree(HttpEvents.fixtureJson("alerts-notices-emergency.json"));

        assertThat(passed(patterns(aws), fixture)).hasSize(fixture.path("Records").size()).isNotEmpty();
    }
}
