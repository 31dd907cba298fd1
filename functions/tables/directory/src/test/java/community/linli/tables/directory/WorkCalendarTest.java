package community.linli.tables.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorkCalendarTest {
    static final Path SHIPPED = Path.of("src/main/resources/community/linli/tables/directory/calendars");

    @Test
    void everyShippedSchedule_isConsistent_asTheStateCouncilsNoticeReads() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(SHIPPED)) {
            files = listed.sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("cn-2026.json");
        for (Path file : files) {
            int year = Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
            WorkCalendar.Published published = WorkCalendar.published(year).orElseThrow();

            assertThat(published.year()).as(file.toString()).isEqualTo(year);
            assertThat(published.source()).as(file.toString()).contains(year + "年");
            assertThat(published.sourceEn()).as(file.toString()).contains(String.valueOf(year)).matches("\\p{ASCII}+");
            for (WorkCalendar.Holiday holiday : published.holidays()) {
                assertThat(holiday.days()).as(holiday.name()).isSorted().first().isEqualTo(holiday.from());
                assertThat(holiday.days()).as(holiday.name()).last().isEqualTo(holiday.to());
                assertThat(holiday.days()).as(holiday.name() + ": every day of the break")
                        .hasSize((int) (holiday.to().toEpochDay() - holiday.from().toEpochDay()) + 1);
            }
            assertThat(published.workdays()).as("调休 workdays are weekend days")
                    .allMatch(d -> d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
        }
    }

    @Test
    void national_2026_countsTheBreaksAndTheMovedWorkdays() {
        WorkCalendar calendar = WorkCalendar.national(2026);

        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).as("National Day, a Thursday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("a Saturday worked (调休)").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("the Spring Festival break, a Monday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 30))).as("an ordinary Monday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 29))).as("an ordinary Sunday").isFalse();
    }

    @Test
    void national_ofAYearNotShipped_isMondayToFriday() {
        assertThat(WorkCalendar.published(2099)).isEmpty();
        assertThat(WorkCalendar.national(2099)).isEqualTo(WorkCalendar.weekdaysOnly(2099));
    }
}
