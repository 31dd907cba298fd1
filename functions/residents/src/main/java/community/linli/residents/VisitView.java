package community.linli.residents;

import community.linli.platform.files.FileStore;
import community.linli.tables.residents.Visit;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A logged care visit, with the resident's next due date ({@code nextDueOn}, null when they are not
 * on the care-visit list), its photo with a short-lived link ({@code photo}, null without one) and
 * the tracking number of the request its concern filed ({@code requestId}, null when none).
 */
record VisitView(String id, String residentId, LocalDate date, String note, boolean concern, String by, Instant at,
                 LocalDate nextDueOn, FileStore.Photo photo, String requestId) {
    static VisitView of(Visit v, LocalDate nextDueOn, FileStore files) {
        return new VisitView(v.visitId(), v.residentId(), v.date(), v.note(), v.concern(), v.by(), v.at(), nextDueOn,
                v.photoKey() == null ? null : files.photo(v.photoKey()), v.requestId());
    }
}
