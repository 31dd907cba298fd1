package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.notices.Activity;
import community.linli.tables.notices.Audience;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStatus;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Repo;
import community.linli.testkit.Template;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The events in {@code events/} are what `sam local invoke -e` sends; each must be a route or the
 * schedule of NoticesFunction and served as it stands. The notice the fixtures name
 * ({@value #FIXTURE_NOTICE}) is a draft of the demo community, as staff left it.
 */
@ExtendWith(MotoExtension.class)
class NoticesFixturesTest {
    static final String FIXTURE_NOTICE = "nt-demo-water-cut";

    static void seedFixtureNotice(NoticesApi api) {
        Instant now = api.clock.instant();
        api.store.create(new Notice("demo", FIXTURE_NOTICE, "3号楼停水通知", "因管道检修，周二9:00至17:00停水，请提前储水。",
                NoticeKind.ANNOUNCEMENT, List.of(), Audience.grids(List.of("G03", "G04")), null,
                Instant.parse(NoticesApi.EXPIRES), NoticeStatus.DRAFT, 1, now, now, "demo-staff", null));
    }

    static final String FIXTURE_ACTIVITY = "nt-demo-calligraphy";
    static final String FIXTURE_RESIDENT = "0a7d3e51-9c2b-4f6e-8d1a-resident00001";

    /** The activity the sign-up fixtures name: published for G03, 30 seats, open for sign-up. */
    static void seedFixtureActivity(NoticesApi api) {
        Instant now = api.clock.instant();
        api.store.create(new Notice("demo", FIXTURE_ACTIVITY, "书法兴趣班", "每周六上午，社区活动室，欢迎报名。", NoticeKind.ACTIVITY, List.of(),
                Audience.grids(List.of("G03")), null, Instant.parse(NoticesApi.EXPIRES), NoticeStatus.DRAFT, 1, now, now, "demo-staff",
                new Activity(30, 2, Instant.parse("2026-12-05T00:00:00.000Z"), Instant.parse("2026-12-06T01:00:00.000Z"), "社区活动室")));
        api.publish(community.linli.testkit.Persona.staff(), FIXTURE_ACTIVITY, 1).expect(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"notices-signup.json, 201", "notices-cancel-signup.json, 204"})
    void signUpFixture_asItStands_isServedWithItsDocumentedSuccess(String fixture, int status, LocalAws aws) {
        var api = new NoticesApi(aws);
        seedFixtureActivity(api);
        if (fixture.contains("cancel")) {
            api.signUp(new community.linli.testkit.Persona(FIXTURE_RESIDENT, "demo", List.of("residents"), List.of("G03")), FIXTURE_ACTIVITY, 0)
                    .expect(201);
        }
        var event = HttpEvents.fixture(fixture);

        var reply = api.call(event);

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(Template.load().httpApiRoutes()).anyMatch(route ->
                route.functionLogicalId().equals("NoticesFunction") && route.routeKey().equals(event.getRouteKey()));
    }

    static final String FIXTURE_EMERGENCY = "nt-demo-gas-leak";

    /** The emergency notice the acknowledgement, answer and dashboard fixtures name: published for G03, with a form of two questions. */
    static void seedFixtureEmergency(NoticesApi api) {
        Instant now = api.clock.instant();
        api.store.create(new Notice("demo", FIXTURE_EMERGENCY, "燃气泄漏紧急通知", "3号楼燃气泄漏，请关闭阀门、开窗通风，不要使用明火。",
                NoticeKind.EMERGENCY, List.of(), Audience.grids(List.of("G03")), null, Instant.parse(NoticesApi.EXPIRES), NoticeStatus.DRAFT,
                1, now, now, "demo-staff", null, Emergencies.formJson(List.of(
                        new community.linli.tables.directory.QuestionBody("returned", "家中是否有外地返回人员", null, "single_choice", true,
                                List.of("是", "否"), null, null, null, null),
                        new community.linli.tables.directory.QuestionBody("medicine", "需要代购的药品", null, "multi_choice", false,
                                List.of("降压药", "降糖药", "感冒药"), null, null, null, null)))));
        api.publish(community.linli.testkit.Persona.staff(), FIXTURE_EMERGENCY, 1).expect(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"notices-acknowledge.json, 201", "notices-answer.json, 200", "notices-get-answer.json, 200",
            "notices-households.json, 200", "notices-answers.json, 200"})
    void emergencyFixture_asItStands_isServedWithItsDocumentedSuccess(String fixture, int status, LocalAws aws) {
        var api = new NoticesApi(aws);
        seedFixtureEmergency(api);
        if (fixture.equals("notices-get-answer.json")) api.call(HttpEvents.fixture("notices-answer.json")).expect(200);
        var event = HttpEvents.fixture(fixture);

        var response = community.linli.testkit.Invoke.http(api.handler, event);

        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(Template.load().httpApiRoutes()).anyMatch(route ->
                route.functionLogicalId().equals("NoticesFunction") && route.routeKey().equals(event.getRouteKey()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "notices-draft.json, 201",
            "notices-list.json, 200",
            "notices-get.json, 200",
            "notices-patch.json, 200",
            "notices-publish.json, 200",
            "notices-withdraw.json, 200"})
    void fixture_asItStands_isServedWithItsDocumentedSuccess(String fixture, int status, LocalAws aws) {
        var api = new NoticesApi(aws);
        seedFixtureNotice(api);
        var event = HttpEvents.fixture(fixture);

        var reply = api.call(event);

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(Template.load().httpApiRoutes()).anyMatch(route ->
                route.functionLogicalId().equals("NoticesFunction") && route.routeKey().equals(event.getRouteKey()));
    }

    @Test
    void theScheduleFixture_announcesWhatIsDue_once(LocalAws aws) {
        var api = new NoticesApi(aws);
        seedFixtureNotice(api);
        api.publish(community.linli.testkit.Persona.staff(), FIXTURE_NOTICE, 1).expect(200);
        api.alerts();
        api.store.create(new Notice("demo", "nt-due", "停电通知", "今晚停电", NoticeKind.EMERGENCY, List.of(), Audience.community(),
                api.clock.instant().plusSeconds(60), Instant.parse(NoticesApi.EXPIRES), NoticeStatus.DRAFT, 1,
                api.clock.instant(), api.clock.instant(), "demo-staff", null));
        api.publish(community.linli.testkit.Persona.staff(), "nt-due", 1).expect(200);
        api.clock.advance(java.time.Duration.ofMinutes(2));

        var output = api.runSchedule();

        assertThat(output.at("/announced/demo").asInt()).isEqualTo(1);
        assertThat(api.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.get("Message").asText()).isEqualTo("【紧急通知】停电通知");
            assertThat(alert.at("/MessageAttributes/kind/Value").asText()).isEqualTo("emergency");
        });
    }

    @Test
    void scheduleFixture_isTheInputTheTemplatesScheduleSends(LocalAws aws) throws Exception {
        Object input = aws.template().eventsOf("NoticesFunction", "ScheduleV2").get("EveryMinute").get("Input");

        assertThat(Files.readString(Repo.file("events/notices-schedule.json")).strip()).isEqualTo(aws.provisioned().resolve(input));
    }
}
