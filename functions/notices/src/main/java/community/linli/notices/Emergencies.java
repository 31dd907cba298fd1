package community.linli.notices;

import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.csv.CsvWriter;
import community.linli.platform.http.Check;
import community.linli.platform.http.Http;
import community.linli.platform.http.Problem;
import community.linli.tables.directory.Answers;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Grid;
import community.linli.tables.directory.Question;
import community.linli.tables.directory.QuestionBody;
import community.linli.tables.notices.AudienceKind;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.notices.NoticeStore;
import community.linli.tables.residents.ResidentStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Emergency notices and the households they reach (紧急通知·登记). A resident linked to a
 * registered household (the token's {@code household_id}) acknowledges a live emergency notice
 * for their household, once, and answers its form, correcting the answer until the notice closes
 * (expires or is withdrawn). Staff and admins see the dashboard of every grid the notice
 * addresses, grid workers that of their own grids: the households the registry has there, those
 * that acknowledged and answered, and the doors still to knock on; and they export the answers
 * as CSV with the questions' labels as headers.
 */
final class Emergencies {
    /** The most questions an emergency notice's form asks. */
    static final int MAX_QUESTIONS = 10;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);

    private final NoticeStore store;
    private final DirectoryStore directory;
    private final ResidentStore registry;
    private final Clock clock;

    Emergencies(NoticeStore store, DirectoryStore directory, ResidentStore registry, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.registry = registry;
        this.clock = clock;
    }

    /** The form as stored on the notice: the questions as sent, as JSON; null when there are none. */
    static String formJson(List<QuestionBody> form) {
        return form == null || form.isEmpty() ? null : Json.write(form);
    }

    /** The notice's form as the API shows it; null when it has none. */
    static List<QuestionBody> form(Notice notice) {
        return notice.form() == null ? null : List.of(Json.parse(notice.form(), QuestionBody[].class));
    }

    private static List<Question> questions(Notice notice) {
        List<QuestionBody> form = form(notice);
        return form == null ? List.of() : form.stream().map(QuestionBody::toQuestion).toList();
    }

    // ---------------------------------------------------------------- residents

    /**
     * The caller's household acknowledges the notice: 201, or 400 {@code already_acknowledged} the
     * second time (by any member). Two round trips: the notice's GetItem and one
     * TransactWriteItems; the household is the token's, so nothing else is read.
     */
    HouseholdsView.Acknowledged acknowledge(Caller caller, String noticeId) {
        String household = household(caller);
        Notice notice = openFor(caller, noticeId);
        Instant now = now();
        try {
            store.acknowledge(notice, household, gridOf(caller), caller.sub(), now);
        } catch (NoticeStore.AlreadyAcknowledged already) {
            throw Problem.invalid("id", "already_acknowledged");
        } catch (NoticeStore.NoticeChanged closed) {
            throw Problem.invalid("id", "notice_closed");
        }
        Log.info("notices.acknowledged", "communityId", caller.communityId(), "noticeId", noticeId, "gridId", gridOf(caller));
        return new HouseholdsView.Acknowledged(noticeId, household, now);
    }

    /**
     * The caller's household answers the notice's form, or corrects its answer: 200. Each answer is
     * checked against its question as a request's are against its category's. Two round trips:
     * the notice's GetItem and one TransactWriteItems.
     */
    HouseholdsView.Answered answer(Caller caller, String noticeId, Supplier<AnswerBody> read) {
        String household = household(caller);
        Notice notice = openFor(caller, noticeId);
        AnswerBody body = read.get();
        List<Question> questions = questions(notice);
        if (questions.isEmpty()) throw Problem.invalid("answers", "no_form");
        Check check = Check.of();
        Answers.check(check, questions, body.answers(), "");
        check.done();
        Instant now = now();
        try {
            store.answer(notice, household, gridOf(caller), Json.write(body.answers()), caller.sub(), now);
        } catch (NoticeStore.NoticeChanged closed) {
            throw Problem.invalid("id", "notice_closed");
        }
        Log.info("notices.answered", "communityId", caller.communityId(), "noticeId", noticeId, "gridId", gridOf(caller));
        return new HouseholdsView.Answered(noticeId, household, body.answers(), now);
    }

    /** The caller's household's answer, as last corrected: one BatchGetItem. 404 when it has none. */
    HouseholdsView.Answered myAnswer(Caller caller, String noticeId) {
        String household = household(caller);
        var found = store.getWithAnswer(caller.communityId(), noticeId, household)
                .filter(f -> f.getKey().kind() == NoticeKind.EMERGENCY && visibleTo(caller, f.getKey()))
                .flatMap(Map.Entry::getValue)
                .orElseThrow(Problem::notFound);
        return new HouseholdsView.Answered(noticeId, household, answersOf(found.answers()), found.at());
    }

    // ---------------------------------------------------------------- staff and grid workers

    /**
     * Per grid the caller may see (optionally one, {@code gridId}): the households of the registry,
     * how many acknowledged and answered, and those that did not acknowledge, in address order.
     */
    HouseholdsView.Dashboard dashboard(Caller caller, String noticeId, Supplier<Map<String, String>> query) {
        Scope scope = scope(caller, noticeId, query);
        NoticeStore.Households done = store.households(caller.communityId(), noticeId);
        Set<String> acknowledged = done.acknowledgements().stream().map(NoticeStore.Acknowledgement::householdId).collect(Collectors.toSet());
        Set<String> answered = done.answers().stream().map(NoticeStore.Answer::householdId).collect(Collectors.toSet());
        List<HouseholdsView.Grid> grids = new ArrayList<>();
        int reached = 0;
        int acks = 0;
        int answers = 0;
        for (String gridId : scope.grids()) {
            List<ResidentStore.PlacedHousehold> households = registry.householdsOfGrid(caller.communityId(), gridId);
            int gridAcks = (int) households.stream().filter(h -> acknowledged.contains(h.householdId())).count();
            int gridAnswers = (int) households.stream().filter(h -> answered.contains(h.householdId())).count();
            List<HouseholdsView.Door> doors = households.stream().filter(h -> !acknowledged.contains(h.householdId()))
                    .map(h -> new HouseholdsView.Door(h.householdId(), h.address().buildingId(), h.address().unitId(), h.address().roomId()))
                    .toList();
            grids.add(new HouseholdsView.Grid(gridId, households.size(), gridAcks, gridAnswers, doors));
            reached += households.size();
            acks += gridAcks;
            answers += gridAnswers;
        }
        return new HouseholdsView.Dashboard(noticeId, grids, new HouseholdsView.Totals(reached, acks, answers));
    }

    /**
     * The answers of the households of the grids the caller may see (optionally one), as CSV:
     * grid, building, unit, room, the time of the answer (China time), then one column per
     * question headed by its label; a multiple choice's options joined by 、.
     */
    Http.Response answersCsv(Caller caller, String noticeId, Supplier<Map<String, String>> query) {
        Scope scope = scope(caller, noticeId, query);
        List<Question> questions = questions(scope.notice());
        NoticeStore.Households done = store.households(caller.communityId(), noticeId);
        Map<String, ResidentStore.PlacedHousehold> places = new HashMap<>();
        Set<String> grids = new HashSet<>(scope.grids());
        for (String gridId : scope.grids()) {
            registry.householdsOfGrid(caller.communityId(), gridId).forEach(h -> places.put(h.householdId(), h));
        }
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("网格", "楼栋", "单元", "房号", "填写时间"));
        questions.forEach(q -> header.add(q.label()));
        lines.add(header);
        done.answers().stream().filter(a -> grids.contains(a.gridId())).forEach(a -> {
            var place = places.get(a.householdId());
            List<String> line = new ArrayList<>(List.of(a.gridId(), place == null ? "" : place.address().buildingId(),
                    place == null ? "" : place.address().unitId(), place == null ? "" : place.address().roomId(), CSV_TIME.format(a.at())));
            Map<String, Object> given = answersOf(a.answers());
            questions.forEach(q -> line.add(cell(given.get(q.id()))));
            lines.add(line);
        });
        Log.info("notices.answers_exported", "communityId", caller.communityId(), "noticeId", noticeId, "rows", lines.size() - 1);
        return Http.binary(CsvWriter.write(lines), "text/csv; charset=utf-8",
                Map.of("Content-Disposition", "attachment; filename=\"answers-" + noticeId + ".csv\""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answersOf(String json) {
        return Json.parse(json, Map.class);
    }

    private static String cell(Object answer) {
        if (answer == null) return "";
        if (answer instanceof List<?> choices) return choices.stream().map(String::valueOf).collect(Collectors.joining("、"));
        if (answer instanceof Number number) return new java.math.BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        return answer.toString();
    }

    /** The notice and the grids of it the caller may see. */
    private record Scope(Notice notice, List<String> grids) {}

    /**
     * Staff and admins: every grid the published emergency notice addresses (the community's
     * grids for a notice to the whole community); grid workers: those of their own grids, and 404
     * when the notice addresses none of them. {@code gridId} narrows it to one: 400
     * {@code unknown_grid} when the notice does not address it, 403 {@code grid_not_covered} when
     * it is another grid worker's. The query is read once the caller may see the notice.
     */
    private Scope scope(Caller caller, String noticeId, Supplier<Map<String, String>> query) {
        caller.require(Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        Notice notice = store.get(caller.communityId(), noticeId)
                .filter(n -> n.kind() == NoticeKind.EMERGENCY && n.status() != NoticeStatus.DRAFT)
                .filter(n -> caller.isStaff() || n.audience().reaches(caller.gridIds(), Set.of()))
                .orElseThrow(Problem::notFound);
        String gridId = query.get().get("gridId");
        List<String> addressed = notice.audience().kind() == AudienceKind.GRIDS ? notice.audience().gridIds()
                : directory.grids(caller.communityId()).stream().map(Grid::id).toList();
        if (gridId != null) {
            if (!addressed.contains(gridId)) throw Problem.invalid("gridId", "unknown_grid");
            if (!caller.coversGrid(gridId)) throw Problem.forbidden("grid_not_covered");
            return new Scope(notice, List.of(gridId));
        }
        return new Scope(notice, addressed.stream().filter(caller::coversGrid).sorted().toList());
    }

    // ---------------------------------------------------------------- helpers

    /** The caller's household: residents only (403 {@code role_required}), linked to a registered household (403 {@code household_required}). */
    private static String household(Caller caller) {
        caller.require(Role.RESIDENT);
        if (caller.householdId() == null || caller.gridIds().isEmpty()) throw Problem.forbidden("household_required");
        return caller.householdId();
    }

    /** The resident's grid: onboarding gives a resident account the one grid of its room. */
    private static String gridOf(Caller caller) {
        return caller.gridIds().stream().sorted().findFirst().orElseThrow();
    }

    /** Published, its time come, and addressed to the caller's grid. */
    private boolean visibleTo(Caller caller, Notice notice) {
        return notice.status() != NoticeStatus.DRAFT && !notice.publishAt().isAfter(now())
                && notice.audience().reaches(caller.gridIds(), Set.of());
    }

    /**
     * An emergency notice the caller's household may still act on: one GetItem. 404 when it is not
     * (yet) published for them; 400 naming {@code id} when it is no emergency notice
     * ({@code not_an_emergency}) or is closed ({@code notice_closed}).
     */
    private Notice openFor(Caller caller, String noticeId) {
        Notice notice = store.get(caller.communityId(), noticeId).filter(n -> visibleTo(caller, n)).orElseThrow(Problem::notFound);
        if (notice.kind() != NoticeKind.EMERGENCY) throw Problem.invalid("id", "not_an_emergency");
        if (notice.closedAt(now())) throw Problem.invalid("id", "notice_closed");
        return notice;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
