package community.linli.requests;

import community.linli.platform.http.Check;
import community.linli.tables.requests.Assignee;
import java.util.List;
import java.util.regex.Pattern;

/** Whom to hand a request to: an account subject, its role, and the name residents will see. */
record AssigneeBody(String sub, String role, String name) {
    static final Pattern SUB = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    void check(Check check, String prefix) {
        check.required(prefix + "sub", sub)
                .matches(prefix + "sub", sub, SUB)
                .required(prefix + "role", role)
                .oneOf(prefix + "role", role, List.of(Assignee.GRID_WORKER, Assignee.STAFF))
                .text(prefix + "name", name, 50);
    }

    Assignee toAssignee() {
        return new Assignee(sub, role, name);
    }
}
