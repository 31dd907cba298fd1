package community.linli.residents;

import community.linli.platform.http.Check;
import java.time.LocalDate;

/**
 * The body of {@code POST /residents/{id}/visits}: the day of the visit (not in the future), what the
 * visitor noted (at most {@value Residents#MAX_NOTES} characters), and whether it raised a concern.
 */
record VisitBody(LocalDate date, String note, Boolean concern) {
    VisitBody {
        Check check = Check.of().required("date", date).requiredText("note", note, Residents.MAX_NOTES);
        Residents.checkDate(check, "date", date);
        check.done();
        note = note.strip();
        concern = Boolean.TRUE.equals(concern);
    }
}
