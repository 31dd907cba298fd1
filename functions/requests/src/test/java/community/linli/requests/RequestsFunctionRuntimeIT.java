package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.requests.Status;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.Repo;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.PackagedFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RequestsFunction as Lambda runs it ({@link PackagedFunction}: the zip sam build ships, the real
 * runtime interface client in its own JVM, the template's handler and environment), on moto.
 */
@ExtendWith(MotoExtension.class)
@Provision("RequestsFunction")
class RequestsFunctionRuntimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void submit_throughTheRuntimeInterfaceClient_returns201AndTheRequestIsInTheTable(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);
        String event = HttpEvents.fixtureJson("requests-submit.json");

        APIGatewayV2HTTPResponse response = PackagedFunction.of(aws, "RequestsFunction").invoke("requests-submit.json").httpResponse();

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.getBody());
        String id = body.path("id").asText();
        assertThat(id).matches("\\d{6}-\\d{4}");
        assertThat(response.getHeaders()).containsEntry("Location", "/requests/" + id);
        ResidentRequest stored = new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), Clock.systemUTC())
                .find(DemoCommunity.ID, id)
                .orElseThrow(() -> new AssertionError("request " + id + " is not in " + aws.name("RequestsTable")));
        assertThat(stored.category()).isEqualTo("elevator");
        assertThat(stored.status()).isEqualTo(Status.ACCEPTED);
        assertThat(stored.location().buildingId()).isEqualTo("B0301");
        assertThat(stored.location().gridId()).isEqualTo("G03");
        assertThat(stored.requesterSub()).isEqualTo(JSON.readTree(event).at("/requestContext/authorizer/jwt/claims/sub").asText());
    }

    @Test
    void aRequest_throughTheRuntimeInterfaceClient_neverLoadsTheRuntimesSerializers(LocalAws aws) throws Exception {
        DemoCommunity.seed(aws);
        Path classes = Repo.file("functions/requests/target/lambda-logs/" + getClass().getSimpleName() + "-classes.log");
        Files.createDirectories(classes.getParent());
        Files.deleteIfExists(classes);

        var run = PackagedFunction.of(aws, "RequestsFunction").log(getClass().getSimpleName() + "-classes")
                .environment("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes).invoke("requests-submit.json");

        assertThat(run.result().outcome()).as(run.output()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        assertThat(JSON.readTree(run.result().body()).path("statusCode").asInt()).isEqualTo(201);
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).as("the handler class was loaded, so the log is complete")
                .anyMatch(line -> line.contains(" community.linli.requests.RequestsHandler "));
        // The client always loads the library's reflection helpers (util.*, eleven classes) to find the
        // handler method; its serializers, event mix-ins and its own copy of Jackson are what cost.
        assertThat(loaded).as("classes of aws-lambda-java-serialization beyond its reflection helpers")
                .filteredOn(line -> line.contains("aws-lambda-java-serialization"))
                .allMatch(line -> line.contains(" com.amazonaws.services.lambda.runtime.serialization.util."));
        assertThat(loaded).as("the runtime's event serializers")
                .noneMatch(line -> line.contains(" com.amazonaws.services.lambda.runtime.serialization.factories."));
    }
}
