package community.linli.platform.auth;

/** The four roles, by the name they have in the {@code groups} claim of our tokens. */
public enum Role {
    RESIDENT("residents"),
    GRID_WORKER("grid-workers"),
    STAFF("staff"),
    ADMIN("admins");

    public final String group;

    Role(String group) {
        this.group = group;
    }

    public static Role ofGroup(String group) {
        for (Role role : values()) {
            if (role.group.equals(group)) return role;
        }
        return null;
    }
}
