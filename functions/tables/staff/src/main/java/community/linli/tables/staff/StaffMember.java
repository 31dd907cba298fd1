package community.linli.tables.staff;

import java.time.Instant;
import java.util.List;

/**
 * A staff member, grid worker or admin of one community, as stored. The phone is here only sealed
 * ({@link StaffStore#phone} opens it), masked ({@code 138****5678}, what every role but admins is
 * shown) and as its lookup hash ({@link StaffStore#phoneHash}). {@code alertPreferences} are the
 * member's own choice of alerts ({@link AlertPreferences#none()} until they make one).
 */
public record StaffMember(String communityId, String staffId, String name, StaffRole role, List<String> gridIds,
                          StaffStatus status, long version, Instant createdAt, Instant updatedAt,
                          String sealedPhone, String maskedPhone, String phoneHash, AlertPreferences alertPreferences) {
    public StaffMember {
        gridIds = List.copyOf(gridIds);
        if (alertPreferences == null) alertPreferences = AlertPreferences.none();
    }

    /** A member who has chosen no alerts yet. */
    public StaffMember(String communityId, String staffId, String name, StaffRole role, List<String> gridIds,
                       StaffStatus status, long version, Instant createdAt, Instant updatedAt,
                       String sealedPhone, String maskedPhone, String phoneHash) {
        this(communityId, staffId, name, role, gridIds, status, version, createdAt, updatedAt, sealedPhone, maskedPhone, phoneHash,
                AlertPreferences.none());
    }

    public boolean active() {
        return status == StaffStatus.ACTIVE;
    }
}
