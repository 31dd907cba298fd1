package community.linli.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Someone who calls the API, as the JWT authorizer describes them: a subject (their account id),
 * groups (roles), a community, the grids they cover and, for an account linked to the staff registry, its
 * staff id. {@link #claims()} renders them the way API Gateway hands claims to a function (a list claim
 * becomes {@code [a b]}).
 */
public record Persona(String sub, String communityId, List<String> groups, List<String> gridIds, String staffId) {

    /** Someone linked to no member of the staff registry. */
    public Persona(String sub, String communityId, List<String> groups, List<String> gridIds) {
        this(sub, communityId, groups, gridIds, null);
    }

    public static Persona resident() {
        return new Persona(newSub("resident"), DemoCommunity.ID, List.of("residents"), List.of());
    }

    public static Persona gridWorker(String... grids) {
        return new Persona(newSub("grid-worker"), DemoCommunity.ID, List.of("grid-workers"), List.of(grids));
    }

    public static Persona staff() {
        return new Persona(newSub("staff"), DemoCommunity.ID, List.of("staff"), List.of());
    }

    public static Persona admin() {
        return new Persona(newSub("admin"), DemoCommunity.ID, List.of("admins"), List.of());
    }

    /** Nobody's group: an account that signed up but was never placed in a group. */
    public static Persona ungrouped() {
        return new Persona(newSub("nobody"), DemoCommunity.ID, List.of(), List.of());
    }

    public Persona inCommunity(String community) {
        return new Persona(sub, community, groups, gridIds, staffId);
    }

    public Persona withSub(String newSub) {
        return new Persona(newSub, communityId, groups, gridIds, staffId);
    }

    /** The same person, linked to the staff registry's member {@code id} (the token's {@code staff_id}). */
    public Persona withStaffId(String id) {
        return new Persona(sub, communityId, groups, gridIds, id);
    }

    public Map<String, String> claims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("groups", "[" + String.join(" ", groups) + "]");
        if (communityId != null) claims.put("community_id", communityId);
        claims.put("grid_ids", "[" + String.join(" ", gridIds) + "]");
        if (staffId != null) claims.put("staff_id", staffId);
        return claims;
    }

    private static String newSub(String role) {
        return role + "-" + UUID.randomUUID();
    }
}
