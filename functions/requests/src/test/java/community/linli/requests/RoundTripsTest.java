package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.HttpEvents;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB round trips per operation. They are deterministic, so they are asserted here; the
 * benchmark (bench/ RoundTrips) prints the same counts for the README.
 */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "StaffFunction"})
class RoundTripsTest {
    Api api;
    Persona resident = Persona.resident();
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws).withDemoStaff();
    }

    @Test
    void submit_takesThreeRoundTrips_directoryCounterAndOneTransaction() {
        var trips = api.trips.during(() -> api.submit(resident).expect(201));

        assertThat(trips).isEqualTo(Map.of("BatchGetItem", 1, "UpdateItem", 1, "TransactWriteItems", 1));
    }

    @Test
    void submit_withAnIdempotencyKey_takesOneMoreToLookItUp_andARetryTakesOnlyThatOne() {
        var event = HttpEvents.from("requests-submit.json").as(resident).header("Idempotency-Key", "k-1").build();

        var first = api.trips.during(() -> api.call(event).expect(201));
        var retry = api.trips.during(() -> api.call(event).expect(201));

        assertThat(first).isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1, "UpdateItem", 1, "TransactWriteItems", 1));
        assertThat(retry).isEqualTo(Map.of("GetItem", 1));
    }

    @Test
    void upload_isOnePutOfItsOwnerRecord_andAttachingItCostsNoMoreRoundTrips() {
        var upload = api.trips.during(() -> api.upload(resident, Map.of("contentType", "image/jpeg", "size", 2048)).expect(201));
        String photo = api.uploadPhoto(resident, Photos.jpeg(), "image/jpeg");
        var body = new java.util.HashMap<>(Api.submitBody());
        body.put("photoKeys", java.util.List.of(photo));

        var submit = api.trips.during(() -> api.submit(resident, body).expect(201));

        assertThat(upload).isEqualTo(Map.of("PutItem", 1));
        assertThat(submit).isEqualTo(Map.of("BatchGetItem", 1, "UpdateItem", 1, "TransactWriteItems", 1));
    }

    @Test
    void get_isOneQueryForTheRequestAndItsTimeline() {
        String id = api.submitted(resident);

        assertThat(api.trips.during(() -> api.get(resident, id).expect(200))).isEqualTo(Map.of("Query", 1));
    }

    @Test
    void listMine_isOneQuery() {
        api.submitted(resident);

        assertThat(api.trips.during(() -> api.mine(resident, Map.of()).expect(200))).isEqualTo(Map.of("Query", 1));
    }

    @Test
    void inbox_isOneQuery_whateverTheFilters() {
        api.submitted(resident);

        assertThat(api.trips.during(() -> api.inbox(staff, Map.of()).expect(200))).isEqualTo(Map.of("Query", 1));
        assertThat(api.trips.during(() -> api.inbox(staff, Map.of("grid", "G03", "status", "accepted", "category", "elevator", "overdue", "true"))
                .expect(200))).isEqualTo(Map.of("Query", 1));
    }

    @Test
    void aTransition_isOneQueryAndOneTransaction_andAnAssignmentOneGetItemOfTheMemberMore() {
        String id = api.submitted(resident);
        var assign = Map.<String, Object>of("action", "assign", "version", 1L, "assignee", DemoCommunity.GRID_WORKER_ID);
        var start = Map.<String, Object>of("action", "start", "version", 2L);

        assertThat(api.trips.during(() -> api.move(staff, id, assign).expect(200)))
                .isEqualTo(Map.of("Query", 1, "GetItem", 1, "TransactWriteItems", 1));
        assertThat(api.trips.during(() -> api.move(staff, id, start).expect(200)))
                .isEqualTo(Map.of("Query", 1, "TransactWriteItems", 1));
    }

    @Test
    void badInput_costsNoRoundTripAtAll() {
        var body = new java.util.HashMap<>(Api.submitBody());
        body.remove("category");

        assertThat(api.trips.during(() -> api.submit(resident, body).expect(400))).isEmpty();
    }
}
