package community.linli.tables.staff;

import java.util.List;

/** A change to a registered person; a null member leaves that value as it is. {@code phone} is normalized and validated. */
public record StaffChange(String name, String phone, StaffRole role, List<String> gridIds, StaffStatus status) {
    public StaffChange {
        gridIds = gridIds == null ? null : List.copyOf(gridIds);
    }
}
