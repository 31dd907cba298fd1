package community.linli.tables.requests;

/** Who handles a request: a grid worker (网格员) or a staff member, by their account subject. */
public record Assignee(String sub, String role, String name) {
    public static final String GRID_WORKER = "grid_worker";
    public static final String STAFF = "staff";
}
