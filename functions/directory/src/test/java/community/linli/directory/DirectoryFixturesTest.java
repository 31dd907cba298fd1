package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The events in {@code events/} are what `sam local invoke -e` sends; each must be served as it stands. */
@ExtendWith(MotoExtension.class)
class DirectoryFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "directory-list-categories.json, 200",
            "directory-put-category.json, 201",
            "directory-get-calendar.json, 200",
            "directory-put-calendar.json, 200",
            "directory-get-quiet-hours.json, 200",
            "directory-put-quiet-hours.json, 200",
            "directory-qr.json, 200",
            "directory-list-grids.json, 200",
            "directory-put-grid.json, 201",
            "directory-list-buildings.json, 200",
            "directory-get-building.json, 200",
            "directory-put-building.json, 200",
            "directory-list-units.json, 200",
            "directory-put-unit.json, 201",
            "directory-list-rooms.json, 200",
            "directory-put-room.json, 201",
            "directory-import-places.json, 200"})
    void fixture_asItStands_isServedWithItsDocumentedSuccess(String fixture, int status, LocalAws aws) {
        var api = new DirectoryApi(aws);

        var response = api.call(HttpEvents.fixture(fixture));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    }
}
