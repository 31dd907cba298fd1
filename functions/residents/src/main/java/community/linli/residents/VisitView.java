package community.linli.residents;

import community.linli.tables.residents.Visit;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A logged care visit, with the resident's next due date ({@code nextDueOn}, null when they are not
 * on the care-visit list), a short-lived link to its photo ({@code photoUrl}, null without one) and
 * the tracking number of the request its concern filed ({@code requestId}, null when none).
 */
record VisitView(String id, String residentId, LocalDate date, String note, boolean concern, String by, Instant at,
                 LocalDate nextDueOn, String photoKey, String photoUrl, String requestId) {
    static VisitView of(Visit v, LocalDate nextDueOn, String photoUrl) {
        return new VisitView(v.visitId(), v.residentId(), v.date(), v.note(), v.concern(), v.by(), v.at(), nextDueOn,
                v.photoKey(), photoUrl, v.requestId());
    }
}
