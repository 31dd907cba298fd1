package community.linli.notices;

import community.linli.tables.notices.SignUp;
import java.time.Instant;

/** A resident's sign-up as they see it: confirmed or waitlisted, for how many seats. */
record SignUpView(String noticeId, String status, int companions, int seats, Instant signedUpAt) {
    static SignUpView of(SignUp s) {
        return new SignUpView(s.noticeId(), s.status().wire(), s.companions(), s.seats(), s.signedUpAt());
    }
}
