package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import community.linli.platform.http.Check;
import community.linli.tables.residents.ResidenceType;

/**
 * The body of {@code POST /applications/{id}/approval}: either {@code residentId}, a registered
 * active resident of the application's room the account is linked to, or the registration of a new
 * resident into {@code householdId} (a household of that room) with {@code idNumber},
 * {@code residenceType} and optionally {@code phone}; name and relation are the application's. The
 * registry keeps one record per ID-card number, so the approver, who checks the applicant's ID card
 * at the door, types it: an applicant's own word is never registered unseen.
 */
record ApprovalBody(String residentId, String householdId, String idNumber, String phone, String residenceType) {
    ApprovalBody {
        idNumber = IdCardNumber.normalize(idNumber);
        Check check = Check.of().matches("residentId", residentId, Residents.ID);
        boolean registers = householdId != null || idNumber != null || phone != null || residenceType != null;
        if (residentId != null && registers) {
            check.add("residentId", "exactly_one", java.util.Map.of("fields", "residentId, householdId"));
        } else if (residentId == null) {
            check.required("householdId", householdId).matches("householdId", householdId, Residents.ID)
                    .required("idNumber", idNumber).phone("phone", phone)
                    .required("residenceType", residenceType).oneOf("residenceType", residenceType, ResidenceType.wires());
            Residents.checkIdNumber(check, "idNumber", idNumber);
        }
        check.done();
    }
}
