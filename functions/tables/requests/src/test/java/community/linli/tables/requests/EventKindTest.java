package community.linli.tables.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.testkit.Repo;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class EventKindTest {
    @Test
    void theWireNames_areTheContractsEventKinds_inItsOrder() throws IOException {
        try (Reader in = Files.newBufferedReader(Repo.file("openapi.yaml"))) {
            Map<String, Object> api = new Yaml().load(in);
            Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) api.get("components")).get("schemas");
            List<?> contract = (List<?>) ((Map<?, ?>) schemas.get("EventKind")).get("enum");

            assertThat(EventKind.WIRE).containsExactlyElementsOf(contract.stream().map(String::valueOf).toList());
        }
    }

    @Test
    void ofWire_readsEveryWireName_andRefusesAnUnknownOne() {
        for (EventKind kind : EventKind.values()) assertThat(EventKind.ofWire(kind.wire())).isSameAs(kind);

        assertThatThrownBy(() -> EventKind.ofWire("escalated")).isInstanceOf(IllegalArgumentException.class);
    }
}
