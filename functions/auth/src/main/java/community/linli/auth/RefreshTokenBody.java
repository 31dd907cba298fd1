package community.linli.auth;

import community.linli.platform.http.Check;

/** The body of {@code POST /auth/refresh} and {@code POST /auth/logout}. */
record RefreshTokenBody(String refreshToken) {
    static final int MAX_TOKEN = 200;

    RefreshTokenBody {
        Check.of().requiredText("refreshToken", refreshToken, MAX_TOKEN).done();
    }
}
