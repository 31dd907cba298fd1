package community.linli.residents;

import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import java.time.LocalDate;
import java.util.Map;

/**
 * The body of {@code POST /residents/{id}/visits}: the day of the visit (not in the future), what the
 * visitor noted (at most {@value Residents#MAX_NOTES} characters), whether it raised a concern, the
 * key of a photo from {@code POST /uploads} ({@code photoKey}, optional), and with a concern
 * optionally the {@code request} it files in the request loop ({@code requires} {@code concern}
 * otherwise).
 */
record VisitBody(LocalDate date, String note, Boolean concern, String photoKey, ConcernRequestBody request) {
    VisitBody {
        Check check = Check.of().required("date", date).requiredText("note", note, Residents.MAX_NOTES)
                .matches("photoKey", photoKey, FileStore.PHOTO_KEY);
        Residents.checkDate(check, "date", date);
        if (request != null) {
            request.check(check, "request.");
            if (!Boolean.TRUE.equals(concern)) check.add("request", "requires", Map.of("field", "concern"));
        }
        check.done();
        note = note.strip();
        concern = Boolean.TRUE.equals(concern);
    }
}
