package community.linli.residents;

import community.linli.platform.http.Check;
import community.linli.tables.residents.MoveKind;
import community.linli.tables.residents.Relation;
import java.time.LocalDate;
import java.util.Map;

/**
 * The body of {@code POST /residents/{id}/moves}: {@code move_in} (a moved-out resident comes back)
 * and {@code transfer} name the household and the relation to its head; {@code move_out} and
 * {@code deceased} name neither. {@code date} is the day it happened, today when left out.
 */
record MoveBody(String kind, String householdId, String relation, LocalDate date, Long version) {
    MoveBody {
        Check check = Check.of()
                .required("kind", kind).oneOf("kind", kind, MoveKind.wires())
                .matches("householdId", householdId, Residents.ID)
                .oneOf("relation", relation, Relation.wires())
                .required("version", version).atLeast("version", version, 1);
        Residents.checkDate(check, "date", date);
        MoveKind k = MoveKind.ofWire(kind);
        boolean joins = k == MoveKind.MOVE_IN || k == MoveKind.TRANSFER;
        if (joins) check.required("householdId", householdId).required("relation", relation);
        if (k != null && !joins) {
            if (householdId != null) check.add("householdId", "not_applicable", Map.of());
            if (relation != null) check.add("relation", "not_applicable", Map.of());
        }
        check.done();
    }
}
