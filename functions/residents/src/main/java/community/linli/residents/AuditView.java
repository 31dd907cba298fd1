package community.linli.residents;

import community.linli.tables.residents.AuditRecord;
import java.time.Instant;
import java.util.List;

/** An audit record as admins read it. */
record AuditView(String id, Instant at, String actor, String actorRole, String action, String residentId, String reason) {
    static AuditView of(AuditRecord a) {
        return new AuditView(a.auditId(), a.at(), a.actor(), a.actorRole(), a.action(), a.residentId(), a.reason());
    }

    record Page(List<AuditView> items, String nextCursor) {}
}
