package community.linli.directory;

import community.linli.platform.http.Check;
import community.linli.tables.directory.QuietHours;
import java.time.LocalTime;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /quiet-hours}: when the community's quiet hours start and end, {@code HH:mm}
 * on the community's clock (Asia/Shanghai). An end before the start spans midnight; equal times
 * mean no quiet hours.
 */
record PutQuietHoursBody(String start, String end) {
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    PutQuietHoursBody {
        Check check = Check.of();
        time(check, "start", start);
        time(check, "end", end);
        check.done();
    }

    /** One code per field: {@code required}, {@code blank}, or {@code pattern}. */
    private static void time(Check check, String field, String value) {
        if (value == null || value.isBlank()) check.required(field, value);
        else check.matches(field, value, TIME);
    }

    QuietHours toQuietHours() {
        return new QuietHours(LocalTime.parse(start), LocalTime.parse(end));
    }
}
