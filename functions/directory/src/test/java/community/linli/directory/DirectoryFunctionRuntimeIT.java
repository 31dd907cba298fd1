package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.lambda.PackagedFunction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DirectoryFunction as Lambda runs it ({@link PackagedFunction}: the zip sam build ships, the real runtime interface client), on moto. */
@ExtendWith(MotoExtension.class)
@Provision("DirectoryFunction")
class DirectoryFunctionRuntimeIT {

    @Test
    void listCategories_throughTheRuntimeInterfaceClient_returnsTheCommunitysEnabledCategories(LocalAws aws) {
        DemoCommunity.seed(aws);

        APIGatewayV2HTTPResponse response = PackagedFunction.of(aws, "DirectoryFunction").invoke("directory-list-categories.json").httpResponse();

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode categories = Json.parse(response.getBody(), JsonNode.class).get("categories");
        List<String> enabled = DemoCommunity.categories().stream().filter(Category::enabled).map(Category::code).sorted().toList();
        assertThat(categories.valueStream().map(c -> c.get("code").asText()).toList()).as("a resident's list: the enabled ones, by code").isEqualTo(enabled);
        assertThat(categories.get(enabled.indexOf("elevator")).get("name").asText()).isEqualTo("电梯故障");
    }
}
