package community.linli.tables.staff;

import java.util.List;

/**
 * A member of the staff registry as colleagues may know them: who, in which role and grids,
 * whether active. Never their phone: {@link StaffStore#colleague} and {@link StaffStore#colleagues}
 * read only these attributes, and a function that needs no more is granted no more.
 */
public record Colleague(String staffId, String name, StaffRole role, List<String> gridIds, StaffStatus status) {
    public Colleague {
        gridIds = List.copyOf(gridIds);
    }

    public boolean active() {
        return status == StaffStatus.ACTIVE;
    }

    /** Whether this is an active grid worker of {@code gridId}; never for a null grid. */
    public boolean worksGrid(String gridId) {
        return active() && role == StaffRole.GRID_WORKER && gridId != null && gridIds.contains(gridId);
    }
}
