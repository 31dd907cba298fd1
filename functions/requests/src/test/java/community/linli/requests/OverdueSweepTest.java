package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.tables.requests.RequestStore;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class OverdueSweepTest {
    Api api;
    OverdueSweepHandler sweep;
    Persona resident = Persona.resident();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws);
        sweep = new OverdueSweepHandler(new RequestStore(aws.dynamoDb(), aws.name("RequestsTable"), api.clock), api.clock);
    }

    String fileElderlyHelp() {
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("category", "elderly_help");
        body.put("answers", Map.of("needs", List.of("就医")));
        return api.submit(resident, body).expect(201).text("/id");
    }

    JsonNode run(String input) throws IOException {
        var out = new ByteArrayOutputStream();
        sweep.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8), JsonNode.class);
    }

    static long overdueEvents(JsonNode request) {
        return StreamSupport.stream(request.get("timeline").spliterator(), false)
                .filter(e -> e.get("kind").asText().equals("overdue")).count();
    }

    @Test
    void sweep_flagsARequestPastItsLimitOnce_withAnOverdueTimelineItemForTheAlerts() throws IOException {
        String late = fileElderlyHelp();   // 4 hours
        String onTime = api.submitted(resident); // 24 hours
        api.clock.advance(Duration.ofHours(5));

        var first = run("{\"communities\": [\"demo\"]}");
        var second = run("{\"communities\": [\"demo\"]}");

        assertThat(first.at("/flagged/demo").asInt()).isEqualTo(1);
        assertThat(second.at("/flagged/demo").asInt()).as("already flagged").isZero();
        assertThat(overdueEvents(api.get(Persona.staff(), late).body())).isEqualTo(1);
        assertThat(overdueEvents(api.get(Persona.staff(), onTime).body())).isZero();
    }

    @Test
    void sweep_leavesFinishedRequestsAlone() throws IOException {
        String id = fileElderlyHelp();
        api.move(Persona.staff(), id, "reject", Map.of("reason", "已转 120")).expect(200);
        api.clock.advance(Duration.ofHours(5));

        assertThat(run("{\"communities\": [\"demo\"]}").at("/flagged/demo").asInt()).isZero();
    }

    @Test
    void sweep_isAChange_soAWriteBasedOnTheVersionBeforeItGets409() throws IOException {
        String id = fileElderlyHelp();
        long before = api.currentVersion(id);
        api.clock.advance(Duration.ofHours(5));

        run("{\"communities\": [\"demo\"]}");

        assertThat(api.currentVersion(id)).isEqualTo(before + 1);
        api.move(Persona.staff(), id, Map.of("action", "reject", "version", before, "reason", "x")).expect(409);
    }

    @Test
    void sweep_ofACommunityWithNothingDue_flagsNothing() throws IOException {
        fileElderlyHelp();

        assertThat(run("{\"communities\": [\"demo\", \"other\"]}").get("flagged").toString()).isEqualTo("{\"demo\":0,\"other\":0}");
    }
}
