package community.linli.tables.requests;

import java.time.Instant;

/**
 * The overdue sweep's mark that the request {@code requestId} reached {@code step} of its escalation
 * for the due time {@code due}. Its key is made of the request, the due time and the step, so each
 * step of a due time is marked once, and a new due time (a reopen, a triage) climbs again.
 */
public record EscalationMark(String communityId, String requestId, Instant due, EscalationStep step) {}
