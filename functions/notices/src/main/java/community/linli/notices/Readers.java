package community.linli.notices;

import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStore;
import java.util.Set;

/**
 * Whom a reader is, for the notices addressed to them: the grids of their token, and for a
 * resident the tags the registry gives them. A resident's tags are read where onboarding linked
 * their account (its membership, one GetItem) and in their record (one GetItem); an account
 * linked to no active resident of the caller's community has none, and no {@code residentId}.
 */
final class Readers {
    record Reader(Set<String> grids, Set<String> tags, String residentId) {}

    private final AccountStore accounts;
    private final ResidentStore residents;

    Readers(AccountStore accounts, ResidentStore residents) {
        this.accounts = accounts;
        this.residents = residents;
    }

    Reader of(Caller caller) {
        if (!caller.is(Role.RESIDENT)) return new Reader(caller.gridIds(), Set.of(), null);
        return accounts.membership(caller.sub())
                .filter(m -> caller.communityId().equals(m.communityId()) && m.residentId() != null)
                .flatMap(m -> residents.get(caller.communityId(), m.residentId()))
                .filter(Resident::active)
                .map(r -> new Reader(caller.gridIds(), Set.copyOf(r.tags()), r.residentId()))
                .orElse(new Reader(caller.gridIds(), Set.of(), null));
    }
}
