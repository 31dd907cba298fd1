package community.linli.tables.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildingTest {
    Building tower = new Building("B1", "G1", "1号楼", 31.2200, 121.4400);
    Building hall = new Building("B2", "G2", "2号楼", 31.2230, 121.4400);
    Building unmapped = new Building("B3", "G3", "3号楼", null, null);

    @Test
    void metersTo_isTheGreatCircleDistance() {
        assertThat(tower.metersTo(31.2210, 121.4400)).as("0.001° of latitude").isCloseTo(111.2, within(0.1));
        assertThat(tower.metersTo(31.2200, 121.4400)).isZero();
        assertThat(tower.metersTo(39.9042, 116.4074)).as("to Beijing").isCloseTo(1_067_000, within(2_000.0));
    }

    @Test
    void nearest_isTheClosestMappedBuildingWithinTheDistance() {
        List<Building> buildings = List.of(unmapped, hall, tower);

        assertThat(Building.nearest(buildings, 31.2201, 121.4400, 300)).contains(tower);
        assertThat(Building.nearest(buildings, 31.2228, 121.4400, 300)).contains(hall);
        assertThat(Building.nearest(buildings, 31.2150, 121.4400, 300)).as("555 m south of the nearest").isEmpty();
        assertThat(Building.nearest(List.of(unmapped), 31.2200, 121.4400, 300)).isEmpty();
    }
}
