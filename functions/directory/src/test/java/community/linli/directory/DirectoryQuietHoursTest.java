package community.linli.directory;

import static community.linli.directory.DirectoryApi.fixtureBody;
import static community.linli.directory.DirectoryApi.getQuietHours;
import static community.linli.directory.DirectoryApi.putQuietHours;
import static community.linli.testkit.ProblemBodies.assertProblem;
import static community.linli.testkit.ProblemBodies.codes;
import static community.linli.testkit.ProblemBodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.tables.directory.QuietHours;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /quiet-hours} and {@code PUT /quiet-hours}: the hours AlertsFunction holds non-urgent alerts in. */
@ExtendWith(MotoExtension.class)
class DirectoryQuietHoursTest {
    DirectoryApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
    }

    // ------------------------------------------------------------------ reading and writing

    @Test
    void getQuietHours_withNoneStored_returnsTenPmToSevenAm_asTheDefault() {
        var response = api.call(getQuietHours().as(Persona.staff()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("start").asText()).isEqualTo("22:00");
        assertThat(body.get("end").asText()).isEqualTo("07:00");
        assertThat(body.get("default").asBoolean()).isTrue();
    }

    @Test
    void putQuietHours_asAdmin_thenGet_returnsWhatWasStored_andIsWhatAlertsRead() {
        var put = api.call(putQuietHours(fixtureBody("directory-put-quiet-hours.json")).as(Persona.admin()));

        var get = api.call(getQuietHours().as(new Persona("someone", "demo", List.of("grid-workers"), List.of("G03"))));

        assertThat(put.getStatusCode()).isEqualTo(200);
        assertThat(json(put)).isEqualTo(json(get));
        assertThat(json(get).get("start").asText()).isEqualTo("22:30");
        assertThat(json(get).get("end").asText()).isEqualTo("06:30");
        assertThat(json(get).get("default").asBoolean()).isFalse();
        assertThat(api.store.quietHours("demo")).contains(new QuietHours(LocalTime.of(22, 30), LocalTime.of(6, 30)));
    }

    @Test
    void putQuietHours_withEqualStartAndEnd_isStored_asNoQuietHours() {
        var response = api.call(putQuietHours(Map.of("start", "00:00", "end", "00:00")).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(api.store.quietHours("demo").orElseThrow().quiet(java.time.Instant.parse("2026-11-30T15:00:00Z"))).isFalse();
    }

    @Test
    void putQuietHours_byAnAdminOfAnotherCommunity_leavesThisCommunitysDefault() {
        api.call(putQuietHours(Map.of("start", "21:00", "end", "08:00")).as(Persona.admin().inCommunity("other")));

        assertThat(json(api.call(getQuietHours().as(Persona.staff()))).get("default").asBoolean()).isTrue();
        assertThat(json(api.call(getQuietHours().as(Persona.staff().inCommunity("other")))).get("start").asText()).isEqualTo("21:00");
    }

    // ------------------------------------------------------------------ who may

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"staff", "admins", "grid-workers"})
    void getQuietHours_asStaffAdminOrGridWorker_returns200(String group) {
        var response = api.call(getQuietHours().as(new Persona("someone", "demo", List.of(group), List.of("G03"))));

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void getQuietHours_asResident_returns403() {
        assertProblem(api.call(getQuietHours().as(Persona.resident())), 403);
    }

    @Test
    void getQuietHours_byAnAccountInNoGroup_returns403() {
        assertProblem(api.call(getQuietHours().as(Persona.ungrouped())), 403);
    }

    @Test
    void getQuietHours_withoutVerifiedClaims_returns401() {
        assertProblem(api.call(getQuietHours().anonymous()), 401);
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"residents", "grid-workers", "staff"})
    void putQuietHours_asAnyoneButAnAdmin_returns403AndWritesNothing(String group) {
        var before = api.items();

        var response = api.call(putQuietHours(fixtureBody("directory-put-quiet-hours.json"))
                .as(new Persona("someone", "demo", List.of(group), List.of("G03"))));

        assertProblem(response, 403);
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putQuietHours_withoutVerifiedClaims_returns401AndWritesNothing() {
        var before = api.items();

        var response = api.call(putQuietHours(fixtureBody("directory-put-quiet-hours.json")).anonymous());

        assertProblem(response, 401);
        assertThat(api.items()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ bad input: 400 naming the field, nothing written

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"24:00", "7:00", "07:60", "07:00:00", "0700", "", "晚上十点", "-1:00"})
    void putQuietHours_withSomethingThatIsNotATimeOfDay_returns400NamingTheField(String notATime) {
        var before = api.items();

        var response = api.call(putQuietHours(Map.of("start", "22:00", "end", notATime)).as(Persona.admin()));

        assertProblem(response, 400, "end");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putQuietHours_withoutStartOrEnd_returns400NamingBoth() {
        var response = api.call(putQuietHours(Map.of()).as(Persona.admin()));

        assertProblem(response, 400, "start", "end");
        assertThat(codes(response)).containsOnly("required");
    }

    @Test
    void putQuietHours_withATimeAsANumber_returns400NamingIt() {
        var response = api.call(putQuietHours("{\"start\":2200,\"end\":\"07:00\"}").as(Persona.admin()));

        assertProblem(response, 400, "start");
    }

    @Test
    void putQuietHours_withAFieldTheApiDoesNotKnow_returns400NamingIt() {
        var response = api.call(putQuietHours(Map.of("start", "22:00", "end", "07:00", "timezone", "UTC")).as(Persona.admin()));

        assertProblem(response, 400, "timezone");
        assertThat(codes(response)).containsExactly("unknown_field");
    }
}
