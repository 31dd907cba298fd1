package community.linli.notices;

import community.linli.platform.http.Check;

/** The body of {@code POST /notices/{id}/signup}: how many companions come along (absent: none). */
record SignUpBody(Integer companions) {
    SignUpBody {
        Check.of().range("companions", companions, 0, ActivityBody.MAX_COMPANIONS).done();
    }

    int count() {
        return companions == null ? 0 : companions;
    }
}
