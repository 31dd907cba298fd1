package community.linli.tables.notices;

import java.time.Instant;

/**
 * One resident's sign-up for an activity: themselves and {@code companions}, so
 * {@code seats = 1 + companions}, all confirmed or all waiting. {@code signedUpAt} orders the
 * waitlist. {@code residentId} is the registry record their account was linked to when they signed
 * up (null when none was), by which staff's list shows their name as the registry has it now;
 * {@code checkedInAt} is when a confirmed sign-up was checked in at the venue, once (else null).
 */
public record SignUp(String communityId, String noticeId, String sub, int companions, SignUpStatus status, Instant signedUpAt,
                     String residentId, Instant checkedInAt) {
    public SignUp(String communityId, String noticeId, String sub, int companions, SignUpStatus status, Instant signedUpAt) {
        this(communityId, noticeId, sub, companions, status, signedUpAt, null, null);
    }

    public int seats() {
        return 1 + companions;
    }
}
