package community.linli.notices;

import community.linli.platform.http.Check;

/** The body of publishing or withdrawing a notice: the version the caller saw. */
record VersionBody(Long version) {
    VersionBody {
        Check.of().required("version", version).atLeast("version", version, 1).done();
    }
}
