package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import community.linli.platform.http.Check;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /residents}: a person joining a household. Birth date and gender are not
 * asked for: they come from the ID-card number. Whether the household and the tags exist, and that
 * each sensitive tag has a consent, is checked against the tables afterwards, in {@link Residents}.
 */
record RegisterResidentBody(String householdId, String name, String idNumber, String phone, String relation,
                            String residenceType, List<String> tags, List<ConsentBody> consents, String notes,
                            LocalDate movedInOn) {
    RegisterResidentBody {
        idNumber = IdCardNumber.normalize(idNumber);
        Check check = Check.of()
                .required("householdId", householdId).matches("householdId", householdId, Residents.ID)
                .requiredText("name", name, Residents.MAX_NAME)
                .required("idNumber", idNumber)
                .phone("phone", phone)
                .required("relation", relation).oneOf("relation", relation, Relation.wires())
                .required("residenceType", residenceType).oneOf("residenceType", residenceType, ResidenceType.wires())
                .maxLength("notes", notes, Residents.MAX_NOTES);
        Residents.checkIdNumber(check, "idNumber", idNumber);
        Residents.checkTags(check, tags, consents);
        Residents.checkDate(check, "movedInOn", movedInOn);
        check.done();
        tags = tags == null ? List.of() : List.copyOf(tags);
        consents = consents == null ? List.of() : List.copyOf(consents);
        name = name.strip();
    }
}
