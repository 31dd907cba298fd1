package community.linli.residentupdates;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.wechat.WeChatApi;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.requests.RequestStore;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.RoundTrips;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The AWS calls of one update, as README "Residents' updates" states them, counted on the wire (moto). */
@ExtendWith(MotoExtension.class)
class ResidentUpdatesRoundTripsTest {
    Residents world;
    RoundTrips trips = new RoundTrips();
    ResidentUpdatesHandler handler;

    @BeforeEach
    void setUp(LocalAws aws) {
        world = new Residents(aws);
        Map<String, String> env = aws.environment("ResidentUpdatesFunction");
        var dynamo = aws.countingDynamoDb(trips);
        var crypto = new FieldCrypto(() -> aws.countingKms(trips), env.get("FIELD_KEY_ID"), null);
        var ledger = new RequestStore(dynamo, env.get("REQUESTS_TABLE"), Clock.systemUTC());
        handler = new ResidentUpdatesHandler(
                new SubscribeMessages(ledger, new AccountStore(dynamo, env.get("ACCOUNTS_TABLE")), crypto,
                        new WeChatApi(world.wechat.baseUrl(), WeChatApi.appFromSecret(aws.secretsManager(), env.get("WECHAT_SECRET_ARN")),
                                Clock.systemUTC()), env.get("WECHAT_UPDATE_TEMPLATE_ID"), env.get("WECHAT_UPDATE_PAGE")),
                new SmsUpdates(ledger, aws.countingSns(trips), env.get("ALERTS_TOPIC")));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void anAllowedUpdate_costsTwoGetItemsTheSendAnUpdateItemAndAPutItem_plusOneDecryptAContainersFirst() {
        String account = world.resident("oTrips", 3);
        var request = world.assign(world.file(account), "demo-grid-worker");
        world.deliver(handler, world.newRecords());
        world.resolve(request);
        var records = world.newRecords();

        var calls = trips.during(() -> world.deliver(handler, records));

        assertThat(calls).isEqualTo(Map.of("GetItem", 2, "UpdateItem", 1, "PutItem", 1));
        assertThat(world.wechat.calls(FakeWeChat.STABLE_TOKEN)).isEqualTo(1);
    }

    @Test
    void aContainersFirstUpdate_addsOneDecryptOfTheOpenIdsDataKey() {
        String account = world.resident("oFirst", 3);
        world.assign(world.file(account), "demo-grid-worker");
        var records = world.newRecords();

        var calls = trips.during(() -> world.deliver(handler, records));

        assertThat(calls).isEqualTo(Map.of("GetItem", 2, "Decrypt", 1, "UpdateItem", 1, "PutItem", 1));
    }

    @Test
    void anUpdateWithoutConsent_costsTwoGetItems_andOneSentBefore_one() {
        String account = world.resident("oNone", 0);
        world.assign(world.file(account), "demo-grid-worker");
        var records = world.newRecords();

        var withoutConsent = trips.during(() -> world.deliver(handler, records));

        assertThat(withoutConsent).isEqualTo(Map.of("GetItem", 2));
    }

    @Test
    void anSmsUpdate_costsTheGetItemThePublishAndThePutItem_besideTheWeChatLookups() {
        String account = world.resident("oSmsTrips", 0);
        world.assign(world.file(account, true), "demo-grid-worker");
        var records = world.newRecords();

        var calls = trips.during(() -> world.deliver(handler, records));
        var again = trips.during(() -> world.deliver(handler, records));

        assertThat(calls).isEqualTo(Map.of("GetItem", 3, "Publish", 1, "PutItem", 1));
        assertThat(again).isEqualTo(Map.of("GetItem", 3));
    }
}
