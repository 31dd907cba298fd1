package community.linli.notices;

import community.linli.tables.notices.SignUp;
import java.time.Instant;

/** A resident's sign-up as they see it: confirmed or waitlisted, for how many seats, and when checked in. */
record SignUpView(String noticeId, String status, int companions, int seats, Instant signedUpAt, Instant checkedInAt) {
    static SignUpView of(SignUp s) {
        return new SignUpView(s.noticeId(), s.status().wire(), s.companions(), s.seats(), s.signedUpAt(), s.checkedInAt());
    }
}
