package community.linli.tables.requests;

/**
 * Who handles a request: a member of the community's staff registry (a grid worker 网格员, a staff
 * member or an admin), by their staff id, with the role and name the registry gave them when the
 * request was handed to them.
 */
public record Assignee(String staffId, String role, String name) {
    public static final String GRID_WORKER = "grid_worker";
    public static final String STAFF = "staff";
    public static final String ADMIN = "admin";
}
