package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.PersonalData;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * What no alert may carry, checked on every message the module's tests read back from the topic:
 * an ID-card number (18 or 15 digits), a mainland mobile number, a sealed value, a resident's
 * account subject, or a description's words (residents type phones and names into it).
 */
final class PrivacyScan {
    /** What the tests' residents are and write: their subject, a sealed phone, and words of their descriptions. */
    private static final Pattern RESIDENT = Pattern.compile("resident-sub|resident0001|lf1\\.|sealed|楼道灯|电梯停了|李桂英|联系我");
    private static final AtomicInteger SCANNED = new AtomicInteger();

    private PrivacyScan() {}

    static void check(World.Notification notification) {
        String everything = notification.subject() + "\n" + notification.message() + "\n" + notification.attributes();
        assertThat(everything).as("an alert").doesNotContainPattern(PersonalData.ID_NUMBER).doesNotContainPattern(PersonalData.MOBILE)
                .doesNotContainPattern(RESIDENT);
        SCANNED.incrementAndGet();
    }

    /** How many messages have been scanned in this test run. */
    static int scanned() {
        return SCANNED.get();
    }
}
