package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A staff member registered by an admin signs in, shares their phone, and gets staff rights on the next token. */
@ExtendWith(MotoExtension.class)
class PhoneTest {
    static final String STAFF_PHONE = "13900000002";
    static final String WORKER_PHONE = "13700000003";
    AuthApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new AuthApi(aws);
        api.staff.register("demo", "s-1", new NewStaff("陈静", STAFF_PHONE, StaffRole.STAFF, List.of()));
        api.staff.register("demo", "gw-3", new NewStaff("王芳", WORKER_PHONE, StaffRole.GRID_WORKER, List.of("G03")));
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void phone_ofARegisteredStaffMember_givesStaffRightsOnTheNextToken() {
        var signedIn = api.signInAs("oNewStaff");
        String account = api.verify(signedIn.text("/accessToken")).get("sub").toString();

        var reply = api.phone(account, api.wechat.phoneCode(STAFF_PHONE)).expect(200);
        var next = api.verify(api.refresh(signedIn.text("/refreshToken")).expect(200).text("/accessToken"));

        assertThat(reply.body().get("registered").asBoolean()).isTrue();
        assertThat(reply.text("/phone")).isEqualTo("139****0002");
        assertThat(next).containsEntry("sub", account).containsEntry("community_id", "demo")
                .containsEntry("groups", List.of("staff")).containsEntry("staff_id", "s-1");
    }

    @Test
    void phone_ofARegisteredGridWorker_givesTheirGridsOnTheNextSignIn() {
        String account = api.verify(api.signInAs("oNewWorker").text("/accessToken")).get("sub").toString();

        api.phone(account, api.wechat.phoneCode(WORKER_PHONE)).expect(200);
        var next = api.verify(api.signInAs("oNewWorker").text("/accessToken"));

        assertThat(next).containsEntry("groups", List.of("grid-workers")).containsEntry("grid_ids", List.of("G03"))
                .containsEntry("staff_id", "gw-3");
    }

    @Test
    void phone_ofNobodyRegistered_isStoredSealedAndChangesNoRole() {
        var signedIn = api.signInAs("oResident");
        String account = api.verify(signedIn.text("/accessToken")).get("sub").toString();

        var reply = api.phone(account, api.wechat.phoneCode("13612345678")).expect(200);

        assertThat(reply.body().get("registered").asBoolean()).isFalse();
        assertThat(reply.body().get("groups")).isEmpty();
        assertThat(api.verify(api.refresh(signedIn.text("/refreshToken")).expect(200).text("/accessToken"))).doesNotContainKey("staff_id");
        var item = api.accounts.rawAccount(account).orElseThrow();
        assertThat(item.get("phone").s()).startsWith("lf1.").doesNotContain("13612345678");
        assertThat(item.get("phoneHash").s()).isEqualTo(api.staff.phoneHash("13612345678"));
        assertThat(api.items().toString()).doesNotContain("13612345678");
    }

    @Test
    void phone_reusesWeChatsAccessTokenUntilItExpires_thenFetchesOneAgain() {
        String account = api.verify(api.signInAs("oTwice").text("/accessToken")).get("sub").toString();

        api.phone(account, api.wechat.phoneCode("13612345678")).expect(200);
        api.phone(account, api.wechat.phoneCode("13612345679")).expect(200);
        int cached = api.wechat.calls(FakeWeChat.STABLE_TOKEN);
        api.wechat.expireAccessTokens();
        api.phone(account, api.wechat.phoneCode("13612345670")).expect(200);

        assertThat(cached).isEqualTo(1);
        assertThat(api.wechat.calls(FakeWeChat.STABLE_TOKEN)).isEqualTo(2);
    }

    @Test
    void phone_withAUsedCode_returns401NamingCode() {
        String account = api.verify(api.signInAs("oUsed").text("/accessToken")).get("sub").toString();
        String code = api.wechat.phoneCode(STAFF_PHONE);
        api.phone(account, code).expect(200);

        assertThat(api.phone(account, code).expect(401).errorFields()).containsExactly("code");
    }

    @Test
    void phone_whenWeChatIsBusy_returns503AndStoresNothing() {
        String account = api.verify(api.signInAs("oBusy").text("/accessToken")).get("sub").toString();
        api.wechat.failNext(FakeWeChat.PHONE_NUMBER, -1);

        api.phone(account, api.wechat.phoneCode(STAFF_PHONE)).expect(503);

        assertThat(api.accounts.rawAccount(account).orElseThrow()).doesNotContainKey("phone");
    }

    @Test
    void phone_badBodies_return4xxNamingTheFieldAndWriteNothing() {
        String account = api.verify(api.signInAs("oBad").text("/accessToken")).get("sub").toString();
        var before = api.accounts.rawAccount(account).orElseThrow();

        assertThat(api.phone(account, "").expect(400).errorFields()).containsExactly("code");
        assertThat(api.phone(account, "a b").expect(400).errorFields()).containsExactly("code");
        assertThat(api.call(HttpEvents.from("auth-phone.json").json(Map.of("code", "c", "phone", "13900000002")).build())
                .expect(400).errorFields()).containsExactly("phone");

        assertThat(api.accounts.rawAccount(account).orElseThrow()).isEqualTo(before);
        assertThat(api.wechat.calls(FakeWeChat.PHONE_NUMBER)).isZero();
    }

    @Test
    void phone_withoutVerifiedClaims_returns401() {
        api.call(HttpEvents.from("auth-phone.json").anonymous().build()).expect(401);
    }

    @Test
    void phone_forAnAccountThatDoesNotExist_returns401() {
        api.phone("u-nobody", api.wechat.phoneCode(STAFF_PHONE)).expect(401);
    }
}
