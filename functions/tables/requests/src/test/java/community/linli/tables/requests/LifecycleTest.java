package community.linli.tables.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.platform.auth.Caller;
import community.linli.platform.http.Problem;
import community.linli.testkit.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The state machine without AWS: every move from every status, and who may take each. */
class LifecycleTest {
    /** Action → the statuses it may start from, as README's diagram and the API contract promise. */
    static final Map<Lifecycle.Action, String> ALLOWED_FROM = new LinkedHashMap<>();

    static {
        ALLOWED_FROM.put(Lifecycle.Action.ASSIGN, "accepted assigned in_progress reopened");
        ALLOWED_FROM.put(Lifecycle.Action.START, "assigned reopened");
        ALLOWED_FROM.put(Lifecycle.Action.SEND_BACK, "assigned in_progress reopened");
        ALLOWED_FROM.put(Lifecycle.Action.RESOLVE, "accepted assigned in_progress reopened");
        ALLOWED_FROM.put(Lifecycle.Action.REJECT, "accepted assigned");
        ALLOWED_FROM.put(Lifecycle.Action.CONFIRM, "resolved");
        ALLOWED_FROM.put(Lifecycle.Action.REOPEN, "resolved");
        ALLOWED_FROM.put(Lifecycle.Action.CLOSE, "resolved");
        ALLOWED_FROM.put(Lifecycle.Action.EDIT, "accepted assigned in_progress reopened");
        ALLOWED_FROM.put(Lifecycle.Action.NOTE, "accepted assigned in_progress resolved reopened closed rejected");
        ALLOWED_FROM.put(Lifecycle.Action.RATE, "resolved closed");
    }

    /** Action → who may take it, in the order requester, otherResident, assignee, gridWorkerOfItsGrid, gridWorkerElsewhere, staff, admin, ungrouped. */
    static final Map<Lifecycle.Action, String> WHO = new LinkedHashMap<>();

    static {
        //                                               req  other asgn gwGrid gwElse staff admin none
        WHO.put(Lifecycle.Action.ASSIGN,    "-    -     -    -      -      +     +     -");
        WHO.put(Lifecycle.Action.START,     "-    -     +    -      -      +     +     -");
        WHO.put(Lifecycle.Action.SEND_BACK, "-    -     +    -      -      +     +     -");
        WHO.put(Lifecycle.Action.RESOLVE,   "-    -     +    -      -      +     +     -");
        WHO.put(Lifecycle.Action.REJECT,    "-    -     -    -      -      +     +     -");
        WHO.put(Lifecycle.Action.CONFIRM,   "+    -     -    -      -      -     -     -");
        WHO.put(Lifecycle.Action.REOPEN,    "+    -     -    -      -      -     -     -");
        WHO.put(Lifecycle.Action.CLOSE,     "-    -     -    -      -      +     +     -");
        WHO.put(Lifecycle.Action.EDIT,      "-    -     -    -      -      +     +     -");
        WHO.put(Lifecycle.Action.NOTE,      "-    -     +    +      -      +     +     -");
        WHO.put(Lifecycle.Action.RATE,      "+    -     -    -      -      -     -     -");
    }

    static final List<Supplier<Caller>> CALLERS = List.of(Samples::requester, Samples::otherResident, Samples::assignee,
            Samples::gridWorkerOfItsGrid, Samples::gridWorkerElsewhere, Samples::staff, Samples::admin, Samples::ungrouped);

    static Stream<Arguments> everyMoveFromEveryStatus() {
        return ALLOWED_FROM.keySet().stream().flatMap(move -> Arrays.stream(Status.values()).map(status -> Arguments.of(move, status)));
    }

    @Test
    void theTables_coverEveryAction() {
        assertThat(ALLOWED_FROM.keySet()).containsExactlyInAnyOrder(Lifecycle.Action.values());
        assertThat(WHO.keySet()).containsExactlyInAnyOrder(Lifecycle.Action.values());
    }

    @Test
    void theTransitionsRoute_takesOnlyStatusMoves() {
        assertThat(Lifecycle.Action.WIRE).containsExactly("assign", "start", "send_back", "resolve", "reject", "confirm", "reopen", "close");
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyMoveFromEveryStatus")
    void next_fromEachStatus_leadsOnOrIsRefusedWith409(Lifecycle.Action move, Status status) {
        ResidentRequest request = Samples.at(status);
        boolean allowed = List.of(ALLOWED_FROM.get(move).split(" ")).contains(status.wire());

        if (allowed) {
            Status next = Lifecycle.next(move, request, Samples.FILED.plusSeconds(120));
            assertThat(next).isEqualTo(move.to == null ? status : move.to);
        } else {
            assertThatThrownBy(() -> Lifecycle.next(move, request, Samples.FILED.plusSeconds(120)))
                    .isInstanceOfSatisfying(Problem.class, p -> {
                        assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT);
                        assertThat(p.detailCode()).isEqualTo("invalid_transition");
                        assertThat(p.detailArgs()).containsEntry("status", status.wire()).containsEntry("action", move.wire());
                    });
        }
    }

    static Stream<Arguments> everyMoveForEveryCaller() {
        return WHO.keySet().stream().flatMap(move -> java.util.stream.IntStream.range(0, CALLERS.size())
                .mapToObj(i -> Arguments.of(move, i)));
    }

    @ParameterizedTest(name = "{0} by caller #{1}")
    @MethodSource("everyMoveForEveryCaller")
    void authorize_letsOnlyWhoTheMoveNames_andRefusesOthersWith403(Lifecycle.Action move, int callerIndex) {
        Caller caller = CALLERS.get(callerIndex).get();
        ResidentRequest request = Samples.at(Status.RESOLVED);
        boolean allowed = WHO.get(move).split("\\s+")[callerIndex].equals("+");

        assertThat(Lifecycle.mayTake(caller, move, request)).isEqualTo(allowed);
        if (allowed) {
            Lifecycle.authorize(caller, move, request);
        } else {
            assertThatThrownBy(() -> Lifecycle.authorize(caller, move, request))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        }
    }

    @Test
    void authorize_namesWhatTheCallerLacks() {
        ResidentRequest request = Samples.at(Status.ASSIGNED);

        assertThat(refusal(Samples.gridWorkerOfItsGrid(), Lifecycle.Action.ASSIGN, request)).isEqualTo("role_required");
        assertThat(refusal(Samples.gridWorkerOfItsGrid(), Lifecycle.Action.START, request)).isEqualTo("not_assignee");
        assertThat(refusal(Samples.staff(), Lifecycle.Action.RATE, request)).isEqualTo("not_requester");
        assertThat(refusal(Samples.requester(), Lifecycle.Action.NOTE, request)).isEqualTo("role_required");
    }

    @Test
    void whoMayTakeAMove_neverDependsOnTheStatus() {
        for (Lifecycle.Action move : WHO.keySet()) {
            for (Supplier<Caller> caller : CALLERS) {
                Set<Boolean> answers = new HashSet<>();
                for (Status status : Status.values()) answers.add(Lifecycle.mayTake(caller.get(), move, Samples.at(status)));

                assertThat(answers).as("%s by %s", move, caller.get().sub()).hasSize(1);
            }
        }
    }

    @Test
    void whoRoles_areWhatAnyoneAmongThemHolds() {
        for (Lifecycle.Action move : WHO.keySet()) {
            for (Supplier<Caller> supplier : CALLERS) {
                Caller caller = supplier.get();
                if (Lifecycle.mayTake(caller, move, Samples.at(Status.RESOLVED))) {
                    assertThat(caller.roles()).as("%s by %s", move, caller.sub()).containsAnyElementsOf(move.who.roles);
                }
            }
        }
    }

    @Test
    void reopen_afterSevenDays_isRefusedWith409() {
        ResidentRequest resolved = Samples.at(Status.RESOLVED).change(Samples.FILED)
                .resolution(new Resolution("修好了", List.of(), Samples.ASSIGNEE, Samples.FILED)).build();
        Instant late = Samples.FILED.plus(Lifecycle.REOPEN_WINDOW).plus(Duration.ofMinutes(1));

        assertThat(Lifecycle.next(Lifecycle.Action.REOPEN, resolved, Samples.FILED.plus(Duration.ofDays(6)))).isEqualTo(Status.REOPENED);
        assertThatThrownBy(() -> Lifecycle.next(Lifecycle.Action.REOPEN, resolved, late))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detailCode()).isEqualTo("reopen_window_closed"));
    }

    @Test
    void rate_whenRatedAlready_isRefusedWith409() {
        ResidentRequest rated = Samples.at(Status.CLOSED).change(Samples.FILED).rating(new Rating(5, null, Samples.FILED)).build();

        assertThatThrownBy(() -> Lifecycle.next(Lifecycle.Action.RATE, rated, Samples.FILED))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detailCode()).isEqualTo("already_rated"));
    }

    @Test
    void event_ofAnAssignment_isATransferWhenSomeoneHadIt() {
        assertThat(Lifecycle.event(Lifecycle.Action.ASSIGN, Samples.filed())).isEqualTo(EventKind.ASSIGNED);
        assertThat(Lifecycle.event(Lifecycle.Action.ASSIGN, Samples.at(Status.ASSIGNED))).isEqualTo(EventKind.TRANSFERRED);
        assertThat(Lifecycle.event(Lifecycle.Action.SEND_BACK, Samples.at(Status.ASSIGNED))).isEqualTo(EventKind.SENT_BACK);
    }

    /**
     * README's diagram ("The request lifecycle") against the machine: each arrow names moves
     * (a {@code transfer} is an assign), and every move that changes or keeps a status through
     * the transitions or the rating route is drawn, from every status it may start from.
     */
    @Test
    void readmesDiagram_drawsExactlyTheMovesOfTheMachine() throws IOException {
        String readme = Files.readString(Repo.file("README.md"));
        String diagram = readme.substring(readme.indexOf("stateDiagram-v2"), readme.indexOf("```", readme.indexOf("stateDiagram-v2")));
        Set<String> drawn = new HashSet<>();
        Matcher arrow = Pattern.compile("(\\w+) --> (\\w+): ([^\\n]*)").matcher(diagram);
        while (arrow.find()) {
            String label = arrow.group(3).replaceAll("\\(.*\\)", "").replace("transfer", "assign");
            for (String word : label.split("[^a-z_]+")) {
                if (Lifecycle.Action.WIRE.contains(word) || word.equals("rate")) {
                    drawn.add(arrow.group(1) + " " + word.toLowerCase(Locale.ROOT) + " " + arrow.group(2));
                }
            }
        }
        Set<String> machine = new HashSet<>();
        List<Lifecycle.Action> moves = new java.util.ArrayList<>(Lifecycle.Action.TRANSITIONS);
        moves.add(Lifecycle.Action.RATE);
        for (Lifecycle.Action move : moves) {
            for (Status from : move.from) machine.add(from.wire() + " " + move.wire() + " " + move.to.wire());
        }

        assertThat(drawn).containsExactlyInAnyOrderElementsOf(machine);
    }

    private static String refusal(Caller caller, Lifecycle.Action move, ResidentRequest request) {
        try {
            Lifecycle.authorize(caller, move, request);
            return null;
        } catch (Problem p) {
            return p.detailCode();
        }
    }
}
