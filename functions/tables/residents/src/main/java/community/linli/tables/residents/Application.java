package community.linli.tables.residents;

import java.time.Instant;

/**
 * An account's application to join the room at {@code address} (from the building's QR code) as
 * {@code name}, with {@code relation} to the household's head. {@code residentId} once linked;
 * {@code reason} once refused; {@code decidedBy} is the account that decided, or null when the
 * verified phone linked it at once.
 */
public record Application(String communityId, String applicationId, String accountId, Address address, String name,
                          Relation relation, ApplicationStatus status, String residentId, String reason,
                          Instant createdAt, Instant decidedAt, String decidedBy) {

    /** This application, decided now. */
    public Application decided(ApplicationStatus newStatus, String resident, String why, Instant at, String by) {
        return new Application(communityId, applicationId, accountId, address, name, relation, newStatus, resident, why,
                createdAt, at, by);
    }
}
