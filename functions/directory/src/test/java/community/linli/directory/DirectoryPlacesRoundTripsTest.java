package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.requests.Status;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB round trips per place operation, counted on the handler's client. Deterministic, so
 * asserted here; README's Data section lists the same counts.
 */
@ExtendWith(MotoExtension.class)
class DirectoryPlacesRoundTripsTest {
    DirectoryApi api;
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
    }

    private Map<String, Integer> trips(HttpEvents events, int status) {
        return api.trips.during(() -> api.reply(events, staff).expect(status));
    }

    @Test
    void listGrids_isAQueryOfTheGridsAndOneOfTheStaffRegistry() {
        assertThat(trips(DirectoryApi.listGrids(), 200)).isEqualTo(Map.of("Query", 2));
    }

    @Test
    void putGrid_isOnePutItemAndTheRegistryQuery_andCreatingOneEntersTheCommunityInItsList() {
        assertThat(trips(DirectoryApi.putGrid("G16", Map.of("name", "第16网格")), 201)).isEqualTo(Map.of("PutItem", 2, "Query", 1));
        assertThat(trips(DirectoryApi.putGrid("G16", Map.of("name", "十六网格")), 200)).isEqualTo(Map.of("PutItem", 1, "Query", 1));
        assertThat(api.store.communities()).containsExactly(DemoCommunity.ID);
    }

    @Test
    void readingBuildingsUnitsAndRooms_isOneRoundTripOrTwo() {
        assertThat(trips(DirectoryApi.listBuildings(), 200)).isEqualTo(Map.of("Query", 1));
        assertThat(trips(DirectoryApi.getBuilding("B0301"), 200)).isEqualTo(Map.of("GetItem", 1));
        assertThat(trips(DirectoryApi.listUnits("B0301"), 200)).isEqualTo(Map.of("GetItem", 1, "Query", 1));
        assertThat(trips(DirectoryApi.listRooms("B0301"), 200)).isEqualTo(Map.of("GetItem", 1, "Query", 1));
    }

    @Test
    void renameABuilding_isABatchGetAndAConditionalPut() {
        assertThat(trips(DirectoryApi.putBuilding("B0301", Map.of("name", "一号楼", "gridId", "G03", "version", 1)), 200))
                .isEqualTo(Map.of("BatchGetItem", 1, "PutItem", 1));
    }

    @Test
    void moveABuilding_addsAQueryOfTheOldGridsInbox_aTransactionPerOpenRequest_andThePutThatClearsTheMark() {
        api.filed("B0301", "G03", Status.ACCEPTED);
        api.filed("B0301", "G03", Status.ASSIGNED);

        assertThat(trips(DirectoryApi.putBuilding("B0301", Map.of("name", "1号楼", "gridId", "G04", "version", 1)), 200))
                .isEqualTo(Map.of("BatchGetItem", 1, "PutItem", 2, "Query", 1, "TransactWriteItems", 2));
    }

    @Test
    void putUnitOrRoom_isAGetItemOfItsParentAndOnePutItem() {
        assertThat(trips(DirectoryApi.putUnit("B0301", "3", Map.of()), 201)).isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
        assertThat(trips(DirectoryApi.putRoom("B0301", "3", "301", Map.of()), 201)).isEqualTo(Map.of("GetItem", 1, "PutItem", 1));
    }

    @Test
    void importAFile_isFourQueriesAndABatchWritePer25NewPlaces_andTheSameFileAgainOnlyTheQueries() {
        StringBuilder csv = new StringBuilder("网格,楼栋,单元,房号\n");
        for (int room = 1; room <= 40; room++) csv.append("G16,B1601,1,").append(100 + room).append('\n');

        var first = trips(DirectoryApi.importPlaces(csv.toString()), 200);
        var again = trips(DirectoryApi.importPlaces(csv.toString()), 200);

        assertThat(first).as("43 new items: a grid, a building, a unit, 40 rooms").isEqualTo(Map.of("Query", 4, "BatchWriteItem", 2));
        assertThat(again).isEqualTo(Map.of("Query", 4));
    }

    @Test
    void badInput_costsNoRoundTripAtAll() {
        assertThat(trips(DirectoryApi.putBuilding("B0301", Map.of("name", "x")), 400)).isEmpty();
        assertThat(api.trips.during(() -> api.reply(DirectoryApi.importPlaces("楼栋,单元\n"), staff).expect(400))).isEmpty();
    }
}
