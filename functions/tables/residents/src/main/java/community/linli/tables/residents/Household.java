package community.linli.tables.residents;

import java.time.Instant;

/** A household (户): its number, the room it lives in, and its head (null until a resident registers as {@link Relation#HEAD}). */
public record Household(String communityId, String householdId, String householdNumber, Address address,
                        String headResidentId, long version, Instant createdAt, Instant updatedAt) {}
