package community.linli.tables.residents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A resident as stored. The ID number and phone are here only sealed ({@link ResidentStore#idNumber},
 * {@link ResidentStore#phone} open them), masked, and as lookup hashes. {@code householdId} and
 * {@code address} are the household they live in now, or lived in last when moved out or deceased.
 */
public record Resident(String communityId, String residentId, String householdId, Address address, String name,
                       LocalDate birthDate, Gender gender, Relation relation, ResidenceType residenceType,
                       List<String> tags, List<String> sensitiveTags, List<Consent> consents, String notes,
                       ResidentStatus status, long version, Instant createdAt, Instant updatedAt,
                       String sealedIdNumber, String maskedIdNumber, String idHash,
                       String sealedPhone, String maskedPhone, String phoneHash) {
    public Resident {
        tags = List.copyOf(tags);
        sensitiveTags = List.copyOf(sensitiveTags);
        consents = List.copyOf(consents);
    }

    public boolean active() {
        return status == ResidentStatus.ACTIVE;
    }

    public boolean isHead() {
        return relation == Relation.HEAD;
    }
}
