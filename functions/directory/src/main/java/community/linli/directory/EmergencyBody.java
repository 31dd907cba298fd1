package community.linli.directory;

import community.linli.tables.directory.Emergency;
import community.linli.platform.http.Check;
import java.util.regex.Pattern;

/** The emergency guard of a category, checked by its parent ({@link PutCategoryBody}) through {@link #check}. */
record EmergencyBody(String message, String messageEn, String phone) {
    static final int MAX_MESSAGE = 200;
    static final int MAX_MESSAGE_EN = 400;
    static final Pattern PHONE = Pattern.compile("[0-9]{3,20}");

    void check(Check check, String prefix) {
        check.requiredText(prefix + ".message", message, MAX_MESSAGE)
                .text(prefix + ".messageEn", messageEn, MAX_MESSAGE_EN)
                .required(prefix + ".phone", phone)
                .matches(prefix + ".phone", phone, PHONE);
    }

    Emergency toEmergency() {
        return new Emergency(message, messageEn, phone);
    }
}
