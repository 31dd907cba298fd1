package community.linli.tables.requests;

import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Named requests and callers for the plain unit tests: one request in grid G03, and the people around it. */
final class Samples {
    static final Instant FILED = Instant.parse("2026-11-28T08:15:30.123Z");
    static final String COMMUNITY = "demo";
    static final String REQUESTER = "resident-0001";
    /** The assignee's staff id; their account id (the token's sub) is another value. */
    static final String ASSIGNEE = "worker-g09";

    private Samples() {}

    static final Location AT_B0301 = new Location("G03", "B0301", "2", "1502", null, null, null);
    static final Location AT_A_POINT = new Location(null, null, null, null, 22.5431, 114.0579, "东门岗亭旁");

    /** Filed by {@link #REQUESTER} at building B0301 of grid G03, with everything a request can carry. */
    static ResidentRequest filed() {
        return filed(AT_B0301, false);
    }

    static ResidentRequest filed(Location where, boolean hideIdentity) {
        return new ResidentRequest(COMMUNITY, "261128-0001", REQUESTER, "elevator", "3号楼2单元电梯停了",
                where, Priority.HIGH, Priority.HIGH, "lf1.c2VhbGVk.aXY.Y2lwaGVy", List.of("uploads/demo/photo-1.jpg"),
                Map.of("floor", 7, "trapped", "无人被困"), hideIdentity,
                Status.ACCEPTED, null, FILED, FILED, FILED.plusSeconds(4 * 3600), null, null, 0, 1, false);
    }

    /** {@link #filed()}, assigned to {@link #ASSIGNEE} (a grid worker of another grid) and now at {@code status}. */
    static ResidentRequest at(Status status) {
        return assigned(filed(), status);
    }

    static ResidentRequest assigned(ResidentRequest request, Status status) {
        return request.change(FILED.plusSeconds(60)).status(status)
                .assignee(new Assignee(ASSIGNEE, Assignee.GRID_WORKER, "赵敏")).build();
    }

    static Caller requester() {
        return new Caller(REQUESTER, COMMUNITY, Set.of(Role.RESIDENT), Set.of());
    }

    static Caller otherResident() {
        return new Caller("resident-0002", COMMUNITY, Set.of(Role.RESIDENT), Set.of());
    }

    static Caller assignee() {
        return new Caller("acct-" + ASSIGNEE, COMMUNITY, Set.of(Role.GRID_WORKER), Set.of("G09"), null, null, ASSIGNEE);
    }

    static Caller gridWorkerOfItsGrid() {
        return new Caller("acct-worker-g03", COMMUNITY, Set.of(Role.GRID_WORKER), Set.of("G03"), null, null, "worker-g03");
    }

    static Caller gridWorkerElsewhere() {
        return new Caller("worker-g07", COMMUNITY, Set.of(Role.GRID_WORKER), Set.of("G07"));
    }

    static Caller staff() {
        return new Caller("staff-0001", COMMUNITY, Set.of(Role.STAFF), Set.of());
    }

    static Caller admin() {
        return new Caller("admin-0001", COMMUNITY, Set.of(Role.ADMIN), Set.of());
    }

    static Caller ungrouped() {
        return new Caller(REQUESTER, COMMUNITY, Set.of(), Set.of());
    }
}
