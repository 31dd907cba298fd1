package community.linli.tables.residents;

import java.time.LocalDate;
import java.util.List;

/**
 * A change to a resident's record; a null member leaves that value as it is. When {@code tags} is
 * given, {@code sensitiveTags} and {@code consents} are too (the whole set, validated). An empty
 * {@code phone} removes it; an {@code idNumber} (with its derived birth date and gender) corrects a
 * mistyped one, and moves its claim.
 */
public record ResidentChange(String name, String idNumber, LocalDate birthDate, Gender gender, String phone,
                             Relation relation, ResidenceType residenceType, List<String> tags, List<String> sensitiveTags,
                             List<Consent> consents, String notes) {}
