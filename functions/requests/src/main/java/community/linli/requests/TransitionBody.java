package community.linli.requests;

import community.linli.tables.requests.Lifecycle;
import community.linli.platform.http.Check;
import java.util.List;

/**
 * The body of {@code POST /requests/{id}/transitions}: one move of the state machine
 * ({@link Lifecycle}), based on {@code version}. Each action takes only its own fields; an
 * assignment names its assignee by staff id, which the staff registry must know ({@link Assignees}).
 */
record TransitionBody(String action, Long version, String reason, String text, List<String> photoKeys, String assignee) {
    TransitionBody {
        Check check = Check.of()
                .required("action", action)
                .oneOf("action", action, Lifecycle.Action.WIRE)
                .required("version", version)
                .atLeast("version", version, 1)
                .text("reason", reason, 500)
                .text("text", text, SubmitRequestBody.MAX_DESCRIPTION)
                .maxItems("photoKeys", photoKeys, SubmitRequestBody.MAX_PHOTOS)
                .distinct("photoKeys", photoKeys);
        if (photoKeys != null) {
            for (int i = 0; i < photoKeys.size(); i++) check.matches("photoKeys[" + i + "]", photoKeys.get(i), SubmitRequestBody.PHOTO_KEY);
        }
        check.matches("assignee", assignee, Assignees.STAFF_ID);
        if (check.valid()) {
            Lifecycle.Action move = Lifecycle.Action.ofWire(action);
            switch (move) {
                case ASSIGN -> check.required("assignee", assignee);
                case RESOLVE -> check.required("text", text);
                case SEND_BACK, REJECT, REOPEN -> check.required("reason", reason);
                default -> { }
            }
            if (assignee != null && move != Lifecycle.Action.ASSIGN) check.add("assignee", "not_applicable");
            if (text != null && move != Lifecycle.Action.RESOLVE) check.add("text", "not_applicable");
            if (photoKeys != null && move != Lifecycle.Action.RESOLVE) check.add("photoKeys", "not_applicable");
        }
        check.done();
        photoKeys = photoKeys == null ? List.of() : List.copyOf(photoKeys);
    }

    Lifecycle.Action move() {
        return Lifecycle.Action.ofWire(action);
    }
}
