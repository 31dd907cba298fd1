package community.linli.residentupdates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ResidentUpdatesFunction's deployment zip as Lambda runs it ({@link PackagedFunction}: the runtime
 * interface client, a fake Runtime API), handed each of its fixtures (events/resident-updates-*.json:
 * the stream batches of an assignment, a resolution and a rejection) as the event source mapping
 * hands them; the message is read back from the fake WeChat API.
 */
@ExtendWith(MotoExtension.class)
class ResidentUpdatesFunctionRuntimeIT {
    static final String REQUESTER = "7b1f2c3d-0000-4000-8000-resident0001";

    @Test
    void anAssignmentBatch_throughTheRuntimeInterfaceClient_tellsItsRequesterOnWeChat(LocalAws aws) {
        try (Residents world = new Residents(aws)) {
            world.accounts.recordSubscriptions(REQUESTER, world.crypto.seal(
                    community.linli.tables.accounts.AccountStore.OPENID_FIELD, "oRequester"), java.util.Set.of(world.templateId),
                    java.util.Set.of(), Residents.NOW);
            var function = PackagedFunction.of(aws, "ResidentUpdatesFunction").log(getClass().getSimpleName());

            JsonNode response = function.invoke("resident-updates-assigned.json").json();

            assertThat(response.path("batchItemFailures")).as(response.toString()).isEmpty();
            assertThat(world.wechat.subscribeMessages()).singleElement().satisfies(message -> {
                assertThat(message.path("touser").asText()).isEqualTo("oRequester");
                assertThat(message.path("data").path("character_string1").path("value").asText()).isEqualTo("261128-0001");
                assertThat(message.path("data").path("phrase2").path("value").asText()).isEqualTo("已派单");
                assertThat(message.path("data").path("time3").path("value").asText()).isEqualTo("2026年11月28日 16:16");
            });
            assertThat(world.remaining(REQUESTER)).isZero();
        }
    }

    @ParameterizedTest
    @CsvSource({"resident-updates-resolved.json, 已办结", "resident-updates-rejected.json, 不予受理"})
    void aResolutionOrARejection_throughTheRuntimeInterfaceClient_tellsItsRequesterOnWeChat(String fixture, String status,
                                                                                          LocalAws aws) {
        try (Residents world = new Residents(aws)) {
            world.accounts.recordSubscriptions(REQUESTER, world.crypto.seal(
                    community.linli.tables.accounts.AccountStore.OPENID_FIELD, "oRequester"), java.util.Set.of(world.templateId),
                    java.util.Set.of(), Residents.NOW);
            var function = PackagedFunction.of(aws, "ResidentUpdatesFunction").log(getClass().getSimpleName());

            JsonNode response = function.invoke(fixture).json();

            assertThat(response.path("batchItemFailures")).as(response.toString()).isEmpty();
            assertThat(world.wechat.subscribeMessages()).singleElement().satisfies(message -> {
                assertThat(message.path("touser").asText()).isEqualTo("oRequester");
                assertThat(message.path("data").path("character_string1").path("value").asText()).isEqualTo("261128-0001");
                assertThat(message.path("data").path("phrase2").path("value").asText()).isEqualTo(status);
            });
        }
    }
}
