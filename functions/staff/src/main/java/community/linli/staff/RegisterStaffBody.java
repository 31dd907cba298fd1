package community.linli.staff;

import community.linli.platform.http.Check;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import java.util.List;

/**
 * The body of {@code POST /staff}: a person an admin registers. Grid workers name at least one grid;
 * staff and admins act for the whole community and name none. Whether the grids exist is checked
 * against the directory afterwards, in {@link Staff}.
 */
record RegisterStaffBody(String name, String phone, String role, List<String> gridIds) {
    RegisterStaffBody {
        Check check = Check.of()
                .requiredText("name", name, Staff.MAX_NAME)
                .required("phone", phone)
                .phone("phone", phone)
                .required("role", role)
                .oneOf("role", role, StaffRole.wires());
        Staff.checkGrids(check, StaffRole.ofWire(role), gridIds);
        check.done();
        gridIds = gridIds == null ? List.of() : List.copyOf(gridIds);
    }

    NewStaff toNewStaff() {
        return new NewStaff(name.strip(), phone, StaffRole.ofWire(role), gridIds);
    }
}
