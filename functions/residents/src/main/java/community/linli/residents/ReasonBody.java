package community.linli.residents;

import community.linli.platform.http.Check;

/**
 * Why someone sees a resident's full ID number and phone ({@code POST /residents/{id}/reveal}) or
 * erases their record ({@code POST /residents/{id}/erasure}, based on {@code version}); the reason
 * goes into the audit record.
 */
record ReasonBody(String reason, Long version) {
    ReasonBody {
        Check.of().requiredText("reason", reason, Residents.MAX_REASON).atLeast("version", version, 1).done();
        reason = reason.strip();
    }
}
