package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.PackagedFunction;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ResidentsFunction as Lambda runs it: the packaged residents-function.zip, the handler string from
 * template.yaml, the real runtime interface client in its own JVM, the environment template.yaml
 * gives the function (tables and KMS keys), and DynamoDB and KMS on moto.
 */
@ExtendWith(MotoExtension.class)
class ResidentsFunctionRuntimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void register_throughTheRuntimeInterfaceClient_returns201_storesTheIdNumberAndPhoneSealed_andLogsNoPersonalData(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);
        ResidentStore store = new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), ResidentsApi.crypto(aws, aws.kms()), Clock.systemUTC());
        DemoCommunity.seedResidents(store);

        var run = PackagedFunction.of(aws, "ResidentsFunction").log(getClass().getSimpleName()).invoke("residents-register.json");
        InvocationResult result = run.result();
        String output = run.output();

        assertThat(result.outcome()).as(output).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode response = JSON.readTree(result.body());
        assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.path("body").asText());
        String id = body.path("id").asText();
        assertThat(response.at("/headers/Location").asText()).isEqualTo("/residents/" + id);
        assertThat(body.path("idNumber").asText()).isEqualTo("6301**********0525");
        Resident stored = store.get(DemoCommunity.ID, id).orElseThrow(() -> new AssertionError(id + " is not in the ResidentsTable"));
        assertThat(store.idNumber(stored)).as("sealed in the function's JVM, opened in this one").isEqualTo("630102200501010525");
        assertThat(store.phone(stored)).isEqualTo("13812345678");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("ResidentsTable"))).items().toString())
                .doesNotContain("630102200501010525").doesNotContain("13812345678");
        assertThat(output).contains("\"event\":\"residents.registered\"").doesNotContain("630102200501010525")
                .doesNotContain("13812345678").doesNotContain("李小明");
    }
}
