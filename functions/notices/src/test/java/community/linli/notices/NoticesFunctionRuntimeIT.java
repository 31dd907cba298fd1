package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.notices.NoticeStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NoticesFunction as Lambda runs it: the packaged notices-function.zip, the handler string from
 * template.yaml, the real runtime interface client in its own JVM, the environment template.yaml
 * gives the function, and DynamoDB, S3 and SNS on moto; both of its triggers, the HTTP API and
 * the schedule, through the one handler.
 */
@ExtendWith(MotoExtension.class)
class NoticesFunctionRuntimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void draft_throughTheRuntimeInterfaceClient_returns201_andStoresTheDraft(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);

        var run = PackagedFunction.of(aws, "NoticesFunction").log(getClass().getSimpleName()).invoke("notices-draft.json");
        InvocationResult result = run.result();

        assertThat(result.outcome()).as(run.output()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode response = JSON.readTree(result.body());
        assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(201);
        String id = JSON.readTree(response.path("body").asText()).path("id").asText();
        assertThat(response.at("/headers/Location").asText()).isEqualTo("/notices/" + id);
        var stored = new NoticeStore(aws.dynamoDb(), aws.name("NoticesTable")).get(DemoCommunity.ID, id).orElseThrow();
        assertThat(stored.status()).isEqualTo(NoticeStatus.DRAFT);
        assertThat(stored.audience().gridIds()).containsExactly("G03", "G04");
        assertThat(run.output()).contains("\"event\":\"notices.drafted\"");
    }

    @Test
    void theSchedule_throughTheRuntimeInterfaceClient_answersWithWhatItAnnouncedPerCommunityOfTheDirectory(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);

        JsonNode output = PackagedFunction.of(aws, "NoticesFunction").log(getClass().getSimpleName()).invoke("notices-schedule.json").json();

        assertThat(output.get("announced").toString()).isEqualTo("{\"demo\":0}");
    }
}
