package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.overduesweep.Escalation;
import community.linli.overduesweep.OverdueSweepHandler;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.tables.requests.RequestStore;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.RoundTrips;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sweep's escalation past the overdue mark, on its own schedule: the warning at 80% of a limit,
 * level 2 a wait after overdue, level 3 a second wait after that, each marked once per due time with
 * an item of its own, and none once the request is finished. Waits here: 2 hours, then 4.
 */
@ExtendWith(MotoExtension.class)
class EscalationSweepTest {
    Api api;
    OverdueSweepHandler sweep;
    RoundTrips sweepTrips = new RoundTrips();
    Persona resident = Persona.resident();
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws);
        sweep = api.sweep(sweepTrips, new Escalation.Waits(Duration.ofHours(2), Duration.ofHours(4)));
    }

    /** An elderly_help request: 4 hours, so warned at 3 h 12 min, overdue at 4 h. */
    String fileElderlyHelp() {
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("category", "elderly_help");
        body.put("answers", Map.of("needs", List.of("就医")));
        return api.submit(resident, body).expect(201).text("/id");
    }

    /** Runs the sweep after advancing the clock by {@code minutes}; what it marked, as {@code flagged/pre_overdue/on_duty/head}. */
    String runAfter(long minutes) throws IOException {
        api.clock.advance(Duration.ofMinutes(minutes));
        var out = new ByteArrayOutputStream();
        sweep.handleRequest(new ByteArrayInputStream(HttpEvents.fixtureJson("overdue-sweep-schedule.json").getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode run = Json.parse(out.toString(StandardCharsets.UTF_8), JsonNode.class);
        JsonNode steps = run.at("/escalated/demo");
        return run.at("/flagged/demo").asInt() + "/" + steps.path("pre_overdue").asInt() + "/" + steps.path("on_duty").asInt()
                + "/" + steps.path("head").asInt();
    }

    /** The escalation marks of the request, as {@code step} names, in key order (due time, then step). */
    List<String> marks(String id) {
        return api.aws.dynamoDb().query(r -> r.tableName(api.aws.name("RequestsTable")).consistentRead(true)
                        .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("C#demo#ESC#" + id))))
                .items().stream().map(i -> i.get("step").s()).toList();
    }

    @Test
    void aRequestLeftAlone_isWarnedAt80Percent_thenOverdue_thenOnDuty_thenHead_eachOnceOnTheRunAfterItsTime() throws IOException {
        String id = fileElderlyHelp();

        assertThat(runAfter(0)).as("filed").isEqualTo("0/0/0/0");
        assertThat(runAfter(3 * 60)).as("3 h: 80% is at 3 h 12 min").isEqualTo("0/0/0/0");
        assertThat(runAfter(12)).as("3 h 12 min, but a run reads up to a minute ago").isEqualTo("0/0/0/0");
        assertThat(runAfter(8)).as("3 h 20 min").isEqualTo("0/1/0/0");
        assertThat(runAfter(5)).isEqualTo("0/0/0/0");
        assertThat(runAfter(40)).as("4 h 05 min: overdue").isEqualTo("1/0/0/0");
        assertThat(runAfter(115)).as("6 h 00 min: the 2-hour wait not yet read").isEqualTo("0/0/0/0");
        assertThat(runAfter(5)).as("6 h 05 min: level 2").isEqualTo("0/0/1/0");
        assertThat(runAfter(5)).isEqualTo("0/0/0/0");
        assertThat(runAfter(4 * 60)).as("10 h 10 min: level 3, 4 hours after level 2").isEqualTo("0/0/0/1");
        assertThat(runAfter(24 * 60)).as("nothing climbs further").isEqualTo("0/0/0/0");
        assertThat(marks(id)).containsExactly("head", "on_duty", "pre_overdue");
        assertThat(api.get(staff, id).expect(200).body().get("version").asLong()).as("the sweep never changes the request").isEqualTo(1);
    }

    @Test
    void aResolvedRequest_stopsClimbing_andAReopenedOneClimbsAgainFromItsNewDueTime() throws IOException {
        String id = fileElderlyHelp();
        runAfter(0);
        assertThat(runAfter(4 * 60 + 5)).as("the first run past 80% also past due: overdue only").isEqualTo("1/0/0/0");
        api.move(staff, id, "resolve", Map.of("text", "已陪同就医")).expect(200);

        assertThat(runAfter(2 * 60 + 5)).as("resolved: no level 2").isEqualTo("0/0/0/0");
        api.move(resident, id, "reopen", Map.of("reason", "还需要买药")).expect(200);
        assertThat(runAfter(4 * 60 + 5)).as("its new due time: overdue again, no warning of a reopened limit").isEqualTo("1/0/0/0");
        assertThat(runAfter(2 * 60)).isEqualTo("0/0/1/0");
        assertThat(marks(id)).containsExactly("on_duty");
    }

    @Test
    void aMarkWrittenTwice_isOneItem_soARunRepeatedAfterAFailureTellsNobodyTwice() throws IOException {
        String id = fileElderlyHelp();
        runAfter(0);
        runAfter(4 * 60 + 5);
        runAfter(2 * 60 + 5);
        var store = new RequestStore(api.aws.dynamoDb(), api.aws.name("RequestsTable"), api.clock);
        var request = store.find("demo", id).orElseThrow();

        boolean again = store.markEscalation(request, community.linli.tables.requests.EscalationStep.ON_DUTY);

        assertThat(again).isFalse();
        assertThat(marks(id)).containsExactly("on_duty");
    }

    @Test
    void theWaits_comeFromTheTemplatesParameters_andOneThatIsNoDurationFailsTheInitNamingIt(LocalAws aws) {
        var waits = Env.with(aws.environment("OverdueSweepFunction"), Escalation.Waits::fromEnv);

        assertThat(waits).isEqualTo(new Escalation.Waits(Duration.ofHours(2), Duration.ofHours(4)));
        assertThatThrownBy(() -> Env.with(Map.of("ESCALATE_TO_HEAD_AFTER", "4 hours"), Escalation.Waits::fromEnv))
                .hasMessageContaining("ESCALATE_TO_HEAD_AFTER");
    }

    @Test
    void aRun_queriesTheIndexOncePerStep_andWritesOnlyWhatItMarks() throws IOException {
        fileElderlyHelp();
        runAfter(0);
        runAfter(3 * 60 + 5);

        sweepTrips.reset();
        String marked = runAfter(20);

        assertThat(marked).isEqualTo("0/1/0/0");
        assertThat(sweepTrips.byOperation()).as("communities; watermark read; overdue, 80%, level 2, level 3; the mark; watermark moved")
                .isEqualTo(Map.of("Query", 5, "GetItem", 1, "PutItem", 2));
    }
}
