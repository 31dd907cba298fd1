package community.linli.residents;

import community.linli.tables.residents.Household;
import java.time.Instant;
import java.util.List;

/** A household as the API shows it; {@code members} (its active residents) when read with them. */
record HouseholdView(String id, String householdNumber, String gridId, String buildingId, String unitId, String roomId,
                     String headResidentId, long version, Instant createdAt, Instant updatedAt, List<ResidentView> members) {

    static HouseholdView of(Household h, List<ResidentView> members) {
        return new HouseholdView(h.householdId(), h.householdNumber(), h.address().gridId(), h.address().buildingId(),
                h.address().unitId(), h.address().roomId(), h.headResidentId(), h.version(), h.createdAt(), h.updatedAt(), members);
    }
}
