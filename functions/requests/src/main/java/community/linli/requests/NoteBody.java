package community.linli.requests;

import community.linli.platform.http.Check;
import java.util.List;

/** The body of {@code POST /requests/{id}/notes}: a public reply to the resident, or an internal note for staff. */
record NoteBody(String text, String visibility) {
    NoteBody {
        Check.of()
                .requiredText("text", text, SubmitRequestBody.MAX_DESCRIPTION)
                .required("visibility", visibility)
                .oneOf("visibility", visibility, List.of("public", "internal"))
                .done();
    }

    boolean internal() {
        return "internal".equals(visibility);
    }
}
