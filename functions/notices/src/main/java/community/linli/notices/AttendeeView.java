package community.linli.notices;

import community.linli.tables.notices.SignUp;
import java.time.Instant;
import java.util.List;

/**
 * One sign-up as staff see it on an activity's list: the account ({@code accountId}, by which
 * staff check them in by hand), their name as the registry has it now (absent when the account
 * was linked to no resident when they signed up, or the resident was erased), companions, status,
 * and when they signed up and checked in. No phone.
 */
record AttendeeView(String accountId, String name, int companions, int seats, String status, Instant signedUpAt, Instant checkedInAt) {
    static AttendeeView of(SignUp s, String name) {
        return new AttendeeView(s.sub(), name, s.companions(), s.seats(), s.status().wire(), s.signedUpAt(), s.checkedInAt());
    }

    record Page(List<AttendeeView> items, String nextCursor) {}
}
