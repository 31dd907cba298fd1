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

    record Place(String buildingId, Integer floor) {}

    record Item(String a) {}

    record Counts(int version, Long size) {}

    record Filing(Place location, List<String> photoKeys, List<Item> items, Map<String, Object> answers) {}

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

    @Test
    void read_anExplicitNull_isRefusedNamingItsPath_whereverItSits() {
        assertThat(fieldErrors("{\"location\":null}", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("location", "null_value"));
        assertThat(fieldErrors("{\"location\":{\"buildingId\":null}}", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("location.buildingId", "null_value"));
        assertThat(fieldErrors("{\"photoKeys\":[\"a\",null]}", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("photoKeys[1]", "null_value"));
        assertThat(fieldErrors("{\"answers\":{\"floor\":null}}", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("answers.floor", "null_value"));
        assertThat(fieldErrors("{\"version\":1,\"size\":null}", Counts.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("size", "null_value"));
    }

    @Test
    void read_aWholeNumberTooLargeForItsField_isAWrongTypeNamingIt_notBrokenJson() {
        assertThat(fieldErrors("{\"version\":1,\"size\":251565222331573080325788708896768}", Counts.class))
                .extracting(FieldError::field, FieldError::code).containsExactly(tuple("size", "invalid_type"));
        assertThat(fieldErrors("{\"version\":4294967296}", Counts.class))
                .extracting(FieldError::field, FieldError::code).containsExactly(tuple("version", "invalid_type"));
    }

    @Test
    void read_aMemberLeftOut_isAbsent() {
        var filing = Json.read(event("{\"photoKeys\":[\"a\"]}"), Filing.class);

        assertThat(filing.location()).isNull();
        assertThat(filing.photoKeys()).containsExactly("a");
    }

    @Test
    void read_aWrongTypeDeepInTheBody_namesItsPath() {
        assertThat(fieldErrors("{\"location\":{\"buildingId\":5}}", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("location.buildingId", "invalid_type"));
        assertThat(fieldErrors("{\"photoKeys\":[\"a\",\"b\",3]}", Filing.class)).extracting(FieldError::field)
                .containsExactly("photoKeys[2]");
        assertThat(fieldErrors("{\"items\":[{\"a\":\"x\"},{\"b\":\"y\"}]}", Filing.class))
                .extracting(FieldError::field, FieldError::code).containsExactly(tuple("items[1].b", "unknown_field"));
    }

    @Test
    void read_aMemberWithAnEmptyNameAtTheTop_namesTheBody() {
        assertThat(fieldErrors("{\"\":0}", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("body", "unknown_field"));
    }

    @Test
    void read_aRepeatedName_namesItWhereverItIs() {
        assertThat(fieldErrors("{\"photoKeys\":[],\"photoKeys\":[]}", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("photoKeys", "duplicate_field"));
        assertThat(fieldErrors("{\"location\":{\"buildingId\":\"B1\",\"buildingId\":\"B2\"}}", Filing.class))
                .extracting(FieldError::field, FieldError::code).containsExactly(tuple("location.buildingId", "duplicate_field"));
        assertThat(fieldErrors("{\"items\":[{\"a\":\"x\"},{\"a\":\"x\",\"a\":\"y\"}]}", Filing.class))
                .extracting(FieldError::field).containsExactly("items[1].a");
        assertThat(fieldErrors("{\"answers\":{\"it's\":1,\"it's\":2}}", Filing.class))
                .extracting(FieldError::field).containsExactly("answers.it's");
    }

    @Test
    void read_malformedJson_namesTheBody() {
        assertThat(fieldErrors("{\"location\":{\"buildingId\":", Filing.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("body", "malformed_json"));
    }

    @Test
    void read_controlCharacterInAnyString_returns400NamingThatFieldAndPosition() {
        assertThat(fieldErrors("{\"location\":{\"buildingId\":\"B\\u00000301\"}}", Filing.class))
                .extracting(FieldError::field, FieldError::code).containsExactly(tuple("location.buildingId", "control_character"));
        assertThat(fieldErrors("{\"photoKeys\":[\"ok\",\"a\\u001bb\"]}", Filing.class)).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("photoKeys[1]");
                    assertThat(e.args()).containsEntry("position", 2);
                });
        assertThat(fieldErrors("{\"items\":[{\"a\":\"\\u007f\"}]}", Filing.class)).extracting(FieldError::field)
                .containsExactly("items[0].a");
        assertThat(fieldErrors("{\"answers\":{\"floor\":\"7\\r\"}}", Filing.class)).extracting(FieldError::field)
                .containsExactly("answers.floor");
    }

    @Test
    void read_newlineAndTab_areKeptAndTextIsNormalizedToNfc() {
        var event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody("{\"items\":[{\"a\":\"第一行\\n\\t第二行\"}],\"answers\":{\"name\":\"Jose\\u0301\"},\"photoKeys\":[\"e\\u0301\"]}");

        Filing filing = Json.read(event, Filing.class);

        assertThat(filing.items().get(0).a()).isEqualTo("第一行\n\t第二行");
        assertThat(filing.answers().get("name")).isEqualTo("Jos\u00e9");
        assertThat(filing.photoKeys()).containsExactly("\u00e9");
    }

    @Test
    void read_numberWhereTextBelongs_isStillRefusedAsAWrongType() {
        assertThat(fieldErrors("{\"location\":{\"buildingId\":301}}", Filing.class))
                .extracting(FieldError::field, FieldError::code).containsExactly(tuple("location.buildingId", "invalid_type"));
    }

    @Test
    void read_anIntegerWithAZeroFractionOrAnExponent_isThatInteger() {
        var event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody("{\"version\":46929.0,\"size\":2.373e3}");

        Counts counts = Json.read(event, Counts.class);

        assertThat(counts).isEqualTo(new Counts(46929, 2373L));
    }

    @Test
    void read_aFractionOrAnOutOfRangeNumberForAnInteger_isStillAWrongType() {
        assertThat(fieldErrors("{\"version\":1.5,\"size\":1}", Counts.class)).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("version", "invalid_type"));
        assertThat(fieldErrors("{\"version\":3000000000.0,\"size\":1}", Counts.class)).extracting(FieldError::field)
                .containsExactly("version");
        assertThat(fieldErrors("{\"version\":null,\"size\":1}", Counts.class)).extracting(FieldError::field)
                .containsExactly("version");
    }

    private static List<FieldError> fieldErrors(String body) {
        return fieldErrors(body, Stamped.class);
    }

    private static APIGatewayV2HTTPEvent event(String body) {
        var event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(body);
        return event;
    }

    private static List<FieldError> fieldErrors(String body, Class<?> type) {
        try {
            Json.read(event(body), type);
        } catch (Problem problem) {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.VALIDATION);
            return problem.errors();
        }
        throw new AssertionError("no problem for " + body);
    }
}
