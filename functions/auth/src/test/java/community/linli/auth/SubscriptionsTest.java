package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.FakeWeChat;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A resident allows subscribe messages in the mini-program; each accept allows one message, a refusal none. */
@ExtendWith(MotoExtension.class)
class SubscriptionsTest {
    AuthApi api;
    String account;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new AuthApi(aws);
        account = api.verify(api.signInAs("oResident").text("/accessToken")).get("sub").toString();
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void subscriptions_eachAcceptAllowsOneMoreMessage_andStoresTheOpenIdSealed() {
        var first = api.subscriptions(account, "oResident", Map.of(api.templateId, "accept")).expect(200);
        var second = api.subscriptions(account, "oResident", Map.of(api.templateId, "accept")).expect(200);

        assertThat(first.body().get("templates").get(api.templateId).asLong()).isEqualTo(1);
        assertThat(second.body().get("templates").get(api.templateId).asLong()).isEqualTo(2);
        var stored = api.accounts.subscription(account, api.templateId).orElseThrow();
        assertThat(stored.remaining()).isEqualTo(2);
        assertThat(stored.sealedOpenId()).startsWith("lf1.");
        assertThat(api.crypto.open(community.linli.tables.accounts.AccountStore.OPENID_FIELD, stored.sealedOpenId())).isEqualTo("oResident");
        assertThat(api.items().toString()).doesNotContain("oResident");
    }

    @Test
    void subscriptions_aRejectOrBan_allowsNoMessageAnyMore() {
        api.subscriptions(account, "oResident", Map.of(api.templateId, "accept")).expect(200);

        var reply = api.subscriptions(account, "oResident", Map.of(api.templateId, "ban")).expect(200);

        assertThat(reply.body().get("templates").get(api.templateId).asLong()).isZero();
        assertThat(api.accounts.subscription(account, api.templateId).orElseThrow().remaining()).isZero();
    }

    @Test
    void subscriptions_ofTemplatesTheAppDoesNotSend_orFiltered_recordNothing() {
        var reply = api.subscriptions(account, "oResident", Map.of("someOtherTemplate", "accept", api.templateId, "filter")).expect(200);

        assertThat(reply.body().get("templates")).isEmpty();
        assertThat(api.accounts.subscription(account, api.templateId)).isEmpty();
    }

    @Test
    void subscriptions_withTheCodeOfAnotherWeChatUser_returns401NamingCodeAndRecordsNothing() {
        var reply = api.subscriptions(account, "oSomeoneElse", Map.of(api.templateId, "accept")).expect(401);

        assertThat(reply.errorFields()).containsExactly("code");
        assertThat(api.accounts.subscription(account, api.templateId)).isEmpty();
    }

    @Test
    void subscriptions_forAnAccountThatDoesNotExist_returns401() {
        api.subscriptions("u-nobody", "oResident", Map.of(api.templateId, "accept")).expect(401);
    }

    @Test
    void subscriptions_withoutVerifiedClaims_returns401() {
        api.call(HttpEvents.from("auth-subscriptions.json").anonymous().build()).expect(401);
    }

    @Test
    void subscriptions_whenWeChatIsBusy_returns503AndRecordsNothing() {
        api.wechat.failNext(FakeWeChat.JSCODE2SESSION, -1);

        api.subscriptions(account, "oResident", Map.of(api.templateId, "accept")).expect(503);

        assertThat(api.accounts.subscription(account, api.templateId)).isEmpty();
    }

    @Test
    void subscriptions_badBodies_return400NamingTheFieldAndAskWeChatNothing() {
        int calls = api.wechat.calls(FakeWeChat.JSCODE2SESSION);

        assertThat(body(Map.of("templates", Map.of(api.templateId, "accept"))).errorFields()).containsExactly("code");
        assertThat(body(Map.of("code", "c1")).errorFields()).containsExactly("templates");
        assertThat(body(Map.of("code", "c1", "templates", Map.of())).errorFields()).containsExactly("templates");
        assertThat(body(Map.of("code", "c1", "templates", Map.of("a", "accept", "b", "accept", "c", "accept", "d", "accept")))
                .errorFields()).containsExactly("templates");
        assertThat(body(Map.of("code", "c1", "templates", Map.of("bad id", "accept"))).errorFields()).containsExactly("templates");
        assertThat(body(Map.of("code", "c1", "templates", Map.of(api.templateId, "yes"))).errorFields())
                .containsExactly("templates." + api.templateId);
        assertThat(body(Map.of("code", "c1", "templates", Map.of(api.templateId, "accept"), "openId", "o1")).errorFields())
                .containsExactly("openId");

        assertThat(api.wechat.calls(FakeWeChat.JSCODE2SESSION)).isEqualTo(calls);
        assertThat(api.accounts.subscription(account, api.templateId)).isEmpty();
    }

    @Test
    void subscriptions_costAGetItemAndAnUpdateItem_plusOneGenerateDataKeyAContainersFirstSeal() {
        var first = api.trips.during(() -> api.subscriptions(account, "oResident", Map.of(api.templateId, "accept")).expect(200));
        var later = api.trips.during(() -> api.subscriptions(account, "oResident", Map.of(api.templateId, "accept")).expect(200));

        assertThat(first).isEqualTo(Map.of("GetItem", 1, "GenerateDataKey", 1, "UpdateItem", 1));
        assertThat(later).isEqualTo(Map.of("GetItem", 1, "UpdateItem", 1));
    }

    private community.linli.testkit.ApiReply body(Map<String, Object> body) {
        return api.call(HttpEvents.from("auth-subscriptions.json")
                .as(new community.linli.testkit.Persona(account, null, java.util.List.of(), java.util.List.of())).json(body).build())
                .expect(400);
    }
}
