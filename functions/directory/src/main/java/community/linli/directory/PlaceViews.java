package community.linli.directory;

import community.linli.tables.directory.Building;
import community.linli.tables.directory.Grid;
import community.linli.tables.directory.Room;
import community.linli.tables.directory.Unit;
import community.linli.tables.staff.StaffMember;
import java.util.List;

/** Places as the API shows them (openapi.yaml: Grid, Building, Unit, Room, PlacesImport). */
final class PlaceViews {
    private PlaceViews() {}

    /** A grid and the active grid workers the staff registry names for it. */
    record GridView(String id, String name, List<GridWorkerView> gridWorkers) {
        static GridView of(Grid grid, List<StaffMember> registry) {
            return new GridView(grid.id(), grid.name(), registry.stream()
                    .filter(m -> m.active() && m.role() == community.linli.tables.staff.StaffRole.GRID_WORKER
                            && m.gridIds().contains(grid.id()))
                    .map(m -> new GridWorkerView(m.staffId(), m.name()))
                    .toList());
        }
    }

    record GridWorkerView(String staffId, String name) {}

    record GridList(List<GridView> items) {}

    record BuildingView(String id, String name, String gridId, Double latitude, Double longitude, long version) {
        static BuildingView of(Building b) {
            return new BuildingView(b.id(), b.name(), b.gridId(), b.latitude(), b.longitude(), b.version());
        }
    }

    record BuildingList(List<BuildingView> items) {}

    record UnitView(String buildingId, String id, String name) {
        static UnitView of(Unit u) {
            return new UnitView(u.buildingId(), u.id(), u.name());
        }
    }

    record UnitList(List<UnitView> items) {}

    record RoomView(String buildingId, String unitId, String id, String name) {
        static RoomView of(Room r) {
            return new RoomView(r.buildingId(), r.unitId(), r.id(), r.name());
        }
    }

    record RoomList(List<RoomView> items) {}
}
