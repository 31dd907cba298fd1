package community.linli.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void done_withSeveralInvalidFields_throwsOneProblemNamingEach() {
        Check check = Check.of().required("category", null).text("description", "x".repeat(11), 10).phone("phone", "12345");

        assertThatThrownBy(check::done)
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.errors())
                        .extracting(FieldError::field, FieldError::code)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("category", "required"),
                                org.assertj.core.groups.Tuple.tuple("description", "max_length"),
                                org.assertj.core.groups.Tuple.tuple("phone", "phone")));
    }

    @Test
    void text_countsCodePointsSoEmojiCountOnce() {
        Check check = Check.of().text("description", "😀".repeat(10), 10);

        assertThat(check.valid()).isTrue();
    }

    @Test
    void phone_acceptsMainlandMobileNumbersOnly() {
        assertThat(Check.of().phone("p", "13812345678").valid()).isTrue();
        assertThat(Check.of().phone("p", "12812345678").valid()).isFalse();
        assertThat(Check.of().phone("p", "+8613812345678").valid()).isFalse();
        assertThat(Check.of().phone("p", "1381234567").valid()).isFalse();
    }

    @Test
    void distinct_namesTheRepeatedItemByIndex() {
        Check check = Check.of().distinct("photoKeys", List.of("a", "b", "a"));

        assertThatThrownBy(check::done).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("photoKeys[2]"));
    }

    @Test
    void range_rejectsNaN() {
        assertThat(Check.of().range("latitude", Double.NaN, -90, 90).valid()).isFalse();
    }

    @Test
    void valid_withNothingWrong_doesNotThrow() {
        Check check = Check.of().required("a", "x").text("b", null, 5).oneOf("c", "x", List.of("x", "y"));

        check.done();

        assertThat(check.valid()).isTrue();
    }
}
