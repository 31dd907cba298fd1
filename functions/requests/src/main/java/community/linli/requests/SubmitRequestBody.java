package community.linli.requests;

import community.linli.core.http.Check;
import java.util.regex.Pattern;

/** The body of {@code POST /requests}. */
record SubmitRequestBody(String category, String description, LocationBody location) {
    static final int MAX_DESCRIPTION = 2000;
    static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    SubmitRequestBody {
        Check.of()
                .required("category", category)
                .matches("category", category, CODE)
                .requiredText("description", description, MAX_DESCRIPTION)
                .required("location", location)
                .done();
    }
}
