package community.linli.requests;

import community.linli.platform.http.Check;

/** The body of {@code POST /requests/{id}/rating}: 1 to 5 with an optional comment, once, based on {@code version}. */
record RatingBody(Integer score, String comment, Long version) {
    RatingBody {
        Check.of()
                .required("score", score)
                .range("score", score, 1, 5)
                .text("comment", comment, 500)
                .required("version", version)
                .atLeast("version", version, 1)
                .done();
    }
}
