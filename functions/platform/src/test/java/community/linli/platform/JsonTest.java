package community.linli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Problem;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Stamped(Instant at, LocalDate day) {}

    record Timed(Duration timeout) {}

    @Test
    void write_instant_alwaysCarriesMillisecondsInUtc() {
        var value = new Stamped(Instant.parse("2026-11-28T08:15:30Z"), null);

        assertThat(Json.write(value)).isEqualTo("{\"at\":\"2026-11-28T08:15:30.000Z\"}");
    }

    @Test
    void write_localDate_isIsoText() {
        var value = new Stamped(null, LocalDate.of(2026, 10, 1));

        assertThat(Json.write(value)).isEqualTo("{\"day\":\"2026-10-01\"}");
    }

    @Test
    void parse_readsBackWhatWriteWrote() {
        var value = new Stamped(Instant.parse("2026-11-28T08:15:30.123Z"), LocalDate.of(2026, 2, 28));

        assertThat(Json.parse(Json.write(value), Stamped.class)).isEqualTo(value);
        assertThat(Json.parse(Json.write(List.of(value.day())), LocalDate[].class)).containsExactly(value.day());
    }

    @Test
    void parse_instantWithAnOffset_isTheSameMoment() {
        var parsed = Json.parse("{\"at\":\"2026-11-28T16:15:30+08:00\"}", Stamped.class);

        assertThat(parsed.at()).isEqualTo(Instant.parse("2026-11-28T08:15:30Z"));
    }

    @Test
    void read_instantThatIsNotIsoText_returns400NamingTheField() {
        assertThat(fieldErrors("{\"at\":\"yesterday\"}")).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("at", "invalid_type"));
        assertThat(fieldErrors("{\"day\":20261001}")).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("day", "invalid_type"));
    }

    @Test
    void write_aJavaTimeTypeWithoutAHandler_failsLoudly() {
        assertThatThrownBy(() -> Json.write(new Timed(Duration.ofMinutes(5))))
                .hasRootCauseInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> Json.parse("{\"timeout\":\"PT5M\"}", Timed.class))
                .isInstanceOf(UncheckedIOException.class);
    }

    private static List<FieldError> fieldErrors(String body) {
        var event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(body);
        try {
            Json.read(event, Stamped.class);
        } catch (Problem problem) {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.VALIDATION);
            return problem.errors();
        }
        throw new AssertionError("no problem for " + body);
    }
}
