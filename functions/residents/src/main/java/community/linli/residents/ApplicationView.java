package community.linli.residents;

import community.linli.tables.residents.Application;
import java.time.Instant;
import java.util.List;

/** An application to join a room as the API shows it, to its applicant and to its approvers. */
record ApplicationView(String id, String communityId, String gridId, String buildingId, String unitId, String roomId,
                       String name, String relation, String status, String residentId, String reason,
                       Instant createdAt, Instant decidedAt) {

    static ApplicationView of(Application a) {
        return new ApplicationView(a.applicationId(), a.communityId(), a.address().gridId(), a.address().buildingId(),
                a.address().unitId(), a.address().roomId(), a.name(), a.relation().wire(), a.status().wire(), a.residentId(),
                a.reason(), a.createdAt(), a.decidedAt());
    }

    record Page(List<ApplicationView> items, String nextCursor) {}

    record Items(List<ApplicationView> items) {}
}
