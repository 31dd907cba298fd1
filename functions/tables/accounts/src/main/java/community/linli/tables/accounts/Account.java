package community.linli.tables.accounts;

import community.linli.platform.auth.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One person who signed in with WeChat. {@code id} is our own opaque id, the {@code sub} of their
 * tokens; the WeChat openid is never part of it. {@code communityId} is null and {@code roles}
 * empty until staff registration or onboarding binds the account to a community.
 * {@code residentId} and {@code householdId} are the registered resident onboarding linked the
 * account to and their household, null for any other account; its tokens carry them.
 * {@code staffId} is the staff registry's member the account's verified phone linked it to; null
 * for residents.
 */
public record Account(String id, String communityId, Set<Role> roles, List<String> gridIds, String residentId, String householdId,
                      String staffId) {
    public Account {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        gridIds = List.copyOf(gridIds);
    }

    /** An account linked to no registered resident and no member of the staff registry. */
    public Account(String id, String communityId, Set<Role> roles, List<String> gridIds) {
        this(id, communityId, roles, gridIds, null, null, null);
    }

    /** A fresh account, in no community and no group. */
    public static Account unbound(String id) {
        return new Account(id, null, Set.of(), List.of());
    }

    /** The same account with the role, community and grids of a registered staff member or grid worker. */
    public Account boundTo(String community, Set<Role> newRoles, List<String> grids) {
        return new Account(id, community, newRoles, grids);
    }
}
