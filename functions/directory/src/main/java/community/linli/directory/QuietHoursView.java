package community.linli.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import community.linli.tables.directory.QuietHours;

/** A community's quiet hours as the API shows them, {@code HH:mm}; {@code default} when it has set none. */
record QuietHoursView(String start, String end, @JsonProperty("default") boolean unset) {
    static QuietHoursView of(QuietHours hours) {
        return new QuietHoursView(hours.start().toString(), hours.end().toString(), false);
    }

    static QuietHoursView ofDefault() {
        return new QuietHoursView(QuietHours.DEFAULT.start().toString(), QuietHours.DEFAULT.end().toString(), true);
    }
}
