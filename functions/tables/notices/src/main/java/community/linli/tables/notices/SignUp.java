package community.linli.tables.notices;

import java.time.Instant;

/**
 * One resident's sign-up for an activity: themselves and {@code companions}, so
 * {@code seats = 1 + companions}, all confirmed or all waiting. {@code signedUpAt} orders the
 * waitlist.
 */
public record SignUp(String communityId, String noticeId, String sub, int companions, SignUpStatus status, Instant signedUpAt) {
    public int seats() {
        return 1 + companions;
    }
}
