package community.linli.notices;

import community.linli.platform.http.Check;
import community.linli.tables.notices.Activity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * An activity's fields, as a client sends them with a notice of kind {@code activity}:
 * {@code capacity} (seats, 0 or more), {@code maxCompanions} (how many people one sign-up may
 * bring, 0 to {@value #MAX_COMPANIONS}; absent: 0), {@code signUpDeadline}, {@code startsAt} (not
 * before the deadline) and {@code place}.
 */
record ActivityBody(Integer capacity, Integer maxCompanions, Instant signUpDeadline, Instant startsAt, String place) {
    static final int MAX_COMPANIONS = 10;
    static final int MAX_CAPACITY = 100_000;
    static final int MAX_PLACE = 100;

    ActivityBody {
        Check check = Check.of()
                .required("capacity", capacity)
                .range("capacity", capacity, 0, MAX_CAPACITY)
                .range("maxCompanions", maxCompanions, 0, MAX_COMPANIONS)
                .required("signUpDeadline", signUpDeadline)
                .required("startsAt", startsAt)
                .requiredText("place", place, MAX_PLACE);
        if (signUpDeadline != null && startsAt != null && startsAt.isBefore(signUpDeadline)) {
            check.add("startsAt", "not_after", Map.of("other", "signUpDeadline"));
        }
        check.done();
    }

    Activity toActivity() {
        return new Activity(capacity, maxCompanions == null ? 0 : maxCompanions, signUpDeadline.truncatedTo(ChronoUnit.MILLIS),
                startsAt.truncatedTo(ChronoUnit.MILLIS), place.strip());
    }
}
