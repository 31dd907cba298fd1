package community.linli.staff;

import community.linli.tables.staff.StaffMember;
import java.time.Instant;
import java.util.List;

/**
 * A registered person as the API shows them. {@code phone} is the full number for admins and the
 * masked one ({@code 138****5678}) for everyone else, with {@code phoneMasked} saying which.
 */
record StaffView(String id, String name, String role, List<String> gridIds, String status, String phone,
                 boolean phoneMasked, long version, Instant createdAt, Instant updatedAt) {

    static StaffView of(StaffMember member, String fullPhone) {
        return new StaffView(member.staffId(), member.name(), member.role().wire(), member.gridIds(), member.status().wire(),
                fullPhone != null ? fullPhone : member.maskedPhone(), fullPhone == null,
                member.version(), member.createdAt(), member.updatedAt());
    }

    record Page(List<StaffView> items, String nextCursor) {}
}
