package community.linli.tables.staff;

import java.util.List;

/** What registering a person takes; {@code phone} is a normalized mainland mobile (11 digits), already validated. */
public record NewStaff(String name, String phone, StaffRole role, List<String> gridIds) {
    public NewStaff {
        gridIds = List.copyOf(gridIds);
    }
}
