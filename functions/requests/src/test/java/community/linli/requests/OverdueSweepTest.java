package community.linli.requests;

import community.linli.overduesweep.Escalation;
import community.linli.overduesweep.OverdueSweepHandler;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Grid;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import community.linli.testkit.RoundTrips;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class OverdueSweepTest {
    Api api;
    OverdueSweepHandler sweep;
    RoundTrips sweepTrips = new RoundTrips();
    Persona resident = Persona.resident();
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws);
        sweep = api.sweep(sweepTrips, Escalation.Waits.DEFAULT);
    }

    String fileElderlyHelp() {
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("category", "elderly_help");
        body.put("answers", Map.of("needs", List.of("就医")));
        return api.submit(resident, body).expect(201).text("/id");
    }

    /** A run as the schedule starts it, with its input (events/overdue-sweep-schedule.json). */
    JsonNode run() throws IOException {
        var out = new ByteArrayOutputStream();
        sweep.handleRequest(new ByteArrayInputStream(HttpEvents.fixtureJson("overdue-sweep-schedule.json").getBytes(StandardCharsets.UTF_8)), out, null);
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

        var first = run();
        var second = run();

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

        assertThat(run().at("/flagged/demo").asInt()).isZero();
    }

    @Test
    void sweep_changesNoVersion_soPeoplesWritesBasedOnTheVersionReadBeforeItSucceed() throws IOException {
        String id = fileElderlyHelp();
        long before = api.currentVersion(id);
        api.clock.advance(Duration.ofHours(5));

        run();

        assertThat(api.currentVersion(id)).isEqualTo(before);
        long patched = api.patch(staff, id, Map.of("priority", "urgent", "version", before)).expect(200).version();
        api.move(staff, id, Map.of("action", "reject", "version", patched, "reason", "已转 120")).expect(200);
        assertThat(overdueEvents(api.get(staff, id).body())).isEqualTo(1);
    }

    @Test
    void secondRun_readsNothingAlreadyFlagged() throws IOException {
        fileElderlyHelp();
        fileElderlyHelp();
        api.clock.advance(Duration.ofHours(5));
        run();
        api.clock.advance(Duration.ofMinutes(5));

        sweepTrips.reset();
        var second = run();

        assertThat(second.at("/flagged/demo").asInt()).isZero();
        assertThat(sweepTrips.itemsQueried()).as("items read by the second run: the community's entry, no request").isEqualTo(1);
        assertThat(sweepTrips.byOperation()).as("the communities' Query; the watermark read and moved; four empty queries"
                        + " (overdue, 80%, levels 2 and 3: EscalationSweepTest)")
                .isEqualTo(Map.of("GetItem", 1, "Query", 5, "PutItem", 1));
    }

    @Test
    void aDueTime_getsExactlyOneOverdueItem_evenWhenTheWatermarkIsLost_andAReopenedRequestIsFlaggedAgain() throws IOException {
        String id = fileElderlyHelp();
        api.clock.advance(Duration.ofHours(5));
        run();
        api.patch(staff, id, Map.of("priority", "urgent", "version", api.currentVersion(id))).expect(200);
        forgetWatermarks();

        var rerun = run();

        assertThat(rerun.at("/flagged/demo").asInt()).as("read again, written once").isZero();
        assertThat(overdueEvents(api.get(staff, id).body())).isEqualTo(1);
        api.move(staff, id, "resolve", Map.of("text", "已陪同就医")).expect(200);
        api.move(resident, id, "reopen", Map.of("reason", "还需要买药")).expect(200);
        api.clock.advance(Duration.ofHours(5));
        assertThat(run().at("/flagged/demo").asInt()).isEqualTo(1);
        assertThat(overdueEvents(api.get(staff, id).body())).as("one per due time").isEqualTo(2);
    }

    @Test
    void triageThatMovesTheDueTimeBeforeTheWatermark_flagsTheRequestItself_once() throws IOException {
        String id = api.submitted(resident);   // elevator: 24 hours
        api.clock.advance(Duration.ofHours(5));
        run();

        var triaged = api.patch(staff, id, Map.of("category", "elderly_help", "version", 1L)).expect(200);   // due 4 hours after filing

        assertThat(triaged.body().get("overdue").asBoolean()).isTrue();
        assertThat(overdueEvents(triaged.body())).isEqualTo(1);
        assertThat(run().at("/flagged/demo").asInt()).isZero();
        assertThat(overdueEvents(api.get(staff, id).body())).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSweepsPolicy_grantsExactlyTheCallsItMakes_andQueriesOnlyTheByCommunityIndexAndTheListOfCommunities(LocalAws aws) throws IOException {
        fileElderlyHelp();
        api.clock.advance(Duration.ofHours(5));

        sweepTrips.reset();
        run();

        Set<String> granted = new TreeSet<>();
        Set<Object> queried = new HashSet<>();
        Set<Object> leadingKeys = new HashSet<>();
        for (Map<String, Object> statement : policyStatements(aws.template().properties("OverdueSweepFunction"))) {
            List<String> actions = statement.get("Action") instanceof List<?> many ? (List<String>) many : List.of((String) statement.get("Action"));
            // The table key's KMS actions are DynamoDB's to use on the sweep's behalf, not calls the sweep
            // makes: TemplateKeysTest holds them to the tables.
            actions.stream().filter(a -> a.startsWith("dynamodb:")).forEach(granted::add);
            Object resource = statement.get("Resource");
            if (actions.contains("dynamodb:Query")) queried.addAll(resource instanceof List<?> many ? many : List.of(resource));
            if (statement.get("Condition") instanceof Map<?, ?> condition && condition.get("ForAllValues:StringEquals") instanceof Map<?, ?> equals) {
                leadingKeys.addAll((List<Object>) equals.get("dynamodb:LeadingKeys"));
            }
        }
        assertThat(granted).isEqualTo(new TreeSet<>(sweepTrips.byOperation().keySet().stream().map(op -> "dynamodb:" + op).toList()));
        assertThat(queried).containsExactlyInAnyOrder(Map.of("Fn::Sub", "${RequestsTable.Arn}/index/ByCommunity"),
                Map.of("Fn::GetAtt", List.of("DirectoryTable", "Arn")));
        assertThat(leadingKeys).as("of the directory, the list of communities only").containsExactly(DirectoryStore.COMMUNITIES);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> policyStatements(Map<String, Object> function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<Object>) function.get("Policies")) {
            statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) policy).get("Statement"));
        }
        return statements;
    }

    /** As if every run so far had failed before it moved its watermark. */
    void forgetWatermarks() {
        var items = api.aws.dynamoDb().scanPaginator(r -> r.tableName(api.aws.name("RequestsTable"))).items().stream()
                .filter(i -> i.containsKey("type") && "sweep".equals(i.get("type").s())).toList();
        assertThat(items).isNotEmpty();
        items.forEach(i -> api.aws.dynamoDb().deleteItem(r -> r.tableName(api.aws.name("RequestsTable"))
                .key(Map.of("pk", i.get("pk"), "sk", i.get("sk")))));
    }

    @Test
    void sweep_walksEveryCommunityOfTheDirectory_soANewCommunityIsSweptFromItsFirstGrid_withoutARedeploy() throws IOException {
        fileElderlyHelp();
        assertThat(run().get("flagged").toString()).isEqualTo("{\"demo\":0}");

        new DirectoryStore(api.aws.dynamoDb(), api.aws.name("DirectoryTable")).saveGrid("other", new Grid("G01", "第一网格"));

        assertThat(run().get("flagged").toString()).isEqualTo("{\"demo\":0,\"other\":0}");
    }
}
