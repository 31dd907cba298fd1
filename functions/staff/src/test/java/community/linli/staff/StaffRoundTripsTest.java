package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB and KMS round trips per operation, in a fresh container (the handler's own FieldCrypto;
 * the demo staff were sealed by another one). Deterministic, so asserted here; the benchmark
 * (bench/ RoundTrips) prints the same counts for the README.
 */
class StaffRoundTripsTest extends StaffApi.Fixture {
    private Map<String, Integer> dynamo(Runnable call) {
        api.kmsTrips.reset();
        return api.dynamoTrips.during(call);
    }

    @Test
    void registerAGridWorker_isADirectoryQueryAndOneTransaction_andTheContainersFirstPaysTwoKmsCalls() {
        var first = dynamo(() -> api.register(admin, Map.of("name", "甲", "phone", "13712340001", "role", "grid_worker",
                "gridIds", List.of("G03"))).expect(201));
        var firstKms = api.kmsTrips.byOperation();
        var second = dynamo(() -> api.register(admin, Map.of("name", "乙", "phone", "13712340002", "role", "grid_worker",
                "gridIds", List.of("G04"))).expect(201));

        assertThat(first).isEqualTo(Map.of("Query", 1, "TransactWriteItems", 1));
        assertThat(firstKms).isEqualTo(Map.of("GenerateMac", 1, "GenerateDataKey", 1));
        assertThat(second).isEqualTo(Map.of("Query", 1, "TransactWriteItems", 1));
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }

    @Test
    void registerStaff_withoutGrids_isOneTransaction() {
        assertThat(dynamo(() -> api.register(admin, Map.of("name", "丙", "phone", "13712340003", "role", "staff")).expect(201)))
                .isEqualTo(Map.of("TransactWriteItems", 1));
    }

    @Test
    void aTakenPhone_costsTheTransactionAndOneReadOfItsHolder() {
        assertThat(dynamo(() -> api.register(admin, Map.of("name", "丁", "phone", DemoCommunity.ADMIN_PHONE, "role", "staff")).expect(409)))
                .isEqualTo(Map.of("TransactWriteItems", 1, "GetItem", 1));
    }

    @Test
    void list_isOneQuery_andForAdminsOneDecryptPerDataKeyOnce() {
        var asStaff = dynamo(() -> api.list(staff, Map.of()).expect(200));
        var staffKms = api.kmsTrips.byOperation();
        var asAdmin = dynamo(() -> api.list(admin, Map.of()).expect(200));
        var adminKms = api.kmsTrips.byOperation();
        var again = dynamo(() -> api.list(admin, Map.of()).expect(200));

        assertThat(asStaff).isEqualTo(Map.of("Query", 1));
        assertThat(staffKms).isEmpty();
        assertThat(asAdmin).isEqualTo(Map.of("Query", 1));
        assertThat(adminKms).as("the demo staff were all sealed under one data key").isEqualTo(Map.of("Decrypt", 1));
        assertThat(again).isEqualTo(Map.of("Query", 1));
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }

    @Test
    void get_isOneGetItem() {
        assertThat(dynamo(() -> api.get(staff, DemoCommunity.GRID_WORKER_ID).expect(200))).isEqualTo(Map.of("GetItem", 1));
    }

    @Test
    void patch_isAGetItemAndAPut_plusTheDirectoryQueryWhenGridsChange_andATransactionWhenThePhoneDoes() {
        var grids = dynamo(() -> api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("gridIds", List.of("G03", "G04"), "version", 1)).expect(200));
        var name = dynamo(() -> api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("name", "王芳芳", "version", 2)).expect(200));
        var phone = dynamo(() -> api.patch(admin, DemoCommunity.GRID_WORKER_ID, Map.of("phone", "13712340004", "version", 3)).expect(200));

        assertThat(grids).isEqualTo(Map.of("GetItem", 1, "Query", 1, "PutItem", 1));
        assertThat(name).isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
        assertThat(phone).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    }

    @Test
    void badInput_costsNoRoundTripAtAll() {
        var dynamoTrips = dynamo(() -> api.register(admin, Map.of("name", "戊", "phone", "123", "role", "staff")).expect(400));

        assertThat(dynamoTrips).isEmpty();
        assertThat(api.kmsTrips.byOperation()).isEmpty();
    }
}
