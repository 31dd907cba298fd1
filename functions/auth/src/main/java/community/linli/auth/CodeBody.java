package community.linli.auth;

import community.linli.platform.http.Check;
import java.util.regex.Pattern;

/** The body of {@code POST /auth/wechat} and {@code POST /auth/phone}: a one-time code from the mini-program. */
record CodeBody(String code) {
    static final int MAX_CODE = 128;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]+");

    CodeBody {
        Check check = Check.of().requiredText("code", code, MAX_CODE);
        if (check.valid()) check.matches("code", code, CODE);
        check.done();
    }
}
