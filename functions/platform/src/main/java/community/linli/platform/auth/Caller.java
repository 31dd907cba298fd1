package community.linli.platform.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import community.linli.platform.http.Problem;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is calling, read from the JWT claims that the HTTP API's JWT authorizer has already verified.
 *
 * <p>Claims, as our issuer (AuthFunction) writes them: {@code sub}, the account id;
 * {@code groups}, the roles (API Gateway renders a list claim as {@code [a b]});
 * {@code community_id}; {@code grid_ids}, also a list; for an account onboarding linked to a
 * registered resident, {@code resident_id} and {@code household_id}; for one linked to a member of
 * the staff registry, {@code staff_id} (each null otherwise, or when not an id). Without verified
 * claims the call is 401; with no community it is 403, since such an account may see nothing.
 */
public record Caller(String sub, String communityId, Set<Role> roles, Set<String> gridIds, String residentId, String householdId,
                     String staffId) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        gridIds = Set.copyOf(gridIds);
    }

    /** A caller linked to no registered resident and no member of the staff registry. */
    public Caller(String sub, String communityId, Set<Role> roles, Set<String> gridIds) {
        this(sub, communityId, roles, gridIds, null, null, null);
    }

    public static Caller of(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        String community = claims.get("community_id");
        if (blank(community) || !ID.matcher(community).matches()) throw Problem.forbidden("no_community");

        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : list(claims.get("groups"))) {
            Role role = Role.ofGroup(group);
            if (role != null) roles.add(role);
        }
        Set<String> grids = new LinkedHashSet<>();
        for (String grid : list(claims.get("grid_ids"))) {
            if (ID.matcher(grid).matches()) grids.add(grid);
        }
        return new Caller(claims.get("sub"), community, roles, grids, id(claims.get("resident_id")), id(claims.get("household_id")),
                id(claims.get("staff_id")));
    }

    /** The verified account id alone, for routes an account may call before it belongs to a community. */
    public static String subject(APIGatewayV2HTTPEvent event) {
        return claims(event).get("sub");
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        if (claims == null || blank(claims.get("sub"))) throw Problem.unauthorized();
        return claims;
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Staff and admins act for the whole community. */
    public boolean isStaff() {
        return roles.contains(Role.STAFF) || roles.contains(Role.ADMIN);
    }

    public boolean isGridWorker() {
        return roles.contains(Role.GRID_WORKER);
    }

    public boolean coversGrid(String gridId) {
        return isStaff() || (gridId != null && gridIds.contains(gridId));
    }

    /** This caller, if they hold any of {@code anyOf}; else 403. */
    public Caller require(Role... anyOf) {
        for (Role role : anyOf) {
            if (roles.contains(role)) return this;
        }
        throw Problem.forbidden("role_required");
    }

    /** This caller, if they belong to any group at all; an account in no group may do nothing. */
    public Caller requireMember() {
        return require(Role.values());
    }

    /** Parses "[a b]", "a,b", "a b" and JSON-style ["a","b"] into items. */
    static Set<String> list(String raw) {
        Set<String> out = new LinkedHashSet<>();
        if (blank(raw)) return out;
        String trimmed = raw.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) trimmed = trimmed.substring(1, trimmed.length() - 1);
        Arrays.stream(trimmed.split("[,\\s]+"))
                .map(s -> s.replace("\"", "").trim())
                .filter(s -> !s.isEmpty())
                .forEach(out::add);
        return out;
    }

    private static String id(String claim) {
        return claim != null && ID.matcher(claim).matches() ? claim : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
