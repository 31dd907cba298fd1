package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.Json;
import community.linli.platform.store.StreamImages;
import community.linli.tables.requests.Assignee;
import community.linli.tables.requests.EscalationMark;
import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.RequestItems;
import community.linli.testkit.HttpEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which stream records call for alerts, read from the fixtures in events/ as the runtime delivers them. */
class ChangesTest {

    private static List<StreamImages.Change> fixture(String name) throws Exception {
        return StreamImages.records(Json.MAPPER.readTree(HttpEvents.fixtureJson(name)));
    }

    private static List<Changes.Trigger> triggers(StreamImages.Change record) {
        return Changes.of(record);
    }

    @Test
    void newRequestBatch_aRequestsInsertIsANewRequest_itsTimelineEntryNothing() throws Exception {
        var records = fixture("alerts-new-request.json");

        assertThat(triggers(records.get(0))).singleElement().isInstanceOfSatisfying(Changes.AboutRequest.class, t -> {
            assertThat(t.kind()).isEqualTo(AlertKind.NEW_REQUEST);
            assertThat(t.request().id()).isEqualTo("261128-0001");
            assertThat(t.occasion()).isEqualTo("v1");
        });
        assertThat(triggers(records.get(1))).isEmpty();
    }

    @Test
    void assignmentBatch_isAnAssignmentToTheNewAssignee() throws Exception {
        var records = fixture("requests-stream.json");

        assertThat(triggers(records.get(0))).singleElement().isInstanceOfSatisfying(Changes.AboutRequest.class, t -> {
            assertThat(t.kind()).isEqualTo(AlertKind.ASSIGNED);
            assertThat(t.assignee()).isEqualTo(new Assignee("demo-grid-worker", "grid_worker", "王芳"));
        });
        assertThat(triggers(records.get(1))).isEmpty();
    }

    @Test
    void overdueBatch_isAMarkOfItsDueTime() throws Exception {
        assertThat(triggers(fixture("alerts-overdue.json").getFirst()))
                .containsExactly(new Changes.OverdueMark("demo", "261128-0001", Instant.parse("2026-11-28T12:15:30.123Z")));
    }

    @Test
    void escalationBatch_isTheStepOfItsDueTime_andOnlyItsInsertCounts() throws Exception {
        var record = fixture("alerts-escalation.json").getFirst();

        assertThat(triggers(record)).containsExactly(new Escalations.Step(new EscalationMark("demo", "261128-0001",
                Instant.parse("2026-11-28T12:15:30.123Z"), EscalationStep.ON_DUTY)));
        assertThat(triggers(new StreamImages.Change("MODIFY", "2", record.keys(), record.newImage(), record.newImage()))).isEmpty();
        assertThat(triggers(new StreamImages.Change("REMOVE", "3", record.keys(), Map.of(), record.newImage()))).isEmpty();
    }

    @Test
    void aNewAssigneeOnAnAssignedRequest_isATransfer() throws Exception {
        var assignment = fixture("requests-stream.json").getFirst();
        Map<String, AttributeValue> after = new HashMap<>(assignment.newImage());
        after.put("assigneeId", AttributeValue.fromS("demo-staff"));
        after.put("assigneeRole", AttributeValue.fromS("staff"));

        var transfer = new StreamImages.Change("MODIFY", "9", assignment.keys(), after, assignment.newImage());

        assertThat(triggers(transfer)).singleElement().isInstanceOfSatisfying(Changes.AboutRequest.class,
                t -> assertThat(t.kind()).isEqualTo(AlertKind.TRANSFERRED));
    }

    @Test
    void removalsBookkeepingAndSentRecords_callForNothing() throws Exception {
        var request = fixture("alerts-new-request.json").getFirst();
        Map<String, AttributeValue> sent = new HashMap<>(RequestItems.alertKey("demo", "abc"));
        sent.put("type", AttributeValue.fromS("alert"));

        assertThat(triggers(new StreamImages.Change("REMOVE", "1", request.keys(), Map.of(), request.newImage()))).isEmpty();
        assertThat(triggers(new StreamImages.Change("INSERT", "2", sent, sent, Map.of()))).isEmpty();
        assertThat(triggers(new StreamImages.Change("MODIFY", "3", request.keys(), request.newImage(), request.newImage()))).isEmpty();
    }
}
