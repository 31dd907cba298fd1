package community.linli.residents;

import community.linli.platform.http.Check;

/** The body of {@code POST /applications/{id}/refusal}: the reason the applicant is shown. */
record RefusalBody(String reason) {
    RefusalBody {
        Check.of().requiredText("reason", reason, Residents.MAX_REASON).done();
        reason = reason.strip();
    }
}
