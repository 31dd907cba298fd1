package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import community.linli.platform.http.Check;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import java.util.List;

/**
 * The body of {@code PATCH /residents/{id}}: a change based on {@code version}. {@code tags}, when
 * given, is the whole new set, with {@code consents} for its sensitive tags (consents already
 * recorded for a kept tag stay). An empty {@code phone} or {@code notes} removes it; an
 * {@code idNumber} corrects a mistyped one.
 */
record PatchResidentBody(String name, String idNumber, String phone, String relation, String residenceType,
                         List<String> tags, List<ConsentBody> consents, String notes, Long version) {
    PatchResidentBody {
        idNumber = IdCardNumber.normalize(idNumber);
        Check check = Check.of()
                .text("name", name, Residents.MAX_NAME)
                .oneOf("relation", relation, Relation.wires())
                .oneOf("residenceType", residenceType, ResidenceType.wires())
                .maxLength("notes", notes, Residents.MAX_NOTES)
                .required("version", version).atLeast("version", version, 1);
        if (phone != null && !phone.isEmpty()) check.phone("phone", phone);
        if (idNumber != null) Residents.checkIdNumber(check, "idNumber", idNumber);
        if (tags != null || consents != null) Residents.checkTags(check, tags, consents);
        if (consents != null && tags == null) check.add("consents", "requires", java.util.Map.of("field", "tags"));
        if (name == null && idNumber == null && phone == null && relation == null && residenceType == null && tags == null
                && notes == null) {
            check.add("body", "empty_update");
        }
        check.done();
        tags = tags == null ? null : List.copyOf(tags);
        consents = consents == null ? List.of() : List.copyOf(consents);
        name = name == null ? null : name.strip();
    }
}
