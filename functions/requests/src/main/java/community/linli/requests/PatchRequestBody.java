package community.linli.requests;

import community.linli.platform.http.Check;
import community.linli.tables.requests.Priority;

/** The body of {@code PATCH /requests/{id}}: staff's triage edits, based on {@code version}. */
record PatchRequestBody(String category, String priority, Long version) {
    PatchRequestBody {
        Check check = Check.of()
                .matches("category", category, SubmitRequestBody.CODE)
                .oneOf("priority", priority, Priority.WIRE)
                .required("version", version)
                .atLeast("version", version, 1);
        if (category == null && priority == null) check.add("body", "empty_update");
        check.done();
    }
}
