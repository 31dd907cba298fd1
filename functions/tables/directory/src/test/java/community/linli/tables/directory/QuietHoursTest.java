package community.linli.tables.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    /** 2026-11-30 in Asia/Shanghai (UTC+8), at {@code hhmm}. */
    private static Instant shanghai(String date, String hhmm) {
        return Instant.parse(date + "T" + hhmm + ":00+08:00");
    }

    @Test
    void theDefault_at23_isQuiet_untilSevenTheNextMorning() {
        assertThat(QuietHours.DEFAULT.releaseAt(shanghai("2026-11-30", "23:00"))).contains(shanghai("2026-12-01", "07:00"));
    }

    @Test
    void theDefault_afterMidnight_isReleasedThatMorning() {
        assertThat(QuietHours.DEFAULT.releaseAt(shanghai("2026-12-01", "03:15"))).contains(shanghai("2026-12-01", "07:00"));
    }

    @Test
    void theDefault_isQuietFromItsStart_andNotAtItsEnd() {
        assertThat(QuietHours.DEFAULT.quiet(shanghai("2026-11-30", "22:00"))).isTrue();
        assertThat(QuietHours.DEFAULT.quiet(shanghai("2026-11-30", "21:59"))).isFalse();
        assertThat(QuietHours.DEFAULT.quiet(shanghai("2026-12-01", "06:59"))).isTrue();
        assertThat(QuietHours.DEFAULT.releaseAt(shanghai("2026-12-01", "07:00"))).isEmpty();
        assertThat(QuietHours.DEFAULT.releaseAt(shanghai("2026-11-30", "12:00"))).isEmpty();
    }

    @Test
    void hoursWithinOneDay_holdOnlyBetweenThem() {
        var lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));

        assertThat(lunch.releaseAt(shanghai("2026-11-30", "12:10"))).contains(shanghai("2026-11-30", "13:30"));
        assertThat(lunch.quiet(shanghai("2026-11-30", "11:59"))).isFalse();
        assertThat(lunch.quiet(shanghai("2026-11-30", "23:00"))).isFalse();
    }

    @Test
    void equalStartAndEnd_meanNoQuietHours() {
        var none = new QuietHours(LocalTime.of(22, 0), LocalTime.of(22, 0));

        assertThat(none.quiet(shanghai("2026-11-30", "22:00"))).isFalse();
        assertThat(none.quiet(shanghai("2026-11-30", "03:00"))).isFalse();
    }

    @Test
    void secondsAreDropped_soReleaseTimesAreWholeMinutes() {
        var hours = new QuietHours(LocalTime.of(22, 0, 30), LocalTime.of(6, 45, 59));

        assertThat(hours.end()).isEqualTo(LocalTime.of(6, 45));
        assertThat(hours.releaseAt(shanghai("2026-11-30", "23:00"))).contains(shanghai("2026-12-01", "06:45"));
    }
}
