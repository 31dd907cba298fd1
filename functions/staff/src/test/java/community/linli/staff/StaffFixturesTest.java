package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Template;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The events in {@code events/} are what `sam local invoke -e` sends; each must be a route of StaffFunction and served as it stands. */
@ExtendWith(MotoExtension.class)
class StaffFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "staff-register.json, 201",
            "staff-list.json, 200",
            "staff-get.json, 200",
            "staff-patch.json, 200",
            "staff-get-duty.json, 200",
            "staff-put-duty.json, 200",
            "staff-put-duty-date.json, 200",
            "staff-delete-duty-date.json, 204",
            "staff-get-alert-preferences.json, 200",
            "staff-put-alert-preferences.json, 200"})
    void fixture_asItStands_isServedWithItsDocumentedSuccess(String fixture, int status, LocalAws aws) {
        var api = new StaffApi(aws);
        var event = HttpEvents.fixture(fixture);

        var reply = api.call(event);

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(Template.load().httpApiRoutes()).anyMatch(route ->
                route.functionLogicalId().equals("StaffFunction") && route.routeKey().equals(event.getRouteKey()));
    }
}
