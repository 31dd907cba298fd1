package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.PackagedFunction;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * StaffFunction as Lambda runs it: the packaged staff-function.zip, the handler string from
 * template.yaml, the real runtime interface client in its own JVM, the environment template.yaml
 * gives the function (tables and KMS keys), and DynamoDB and KMS on moto.
 */
@ExtendWith(MotoExtension.class)
class StaffFunctionRuntimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void register_throughTheRuntimeInterfaceClient_returns201_storesThePhoneSealed_andLogsNoPersonalData(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);

        var run = PackagedFunction.of(aws, "StaffFunction").log(getClass().getSimpleName()).invoke("staff-register.json");
        InvocationResult result = run.result();
        String output = run.output();

        assertThat(result.outcome()).as(output).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode response = JSON.readTree(result.body());
        assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.path("body").asText());
        String id = body.path("id").asText();
        assertThat(response.at("/headers/Location").asText()).isEqualTo("/staff/" + id);
        StaffStore store = new StaffStore(aws.dynamoDb(), aws.name("StaffTable"), StaffApi.crypto(aws, aws.kms()), Clock.systemUTC());
        StaffMember stored = store.get(DemoCommunity.ID, id).orElseThrow(() -> new AssertionError(id + " is not in the StaffTable"));
        assertThat(stored.role()).isEqualTo(StaffRole.GRID_WORKER);
        assertThat(stored.gridIds()).containsExactly("G03");
        assertThat(store.phone(stored)).as("sealed in the function's JVM, opened in this one").isEqualTo("13712345678");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("StaffTable"))).items().toString()).doesNotContain("13712345678");
        assertThat(output).contains("\"event\":\"staff.registered\"").doesNotContain("13712345678").doesNotContain("王芳");
    }
}
