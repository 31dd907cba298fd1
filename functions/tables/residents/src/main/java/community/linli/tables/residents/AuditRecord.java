package community.linli.tables.residents;

import java.time.Instant;

/** Who did what to which resident's personal data, when and why: written before the act, never changed or deleted. */
public record AuditRecord(String communityId, String auditId, Instant at, String actor, String actorRole,
                          String action, String residentId, String reason) {}
