package community.linli.tables.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Problem;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who sees what of a request, without AWS. */
class AccessTest {
    private final ResidentRequest request = Samples.at(Status.ASSIGNED);
    private final ResidentRequest hiddenRequest = Samples.assigned(Samples.filed(Samples.AT_B0301, true), Status.ASSIGNED);

    @Test
    void canSee_theRequesterAndEveryoneWhoHandlesIt_andNobodyElse() {
        assertThat(Access.canSee(Samples.requester(), request)).isTrue();
        assertThat(Access.canSee(Samples.assignee(), request)).isTrue();
        assertThat(Access.canSee(Samples.gridWorkerOfItsGrid(), request)).isTrue();
        assertThat(Access.canSee(Samples.staff(), request)).isTrue();
        assertThat(Access.canSee(Samples.admin(), request)).isTrue();

        assertThat(Access.canSee(Samples.otherResident(), request)).isFalse();
        assertThat(Access.canSee(Samples.gridWorkerElsewhere(), request)).isFalse();
    }

    @Test
    void handlerSide_leavesOutTheRequester_whoSeesNoInternalNotes() {
        assertThat(Access.handlerSide(Samples.requester(), request)).isFalse();
        assertThat(Access.handlerSide(Samples.gridWorkerOfItsGrid(), request)).isTrue();
        assertThat(Access.handlerSide(Samples.assignee(), request)).isTrue();
    }

    @Test
    void aRequestWithoutGrid_isSeenByNoGridWorkerButItsAssignee() {
        ResidentRequest atAPoint = Samples.assigned(Samples.filed(Samples.AT_A_POINT, false), Status.ASSIGNED);
        Caller coversEveryGrid = new Caller("worker-all", Samples.COMMUNITY, Set.of(Role.GRID_WORKER), Set.of("G01", "G03", "G09"));

        assertThat(Access.canSee(coversEveryGrid, atAPoint)).isFalse();
        assertThat(Access.canSee(Samples.assignee(), atAPoint)).isTrue();
    }

    @Test
    void mayReadInternalNotes_onlyWhoCanBeOnTheHandlerSide() {
        assertThat(Access.mayReadInternalNotes(Samples.staff())).isTrue();
        assertThat(Access.mayReadInternalNotes(Samples.gridWorkerElsewhere())).isTrue();
        assertThat(Access.mayReadInternalNotes(Samples.requester())).isFalse();
        assertThat(Access.mayReadInternalNotes(Samples.ungrouped())).isFalse();
    }

    @Test
    void seesRequester_whenHidden_onlyTheRequesterAndStaff() {
        assertThat(Access.seesRequester(Samples.gridWorkerOfItsGrid(), request)).isTrue();

        assertThat(Access.seesRequester(Samples.requester(), hiddenRequest)).isTrue();
        assertThat(Access.seesRequester(Samples.staff(), hiddenRequest)).isTrue();
        assertThat(Access.seesRequester(Samples.gridWorkerOfItsGrid(), hiddenRequest)).isFalse();
        assertThat(Access.seesRequester(Samples.assignee(), hiddenRequest)).isFalse();
    }

    @Test
    void seesIdentityChoice_onlyTheRequesterAndStaff() {
        assertThat(Access.seesIdentityChoice(Samples.requester(), hiddenRequest)).isTrue();
        assertThat(Access.seesIdentityChoice(Samples.admin(), hiddenRequest)).isTrue();
        assertThat(Access.seesIdentityChoice(Samples.assignee(), hiddenRequest)).isFalse();
    }

    @Test
    void inbox_forStaff_isWhatTheyAskFor_theUnplacedQueueIncluded() {
        assertThat(Access.inbox(Samples.staff(), null, false, null)).isEqualTo(new Access.InboxScope(null, null));
        assertThat(Access.inbox(Samples.staff(), "G07", false, "worker-g07")).isEqualTo(new Access.InboxScope("G07", "worker-g07"));
        assertThat(Access.inbox(Samples.staff(), null, true, null)).isEqualTo(new Access.InboxScope(null, null));
    }

    @Test
    void inbox_forAGridWorkerOfOneGrid_defaultsToThatGrid() {
        assertThat(Access.inbox(Samples.gridWorkerOfItsGrid(), null, false, null)).isEqualTo(new Access.InboxScope("G03", null));
        assertThat(Access.inbox(Samples.gridWorkerOfItsGrid(), null, false, "worker-g03")).isEqualTo(new Access.InboxScope(null, "worker-g03"));
    }

    @Test
    void theAssignee_isKnownByTheStaffIdOnTheirToken_neverByTheirAccountId() {
        ResidentRequest request = Samples.at(Status.ASSIGNED);
        Caller subjectLikeTheStaffId = new Caller(Samples.ASSIGNEE, Samples.COMMUNITY, Set.of(Role.GRID_WORKER), Set.of("G09"));
        Caller unlinked = new Caller("acct-" + Samples.ASSIGNEE, Samples.COMMUNITY, Set.of(Role.GRID_WORKER), Set.of("G09"));

        assertThat(Access.handlerSide(Samples.assignee(), request)).isTrue();
        assertThat(Access.canSee(subjectLikeTheStaffId, request)).isFalse();
        assertThat(Access.canSee(unlinked, request)).isFalse();
        assertThat(Lifecycle.mayTake(unlinked, Lifecycle.Action.START, request)).isFalse();
        assertThat(Lifecycle.mayTake(Samples.assignee(), Lifecycle.Action.START, request)).isTrue();
    }

    @Test
    void inbox_forAGridWorker_refusesOtherGridsAndOtherAssignees() {
        assertThat(refusal(() -> Access.inbox(Samples.gridWorkerOfItsGrid(), "G07", false, null))).isEqualTo("403 grid_not_covered");
        assertThat(refusal(() -> Access.inbox(Samples.gridWorkerOfItsGrid(), null, false, "worker-g07"))).isEqualTo("403 role_required");
        assertThat(refusal(() -> Access.inbox(Samples.gridWorkerOfItsGrid(), null, true, null))).isEqualTo("403 role_required");
        Caller twoGrids = new Caller("worker-2", Samples.COMMUNITY, Set.of(Role.GRID_WORKER), Set.of("G01", "G02"));
        assertThat(refusal(() -> Access.inbox(twoGrids, null, false, null))).isEqualTo("400 validation");
    }

    private static String refusal(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(Problem.class);
        try {
            call.run();
            return null;
        } catch (Problem p) {
            return p.kind().status + " " + p.detailCode();
        }
    }
}
