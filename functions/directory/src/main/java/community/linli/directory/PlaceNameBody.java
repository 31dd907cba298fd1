package community.linli.directory;

import community.linli.platform.http.Check;

/**
 * The body of {@code PUT} on a unit or a room: its optional display name ({@code 2单元},
 * {@code 1502室}); {@code {}} creates it without one, and leaves a stored one unnamed.
 */
record PlaceNameBody(String name) {
    static final int MAX_NAME = 32;

    PlaceNameBody {
        Check.of().text("name", name, MAX_NAME).done();
        name = name == null ? null : name.strip();
    }
}
