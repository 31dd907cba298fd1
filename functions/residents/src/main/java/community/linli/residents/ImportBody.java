package community.linli.residents;

import community.linli.platform.http.Check;

/** The body of {@code POST /residents/imports}: why the file is imported; the reason goes into the import's audit record. */
record ImportBody(String reason) {
    ImportBody {
        Check.of().requiredText("reason", reason, Residents.MAX_REASON).done();
        reason = reason.strip();
    }
}
