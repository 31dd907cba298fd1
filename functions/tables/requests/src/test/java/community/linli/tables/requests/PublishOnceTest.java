package community.linli.tables.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.testkit.CapturedOutput;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@link RequestStore#publishOnce} on moto: the sent record read and written on the wire, a real Publish to the AlertsTopic. */
@ExtendWith(MotoExtension.class)
@Provision("AlertsFunction")
class PublishOnceTest {
    static final String COMMUNITY = "demo";

    RequestStore store;
    SnsClient sns;
    String topicArn;
    AtomicInteger publishes = new AtomicInteger();

    @BeforeEach
    void setUp(LocalAws aws) {
        Map<String, String> env = aws.environment("AlertsFunction");
        store = new RequestStore(aws.dynamoDb(), env.get("REQUESTS_TABLE"), Clock.systemUTC());
        sns = aws.sns();
        topicArn = env.get("ALERTS_TOPIC");
    }

    String publish(String alertId) {
        publishes.incrementAndGet();
        return sns.publish(r -> r.topicArn(topicArn).message("alert " + alertId)).messageId();
    }

    @Test
    void publishOnce_aSecondTime_doesNotPublish() {
        boolean first = store.publishOnce(COMMUNITY, "a-1", () -> publish("a-1"));

        boolean second = store.publishOnce(COMMUNITY, "a-1", () -> publish("a-1"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(publishes).hasValue(1);
        assertThat(store.alertSent(COMMUNITY, "a-1")).isTrue();
    }

    @Test
    void publishOnce_anotherAlert_publishesIt() {
        store.publishOnce(COMMUNITY, "a-1", () -> publish("a-1"));

        boolean other = store.publishOnce(COMMUNITY, "a-2", () -> publish("a-2"));

        assertThat(other).isTrue();
        assertThat(publishes).hasValue(2);
    }

    @Test
    void publishOnce_whenTheRecordIsWrittenDuringThePublish_returnsTrueAndLogsPublishedTwiceOnce() {
        var written = new AtomicBoolean();
        var result = new AtomicBoolean();

        String logs = CapturedOutput.during(() -> result.set(store.publishOnce(COMMUNITY, "a-3", () -> {
            String messageId = publish("a-3");
            written.set(store.recordAlertSent(COMMUNITY, "a-3", "another-" + messageId));
            return messageId;
        })));

        assertThat(written).isTrue();
        assertThat(result).isTrue();
        assertThat(publishes).hasValue(1);
        assertThat(logs.lines().filter(line -> line.contains("\"event\":\"alerts.published_twice\"")))
                .singleElement().asString().contains("\"level\":\"WARN\"", "\"alertId\":\"a-3\"", "\"communityId\":\"demo\"");
    }

    @Test
    void publishOnce_whenThePublishFails_writesNoRecord() {
        assertThatThrownBy(() -> store.publishOnce(COMMUNITY, "a-4", () -> {
            throw new IllegalStateException("SNS is down");
        })).hasMessage("SNS is down");

        assertThat(store.alertSent(COMMUNITY, "a-4")).isFalse();
        assertThat(store.publishOnce(COMMUNITY, "a-4", () -> publish("a-4"))).isTrue();
        assertThat(publishes).hasValue(1);
    }
}
