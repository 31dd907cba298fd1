package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Room;
import community.linli.tables.directory.Tag;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rooms and the managed tag list, as the residents registry reads them, on moto. */
@ExtendWith(MotoExtension.class)
class DirectoryPlacesStoreTest {
    DirectoryStore store;

    @BeforeEach
    void setUp(LocalAws aws) {
        store = new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"));
        DemoCommunity.seed(store);
        DemoCommunity.seedRooms(store, DemoCommunity.ID);
    }

    @Test
    void room_isFoundByBuildingUnitAndRoom_andOnlyInItsCommunity() {
        assertThat(store.room("demo", "B0301", "1", "302")).contains(new Room("B0301", "1", "302", "1单元302室"));
        assertThat(store.room("demo", "B0301", "3", "302")).isEmpty();
        assertThat(store.room("other", "B0301", "1", "302")).isEmpty();
    }

    @Test
    void rooms_ofAUnit_doNotIncludeTheOtherUnitOrAnotherBuildingWithTheSamePrefix() {
        store.putRoom("demo", new Room("B03010", "1", "101", null));

        assertThat(store.rooms("demo", "B0301", "1")).hasSize(6).allMatch(r -> r.unitId().equals("1") && r.buildingId().equals("B0301"));
        assertThat(store.rooms("demo", "B0301", null)).hasSize(12).allMatch(r -> r.buildingId().equals("B0301"));
    }

    @Test
    void tags_roundTripEveryField() {
        store.putTag("demo", new Tag("diabetes", "糖尿病", null, true, null));

        assertThat(store.tags("demo")).containsAll(DemoCommunity.tags())
                .contains(new Tag("diabetes", "糖尿病", null, true, null));
        assertThat(store.tags("other")).isEmpty();
    }
}
