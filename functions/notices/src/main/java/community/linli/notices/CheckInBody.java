package community.linli.notices;

import community.linli.platform.http.Check;
import java.util.regex.Pattern;

/** The body of {@code POST /notices/{id}/check-in}: the code the activity's QR code carries. */
record CheckInBody(String code) {
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{22}");

    CheckInBody {
        Check.of().required("code", code).matches("code", code, CODE).done();
    }
}
