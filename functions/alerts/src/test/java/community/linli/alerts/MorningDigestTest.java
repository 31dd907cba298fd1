package community.linli.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Priming;
import community.linli.tables.directory.QuietHours;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.staff.AlertPreferences;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.FaultProxy;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.time.Instant;
import java.util.Map;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quiet hours on moto, on a fixed clock: non-urgent alerts held at night are read back from SQS
 * only in the morning, in one digest per person; urgent ones at once; none twice.
 */
@ExtendWith(MotoExtension.class)
@Provision({"AlertsFunction", "StaffFunction"})
class MorningDigestTest {
    private static final String G03_WORKER = "{\"recipient\": [\"" + DemoCommunity.GRID_WORKER_ID + "\"]}";
    private FaultProxy proxy;

    @AfterEach
    void tearDown() {
        if (proxy != null) proxy.close();
    }

    /** The demo community's clock (Asia/Shanghai) on {@code date} at {@code hhmm}. */
    private static Instant shanghai(String date, String hhmm) {
        return Instant.parse(date + "T" + hhmm + ":00+08:00");
    }

    /** The digest schedule's run, with the schedule's input, as Lambda invokes it. */
    private static JsonNode sweep(World world) {
        return Priming.invoke(world.handler(), "{}");
    }

    @Test
    void aNonUrgentAlertAt23_waitsForTheMorningDigest_withTheNightsOtherAlerts(LocalAws aws) {
        World world = World.demo(aws);
        String worker = world.subscribe(G03_WORKER);
        world.clock.set(shanghai("2026-11-30", "23:00"));
        ResidentRequest first = world.file("elevator", 3, Priority.NORMAL);
        world.deliverNew();
        world.clock.set(shanghai("2026-12-01", "02:30"));
        ResidentRequest second = world.file("water_leak", 3, Priority.LOW);
        world.deliverNew();

        assertThat(world.drain(worker)).as("nothing at night").isEmpty();
        world.clock.set(shanghai("2026-12-01", "06:59"));
        assertThat(sweep(world).path("digests").asInt()).isZero();
        assertThat(world.drain(worker)).as("nothing before seven").isEmpty();

        world.clock.set(shanghai("2026-12-01", "07:00"));
        assertThat(sweep(world).path("digests").asInt()).isEqualTo(1);
        assertThat(world.drain(worker)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "digest").containsEntry("channel", "email")
                    .containsEntry("recipient", DemoCommunity.GRID_WORKER_ID).containsEntry("role", "grid_worker")
                    .containsEntry("community", "demo").containsEntry("grids", "[\"G03\"]");
            assertThat(n.subject()).isEqualTo("邻里 夜间提醒汇总 2条");
            assertThat(n.message()).contains("1. 新诉求" + first.id() + "：电梯故障，9号楼。", "2. 新诉求" + second.id() + "：")
                    .contains("https://linli.community/m/r");
        });
        assertThat(sweep(world).path("digests").asInt()).as("a second run").isZero();
        assertThat(world.drain(worker)).isEmpty();
    }

    @Test
    void anUrgentAlertAt23_goesOutAtOnce_bySms(LocalAws aws) {
        World world = World.demo(aws);
        String worker = world.subscribe(G03_WORKER);
        world.clock.set(shanghai("2026-11-30", "23:00"));

        ResidentRequest request = world.file("elevator", 3, Priority.URGENT);
        world.deliverNew();

        assertThat(world.drain(worker)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "new_request").containsEntry("channel", "sms");
            assertThat(n.message()).contains(request.id());
        });
        world.clock.set(shanghai("2026-12-01", "07:00"));
        assertThat(sweep(world).path("digests").asInt()).isZero();
    }

    @Test
    void urgency_notThePersonsChosenChannel_decidesWhatQuietHoursHold(LocalAws aws) {
        World world = World.demo(aws);
        world.staff.setAlertPreferences(world.staff.get(DemoCommunity.ID, DemoCommunity.GRID_WORKER_ID).orElseThrow(),
                new AlertPreferences(Map.of("new_request", new AlertPreferences.Choice(AlertPreferences.EMAIL, AlertPreferences.SMS)), null));
        String worker = world.subscribe(G03_WORKER);
        world.clock.set(shanghai("2026-11-30", "23:00"));

        ResidentRequest ordinary = world.file("water_leak", 3, Priority.NORMAL);
        ResidentRequest urgent = world.file("elevator", 3, Priority.URGENT);
        world.deliverNew();

        assertThat(world.drain(worker)).as("the urgent one at once, by the email chosen for it; the ordinary one, chosen by SMS, waits")
                .singleElement().satisfies(n -> {
                    assertThat(n.attributes()).containsEntry("channel", "email");
                    assertThat(n.message()).contains(urgent.id()).doesNotContain(ordinary.id());
                });
        world.clock.set(shanghai("2026-12-01", "07:00"));
        assertThat(sweep(world).path("digests").asInt()).isEqualTo(1);
        assertThat(world.drain(worker)).singleElement().satisfies(n -> assertThat(n.message()).contains(ordinary.id()));
    }

    @Test
    void aBatchRetriedAfterTheMorning_sendsNothingHeldAgain(LocalAws aws) {
        World world = World.demo(aws);
        String worker = world.subscribe(G03_WORKER);
        world.clock.set(shanghai("2026-11-30", "23:00"));
        world.file("elevator", 3, Priority.NORMAL);
        var records = world.newRecords();
        world.deliver(world.handler(), records);
        world.clock.set(shanghai("2026-12-01", "07:05"));
        sweep(world);
        assertThat(world.drain(worker)).hasSize(1);

        JsonNode retried = world.deliver(world.handler(), records);

        assertThat(retried.path("batchItemFailures")).isEmpty();
        assertThat(world.drain(worker)).isEmpty();
    }

    @Test
    void anAlertHeldAfterItsDigestBegan_isSentByItself_notLost(LocalAws aws) {
        World world = World.demo(aws);
        String worker = world.subscribe(G03_WORKER);
        world.clock.set(shanghai("2026-11-30", "23:00"));
        world.file("elevator", 3, Priority.NORMAL);
        world.deliverNew();
        world.clock.set(shanghai("2026-12-01", "07:00"));
        sweep(world);
        assertThat(world.drain(worker)).extracting(n -> n.attribute("kind")).containsExactly("digest");

        // A batch whose clock read 06:59, written after the digest of 07:00 began.
        world.clock.set(shanghai("2026-12-01", "06:59"));
        ResidentRequest late = world.file("water_leak", 3, Priority.NORMAL);
        world.deliverNew();

        assertThat(world.drain(worker)).singleElement().satisfies(n -> {
            assertThat(n.attributes()).containsEntry("kind", "new_request").containsEntry("channel", "email");
            assertThat(n.message()).contains(late.id());
        });
        world.clock.set(shanghai("2026-12-01", "07:10"));
        assertThat(sweep(world).path("digests").asInt()).isZero();
    }

    @Test
    void aCommunitysOwnQuietHours_replaceTheDefault(LocalAws aws) {
        World world = World.demo(aws);
        String worker = world.subscribe(G03_WORKER);
        world.directory.putQuietHours(DemoCommunity.ID, new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30)));

        world.clock.set(shanghai("2026-11-30", "23:00"));
        ResidentRequest night = world.file("elevator", 3, Priority.NORMAL);
        world.deliverNew();
        world.clock.set(shanghai("2026-12-01", "12:10"));
        ResidentRequest lunch = world.file("water_leak", 3, Priority.NORMAL);
        world.deliverNew();

        assertThat(world.drain(worker)).singleElement().satisfies(n -> assertThat(n.message()).contains(night.id()));
        world.clock.set(shanghai("2026-12-01", "13:30"));
        sweep(world);
        assertThat(world.drain(worker)).singleElement().satisfies(n -> {
            assertThat(n.attribute("kind")).isEqualTo("digest");
            assertThat(n.message()).contains(lunch.id());
        });
    }

    @Test
    void aDigestRunFailingAfterItsPublish_isRedoneByTheNext_withoutADuplicate(LocalAws aws) {
        World world = World.demo(aws);
        String worker = world.subscribe(G03_WORKER);
        world.clock.set(shanghai("2026-11-30", "23:00"));
        ResidentRequest request = world.file("elevator", 3, Priority.NORMAL);
        world.deliverNew();
        proxy = FaultProxy.start(aws.endpoint());
        aws.overrideEnvironment("AlertsFunction", proxy.environment());
        // Removing the held alerts fails past the SDK's retries: the digest is published, its alerts stay held.
        proxy.injectRun("dynamodb", "BatchWriteItem", 0, 3, FaultProxy.Fault.dynamoDbInternalError());
        world.clock.set(shanghai("2026-12-01", "07:00"));

        assertThatThrownBy(() -> sweep(world)).as("the failed run").isInstanceOf(RuntimeException.class);
        JsonNode redone = sweep(world);

        assertThat(proxy.faulted("dynamodb", "BatchWriteItem")).isEqualTo(3);
        assertThat(redone.path("digests").asInt()).as("the digest was sent by the failed run").isZero();
        assertThat(world.drain(worker)).singleElement().satisfies(n -> assertThat(n.message()).contains(request.id()));
        assertThat(world.requests.heldAlerts(DemoCommunity.ID, shanghai("2026-12-01", "07:00"))).isEmpty();
    }
}
