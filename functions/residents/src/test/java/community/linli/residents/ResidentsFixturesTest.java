package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Template;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The events in {@code events/} are what `sam local invoke -e` sends; each must be a route of ResidentsFunction and served as it stands, on the demo data. */
@ExtendWith(MotoExtension.class)
class ResidentsFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "residents-create-household.json, 201",
            "residents-get-household.json, 200",
            "residents-register.json, 201",
            "residents-list.json, 200",
            "residents-get.json, 200",
            "residents-patch.json, 200",
            "residents-move.json, 200",
            "residents-lookup.json, 200",
            "residents-reveal.json, 200",
            "residents-erasure.json, 200",
            "residents-audit.json, 200",
            "residents-apply.json, 201",
            "residents-my-applications.json, 200",
            "residents-list-applications.json, 200",
            "residents-approve-application.json, 200",
            "residents-refuse-application.json, 200",
            "residents-visit.json, 201",
            "residents-visit-concern.json, 201",
            "residents-care-due.json, 200",
            "residents-statistics.json, 200",
            "residents-start-import.json, 201",
            "residents-get-import.json, 200"})
    void fixture_asItStands_isServedWithItsDocumentedSuccess(String fixture, int status, LocalAws aws) {
        var api = new ResidentsApi(aws);
        var event = HttpEvents.fixture(fixture);

        var reply = api.call(event);

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(Template.load().httpApiRoutes()).anyMatch(route ->
                route.functionLogicalId().equals("ResidentsFunction") && route.routeKey().equals(event.getRouteKey()));
    }
}
