package community.linli.directory;

import community.linli.platform.http.Check;

/** The body of {@code PUT /grids/{gridId}}: the grid's name, creating it or renaming it. */
record PutGridBody(String name) {
    static final int MAX_NAME = 32;

    PutGridBody {
        Check.of().requiredText("name", name, MAX_NAME).done();
        name = name.strip();
    }
}
