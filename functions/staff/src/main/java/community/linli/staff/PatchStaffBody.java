package community.linli.staff;

import community.linli.platform.http.Check;
import community.linli.tables.staff.StaffChange;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStatus;
import java.util.List;

/**
 * The body of {@code PATCH /staff/{id}}: an admin's change, based on {@code version}. Setting
 * {@code status} to {@code inactive} deactivates the person (their next token carries no staff
 * role); {@code active} brings them back. Whether role and grids fit together is checked against
 * the stored member in {@link Staff}, since either may be left out here.
 */
record PatchStaffBody(String name, String phone, String role, List<String> gridIds, String status, Long version) {
    PatchStaffBody {
        Check check = Check.of()
                .text("name", name, Staff.MAX_NAME)
                .phone("phone", phone)
                .oneOf("role", role, StaffRole.wires())
                .oneOf("status", status, StaffStatus.wires())
                .required("version", version)
                .atLeast("version", version, 1);
        Staff.checkGridIds(check, gridIds);
        if (name == null && phone == null && role == null && gridIds == null && status == null) check.add("body", "empty_update");
        check.done();
        gridIds = gridIds == null ? null : List.copyOf(gridIds);
    }

    StaffChange toChange() {
        return new StaffChange(name == null ? null : name.strip(), phone, StaffRole.ofWire(role), gridIds, StaffStatus.ofWire(status));
    }
}
