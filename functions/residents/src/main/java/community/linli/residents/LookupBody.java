package community.linli.residents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import community.linli.platform.http.Check;
import community.linli.platform.http.Problem;
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

    /**
     * How Jackson reads it: a member given as {@code null} is refused ({@code invalid_type}), not taken
     * for an absent one, as the schema says: {@code {"phone": "…", "idNumber": null}} names two
     * members, where one string member is allowed.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LookupBody read(ObjectNode body) {
        body.fieldNames().forEachRemaining(name -> {
            if (!MEMBERS.contains(name)) throw Problem.invalid(name.isEmpty() ? "body" : name, "unknown_field");
        });
        return new LookupBody(text("idNumber", body.get("idNumber")), text("phone", body.get("phone")));
    }

    private static final java.util.Set<String> MEMBERS = java.util.Set.of("idNumber", "phone");

    private static String text(String field, JsonNode member) {
        if (member == null) return null;
        if (!member.isTextual()) throw Problem.invalid(field, "invalid_type", Map.of("expected", "string"));
        return member.textValue();
    }
}
