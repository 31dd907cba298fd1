package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.auth.Role;
import community.linli.tables.accounts.Account;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class SignInTest {
    AuthApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new AuthApi(aws);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void wechat_firstSignIn_createsAnUnboundAccountAndReturnsTokensTheAuthorizerAccepts() {
        var reply = api.signInAs("oNewUser1");

        assertThat(reply.text("/tokenType")).isEqualTo("Bearer");
        assertThat(reply.body().get("expiresIn").asInt()).isEqualTo(900);
        var claims = api.verify(reply.text("/accessToken"));
        assertThat(claims.get("iss")).isEqualTo(AuthApi.ISSUER);
        assertThat(claims.get("sub").toString()).startsWith("u").doesNotContain("oNewUser1");
        assertThat(claims.get("groups")).isEqualTo(List.of());
        assertThat(claims).doesNotContainKey("community_id");
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(900);
        assertThat(reply.text("/refreshToken")).startsWith(claims.get("sub") + ".");
    }

    @Test
    void wechat_secondSignIn_isTheSameAccount() {
        String first = api.verify(api.signInAs("oReturning").text("/accessToken")).get("sub").toString();

        String second = api.verify(api.signInAs("oReturning").text("/accessToken")).get("sub").toString();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void wechat_storesNeitherTheOpenIdNorARefreshToken_onlyKeyedHashes() {
        var reply = api.signInAs("oPrivateOpenId");

        String stored = api.items().toString();
        assertThat(stored).doesNotContain("oPrivateOpenId");
        assertThat(stored).doesNotContain(reply.text("/refreshToken").split("\\.")[1]);
        assertThat(stored).contains(api.crypto.lookupHash("wechat_openid", "oPrivateOpenId"));
    }

    @Test
    void wechat_boundAccount_tokenCarriesItsCommunityRolesAndGrids() {
        api.accounts.put(new Account("gw-1", "demo", Set.of(Role.GRID_WORKER), List.of("G03", "G04")),
                api.crypto.lookupHash("wechat_openid", "oGridWorker"), AuthApi.NOW);

        var claims = api.verify(api.signInAs("oGridWorker").text("/accessToken"));

        assertThat(claims).containsEntry("sub", "gw-1").containsEntry("community_id", "demo")
                .containsEntry("groups", List.of("grid-workers")).containsEntry("grid_ids", List.of("G03", "G04"));
    }

    @Test
    void wechat_accountLinkedToARegisteredResident_tokenCarriesTheResidentAndTheirHousehold_andDiscoveryNamesTheClaims() {
        api.accounts.put(Account.unbound("res-1"), api.crypto.lookupHash("wechat_openid", "oResident"), AuthApi.NOW);
        api.aws.dynamoDb().transactWriteItems(r -> r.transactItems(
                api.accounts.linkResident("res-1", "demo", "G03", "r-demo-li-jianguo", "hh-demo-b0301-1-302", AuthApi.NOW)));

        var claims = api.verify(api.signInAs("oResident").text("/accessToken"));
        var unlinked = api.verify(api.signInAs("oNewcomer").text("/accessToken"));

        assertThat(claims).containsEntry("groups", List.of("residents")).containsEntry("grid_ids", List.of("G03"))
                .containsEntry("resident_id", "r-demo-li-jianguo").containsEntry("household_id", "hh-demo-b0301-1-302");
        assertThat(unlinked).doesNotContainKeys("resident_id", "household_id");
        assertThat(api.discovery().expect(200).body().get("claims_supported")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .contains("resident_id", "household_id");
    }

    @Test
    void wechat_usedCode_returns401NamingCode() {
        String code = api.wechat.loginCode("oTwice");
        api.signIn(code).expect(200);

        var reply = api.signIn(code).expect(401);

        assertThat(reply.errorFields()).containsExactly("code");
        assertThat(reply.text("/detail")).contains("微信");
    }

    @Test
    void wechat_unknownCode_returns401AndWritesNothing() {
        api.signIn("nosuchcode").expect(401);

        assertThat(api.items()).isEmpty();
    }

    @Test
    void wechat_rateLimitedByWeChat_returns429WithRetryAfter() {
        api.wechat.failNext(FakeWeChat.JSCODE2SESSION, 45011);

        var reply = api.signIn(api.wechat.loginCode("oBusy")).expect(429);

        assertThat(reply.headers().get("Retry-After")).isEqualTo("60");
        assertThat(api.items()).isEmpty();
    }

    @Test
    void wechat_systemBusy_returns503WithRetryAfter() {
        api.wechat.failNext(FakeWeChat.JSCODE2SESSION, -1);

        var reply = api.signIn(api.wechat.loginCode("oBusy")).expect(503);

        assertThat(reply.headers().get("Retry-After")).isEqualTo("2");
    }

    @Test
    void wechat_whenWeChatDoesNotAnswerInTime_returns503WithRetryAfter() {
        api.wechat.stallNext(FakeWeChat.JSCODE2SESSION, Duration.ofSeconds(5));

        var reply = api.signIn(api.wechat.loginCode("oSlow")).expect(503);

        assertThat(reply.headers().get("Retry-After")).isEqualTo("2");
        assertThat(api.items()).isEmpty();
    }

    @Test
    void wechat_badBodies_return4xxNamingTheFieldAndWriteNothing() {
        assertThat(api.call(HttpEvents.from("auth-wechat.json").json(Map.of()).build()).expect(400).errorFields()).containsExactly("code");
        assertThat(api.signIn(" ").expect(400).errorFields()).containsExactly("code");
        assertThat(api.signIn("x".repeat(129)).expect(400).errorFields()).containsExactly("code");
        assertThat(api.signIn("a code").expect(400).errorFields()).containsExactly("code");
        assertThat(api.call(HttpEvents.from("auth-wechat.json").json(Map.of("code", "c1", "openid", "o")).build())
                .expect(400).errorFields()).containsExactly("openid");
        assertThat(api.call(HttpEvents.from("auth-wechat.json").header("content-type", "text/plain").build())
                .expect(415).errorFields()).containsExactly("Content-Type");
        assertThat(api.call(HttpEvents.from("auth-wechat.json").body("x".repeat(70_000)).build())
                .expect(413).errorFields()).containsExactly("body");

        assertThat(api.items()).isEmpty();
        assertThat(api.wechat.calls(FakeWeChat.JSCODE2SESSION)).isZero();
    }

    @Test
    void discovery_namesTheIssuerAndItsKeys_cacheable() {
        var reply = api.discovery().expect(200);

        assertThat(reply.text("/issuer")).isEqualTo(AuthApi.ISSUER);
        assertThat(reply.text("/jwks_uri")).isEqualTo(AuthApi.ISSUER + "/.well-known/jwks.json");
        assertThat(reply.body().get("claims_supported")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .contains("community_id", "groups", "grid_ids", "staff_id");
        assertThat(reply.headers().get("Cache-Control")).isEqualTo("public, max-age=300");
    }

    @Test
    void jwks_publishesTheSigningKeyUnderItsKmsKeyId_cacheable() {
        var reply = api.jwks().expect(200);

        assertThat(reply.body().get("keys")).hasSize(1);
        assertThat(reply.text("/keys/0/kid")).isEqualTo(api.aws.environment("AuthFunction").get("TOKEN_SIGNING_KEY_ID"));
        assertThat(reply.headers().get("Cache-Control")).isEqualTo("public, max-age=300");
    }

    @Test
    void jwks_duringARotation_publishesBothKeys(LocalAws aws) {
        String next = aws.kms().createKey(r -> r.keySpec("RSA_2048").keyUsage("SIGN_VERIFY")).keyMetadata().keyId();
        try (var rotating = new AuthApi(aws, List.of(next))) {
            var keys = rotating.jwks().expect(200).body().get("keys");

            assertThat(keys).hasSize(2);
            assertThat(keys.get(1).get("kid").asText()).isEqualTo(next);
        }
    }
}
