package community.linli.tables.residents;

import java.time.LocalDate;
import java.util.List;

/**
 * What registering a resident takes, validated: {@code idNumber} is 18 characters with an upper-case
 * {@code X}, and {@code birthDate} and {@code gender} are derived from it; {@code phone} is a mainland
 * mobile or null; {@code tags} are of the community's list and {@code sensitiveTags} the sensitive
 * ones among them, each with its consent.
 */
public record NewResident(String name, String idNumber, LocalDate birthDate, Gender gender, String phone,
                          Relation relation, ResidenceType residenceType, List<String> tags, List<String> sensitiveTags,
                          List<Consent> consents, String notes, LocalDate movedInOn) {
    public NewResident {
        tags = List.copyOf(tags);
        sensitiveTags = List.copyOf(sensitiveTags);
        consents = List.copyOf(consents);
    }
}
