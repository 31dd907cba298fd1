package community.linli.residents;

import community.linli.platform.http.Check;
import community.linli.tables.residents.IdCardNumber;
import java.util.Map;

/**
 * The body of {@code POST /residents/lookup}: exactly one of an ID-card number or a phone. They come
 * in a body, never in a URL, so that they stay out of access logs.
 */
record LookupBody(String idNumber, String phone) {
    LookupBody {
        idNumber = IdCardNumber.normalize(idNumber);
        Check check = Check.of().phone("phone", phone);
        if ((idNumber == null) == (phone == null)) check.add("body", "exactly_one", Map.of("fields", "idNumber, phone"));
        if (idNumber != null) Residents.checkIdNumber(check, "idNumber", idNumber);
        check.done();
    }
}
