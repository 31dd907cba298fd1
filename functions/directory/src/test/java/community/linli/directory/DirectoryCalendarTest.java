package community.linli.directory;

import static community.linli.testkit.ProblemBodies.assertProblem;
import static community.linli.testkit.ProblemBodies.codes;
import static community.linli.directory.DirectoryApi.fixtureBody;
import static community.linli.directory.DirectoryApi.getCalendar;
import static community.linli.testkit.ProblemBodies.json;
import static community.linli.directory.DirectoryApi.putCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.tables.directory.WorkCalendar;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(MotoExtension.class)
class DirectoryCalendarTest {
    static final String SPRING_FESTIVAL_EVE = "2026-02-16";
    static final String MOVED_SATURDAY = "2026-02-14";

    DirectoryApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
    }

    // ------------------------------------------------------------------ reading and writing

    @Test
    void getCalendar_ofAYearWithNoneStored_returnsTheMondayToFridayDefault() {
        var response = api.call(getCalendar("2027").as(Persona.staff()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("year").asInt()).isEqualTo(2027);
        assertThat(body.get("holidays")).isEmpty();
        assertThat(body.get("workdays")).isEmpty();
        assertThat(body.get("default").asBoolean()).isTrue();
    }

    @Test
    void getCalendar_ofAYearWithNoneStored_butAScheduleShipped_returnsTheStateCouncilsWithItsSource() {
        var response = api.call(getCalendar("2026").as(Persona.staff()));

        JsonNode body = json(response);
        assertThat(body.get("default").asBoolean()).isTrue();
        assertThat(body.get("source").asText()).startsWith("国务院办公厅关于2026年部分节假日安排的通知");
        assertThat(body.get("sourceEn").asText()).contains("Public Holidays in 2026");
        assertThat(dates(body.get("holidays"))).hasSize(33).contains("2026-01-01", "2026-02-15", "2026-10-07")
                .doesNotContain("2026-10-08");
        assertThat(dates(body.get("workdays"))).containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                "2026-09-20", "2026-10-10");
    }

    @Test
    void putCalendar_asAdmin_storesItAndReturnsItWithTheDatesInOrder() {
        List<String> holidays = new ArrayList<>(List.of("2026-10-01", "2026-01-01", SPRING_FESTIVAL_EVE));
        var body = Map.of("holidays", holidays, "workdays", List.of("2026-10-10", MOVED_SATURDAY));

        var response = api.call(putCalendar("2026", body).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(dates(json(response).get("holidays"))).containsExactly("2026-01-01", SPRING_FESTIVAL_EVE, "2026-10-01");
        assertThat(dates(json(response).get("workdays"))).containsExactly(MOVED_SATURDAY, "2026-10-10");
        assertThat(json(response).get("default").asBoolean()).isFalse();
    }

    @Test
    void putCalendar_thenGetCalendar_returnsWhatWasStored() {
        api.call(putCalendar("2026", fixtureBody("directory-put-calendar.json")).as(Persona.admin()));

        var response = api.call(getCalendar("2026").as(Persona.staff()));

        assertThat(json(response).get("default").asBoolean()).isFalse();
        assertThat(dates(json(response).get("holidays"))).hasSize(12).contains(SPRING_FESTIVAL_EVE);
        assertThat(dates(json(response).get("workdays"))).containsExactly(MOVED_SATURDAY, "2026-02-28", "2026-09-20", "2026-10-10");
    }

    @Test
    void putCalendar_again_replacesTheWholeCalendar() {
        api.call(putCalendar("2026", fixtureBody("directory-put-calendar.json")).as(Persona.admin()));

        api.call(putCalendar("2026", Map.of("holidays", List.of("2026-05-01"), "workdays", List.of())).as(Persona.admin()));

        JsonNode stored = json(api.call(getCalendar("2026").as(Persona.admin())));
        assertThat(dates(stored.get("holidays"))).containsExactly("2026-05-01");
        assertThat(stored.get("workdays")).isEmpty();
    }

    @Test
    void putCalendar_isTheCalendarWorkingDayLimitsCountOn() {
        api.call(putCalendar("2026", fixtureBody("directory-put-calendar.json")).as(Persona.admin()));

        WorkCalendar calendar = api.store.lookup("demo", null, null, List.of(2026)).calendar(2026);

        assertThat(calendar.isWorkingDay(LocalDate.parse(SPRING_FESTIVAL_EVE))).as("a Monday holiday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse(MOVED_SATURDAY))).as("a Saturday moved to work").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-02"))).as("an ordinary Monday").isTrue();
    }

    @Test
    void putCalendar_with60DatesInEachList_isAccepted() {
        var body = Map.of("holidays", days("2026-01-01", 60), "workdays", days("2026-06-01", 60));

        var response = api.call(putCalendar("2026", body).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("holidays")).hasSize(60);
    }

    @Test
    void putCalendar_withEmptyLists_storesACalendarThatIsNoLongerTheDefault() {
        var response = api.call(putCalendar("2030", Map.of("holidays", List.of(), "workdays", List.of())).as(Persona.admin()));

        assertThat(json(response).get("default").asBoolean()).isFalse();
        assertThat(json(api.call(getCalendar("2030").as(Persona.staff()))).get("default").asBoolean()).isFalse();
    }

    // ------------------------------------------------------------------ who may read and write

    @Test
    void getCalendar_asAdmin_returns200() {
        assertThat(api.call(getCalendar("2026").as(Persona.admin())).getStatusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"residents", "grid-workers"})
    void getCalendar_asResidentOrGridWorker_returns403(String group) {
        var response = api.call(getCalendar("2026").as(new Persona("someone", "demo", List.of(group), List.of("G03"))));

        assertProblem(response, 403);
    }

    @Test
    void getCalendar_byAnAccountInNoGroup_returns403() {
        assertProblem(api.call(getCalendar("2026").as(Persona.ungrouped())), 403);
    }

    @Test
    void getCalendar_withoutVerifiedClaims_returns401() {
        assertProblem(api.call(getCalendar("2026").anonymous()), 401);
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"residents", "grid-workers", "staff"})
    void putCalendar_asAnyoneButAnAdmin_returns403AndWritesNothing(String group) {
        var before = api.items();

        var response = api.call(putCalendar("2026", fixtureBody("directory-put-calendar.json"))
                .as(new Persona("someone", "demo", List.of(group), List.of())));

        assertProblem(response, 403);
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCalendar_withoutVerifiedClaims_returns401AndWritesNothing() {
        var before = api.items();

        var response = api.call(putCalendar("2026", fixtureBody("directory-put-calendar.json")).anonymous());

        assertProblem(response, 401);
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCalendar_byAnAdminOfAnotherCommunity_leavesThisCommunitysYearUnset() {
        api.call(putCalendar("2026", fixtureBody("directory-put-calendar.json")).as(Persona.admin().inCommunity("other")));

        var response = api.call(getCalendar("2026").as(Persona.staff()));

        assertThat(json(response).get("default").asBoolean()).isTrue();
        assertThat(json(api.call(getCalendar("2026").as(Persona.staff().inCommunity("other")))).get("default").asBoolean()).isFalse();
    }

    // ------------------------------------------------------------------ bad input: 400 naming the field, nothing written

    @ParameterizedTest(name = "year \"{0}\"")
    @ValueSource(strings = {"1999", "2101", "0", "abc", "20x6", "-2026", "2026.0"})
    void getCalendar_withAYearOutside2000To2100_returns400NamingYear(String year) {
        var response = api.call(getCalendar(year).as(Persona.staff()));

        assertProblem(response, 400, "year");
    }

    @ParameterizedTest(name = "year \"{0}\"")
    @ValueSource(strings = {"1999", "2101", "next"})
    void putCalendar_withAYearOutside2000To2100_returns400NamingYearAndWritesNothing(String year) {
        var before = api.items();

        var response = api.call(putCalendar(year, Map.of("holidays", List.of(), "workdays", List.of())).as(Persona.admin()));

        assertProblem(response, 400, "year");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCalendar_atTheEdgesOfTheAllowedYears_isAccepted() {
        assertThat(api.call(putCalendar("2000", Map.of("holidays", List.of("2000-01-03"), "workdays", List.of()))
                .as(Persona.admin())).getStatusCode()).isEqualTo(200);
        assertThat(api.call(putCalendar("2100", Map.of("holidays", List.of("2100-12-31"), "workdays", List.of()))
                .as(Persona.admin())).getStatusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"2026-13-01", "2026-02-30", "2026/10/01", "2026-1-5", "26-10-01", "2026-10-01T00:00", "", "十月一日"})
    void putCalendar_withSomethingThatIsNotADate_returns400NamingItsPlace(String notADate) {
        var before = api.items();

        var response = api.call(putCalendar("2026", Map.of("holidays", List.of("2026-01-01", notADate), "workdays", List.of()))
                .as(Persona.admin()));

        assertProblem(response, 400, "holidays[1]");
        assertThat(codes(response)).containsExactly("date");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCalendar_withADateOfAnotherYear_returns400NamingItsPlace() {
        var body = Map.of("holidays", List.of("2026-01-01", "2026-02-16", "2026-02-17", "2027-02-18"), "workdays", List.of("2025-12-28"));

        var response = api.call(putCalendar("2026", body).as(Persona.admin()));

        assertProblem(response, 400, "holidays[3]", "workdays[0]");
        assertThat(codes(response)).containsOnly("not_in_year");
        assertThat(json(response).at("/errors/0/message").asText()).isEqualTo("必须是 2026 年内的日期");
    }

    @Test
    void putCalendar_withADateInBothLists_returns400NamingTheWorkday() {
        var body = Map.of("holidays", List.of("2026-10-01", "2026-10-02"), "workdays", List.of("2026-10-10", "2026-10-02"));

        var response = api.call(putCalendar("2026", body).as(Persona.admin()));

        assertProblem(response, 400, "workdays[1]");
        assertThat(codes(response)).containsExactly("in_both_lists");
    }

    @Test
    void putCalendar_withARepeatedDate_returns400NamingTheRepeat() {
        var body = Map.of("holidays", List.of("2026-10-01", "2026-10-02", "2026-10-01"), "workdays", List.of());

        var response = api.call(putCalendar("2026", body).as(Persona.admin()));

        assertProblem(response, 400, "holidays[2]");
        assertThat(codes(response)).containsExactly("duplicate_items");
    }

    @Test
    void putCalendar_with61Holidays_returns400NamingTheList() {
        var body = Map.of("holidays", days("2026-01-01", 61), "workdays", List.of());

        var response = api.call(putCalendar("2026", body).as(Persona.admin()));

        assertProblem(response, 400, "holidays");
        assertThat(codes(response)).containsExactly("max_items");
    }

    @Test
    void putCalendar_withoutWorkdays_returns400NamingWorkdaysSoAForgottenListNeverWipesTheStoredOne() {
        var response = api.call(putCalendar("2026", Map.of("holidays", List.of("2026-10-01"))).as(Persona.admin()));

        assertProblem(response, 400, "workdays");
    }

    @Test
    void putCalendar_withANullDate_returns400NamingItsPlace() {
        var response = api.call(putCalendar("2026", Map.of("holidays", Arrays.asList("2026-10-01", null), "workdays", List.of()))
                .as(Persona.admin()));

        assertProblem(response, 400, "holidays[1]");
    }

    @Test
    void putCalendar_withAnInvalidYearAndAnInvalidBody_namesBothInOneRound() {
        var response = api.call(putCalendar("1999", Map.of("holidays", List.of("yesterday"))).as(Persona.admin()));

        assertProblem(response, 400, "year", "holidays[0]", "workdays");
    }

    @Test
    void putCalendar_asFormData_returns415() {
        var response = api.call(putCalendar("2026", Map.of()).as(Persona.admin()).header("content-type", "text/plain"));

        assertProblem(response, 415, "Content-Type");
    }

    // ------------------------------------------------------------------ helpers

    static List<String> dates(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(d -> out.add(d.asText()));
        return out;
    }

    static List<String> days(String first, int count) {
        LocalDate start = LocalDate.parse(first);
        return IntStream.range(0, count).mapToObj(i -> start.plusDays(i).toString()).toList();
    }
}
