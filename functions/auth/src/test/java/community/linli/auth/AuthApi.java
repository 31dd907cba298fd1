package community.linli.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.nimbusds.jose.jwk.JWKSet;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.Persona;
import community.linli.testkit.ApiReply;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.LocalTokens;
import community.linli.testkit.MutableClock;
import community.linli.testkit.RoundTrips;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AuthFunction as a client sees it, for tests: the handler built as its no-arg constructor would
 * build it, on the template's resources on moto and a fake WeChat API; events from the fixtures in
 * events/; every response checked against openapi.yaml ({@link ApiReply}); round trips counted per service.
 */
final class AuthApi implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-28T08:15:30.123Z");
    /** The issuer the fixtures' domain name gives (https://<domainName>). */
    static final String ISSUER = "https://auth123.execute-api.ap-east-1.amazonaws.com";

    final LocalAws aws;
    final FakeWeChat wechat;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips trips = new RoundTrips();
    final AccountStore accounts;
    final StaffStore staff;
    final FieldCrypto crypto;
    final String audience;
    final String templateId;
    final AuthHandler handler;

    AuthApi(LocalAws aws) {
        this(aws, List.of());
    }

    /** With {@code extraPublishedKeys} published in the JWKS beside the signing key. */
    AuthApi(LocalAws aws, List<String> extraPublishedKeys) {
        this.aws = aws;
        var env = aws.environment("AuthFunction");
        this.wechat = FakeWeChat.forSecret(aws.secretsManager().getSecretValue(r -> r.secretId(env.get("WECHAT_SECRET_ARN"))).secretString());
        this.audience = env.get("TOKEN_AUDIENCE");
        var dynamo = aws.countingDynamoDb(trips);
        var kms = aws.countingKms(trips);
        this.crypto = new FieldCrypto(kms, env.get("FIELD_KEY_ID"), env.get("LOOKUP_KEY_ID"));
        this.accounts = new AccountStore(aws.dynamoDb(), env.get("ACCOUNTS_TABLE"));
        var app = AuthHandler.appFromSecret(aws.secretsManager(), env.get("WECHAT_SECRET_ARN"));
        this.staff = new StaffStore(aws.dynamoDb(), env.get("STAFF_TABLE"), crypto, clock);
        var countedAccounts = new AccountStore(dynamo, env.get("ACCOUNTS_TABLE"));
        var weChat = new WeChat(wechat.baseUrl(), app, clock);
        var auth = new Auth(countedAccounts,
                new StaffStore(dynamo, env.get("STAFF_TABLE"), crypto, clock),
                new KmsTokens(kms, env.get("TOKEN_SIGNING_KEY_ID"), extraPublishedKeys),
                weChat, crypto, audience, clock);
        this.templateId = env.get("WECHAT_UPDATE_TEMPLATE_ID");
        this.handler = new AuthHandler(auth, new Subscriptions(countedAccounts, weChat, crypto, java.util.Set.of(templateId), clock),
                Optional.empty());
    }

    ApiReply call(APIGatewayV2HTTPEvent event) {
        return ApiReply.call(handler, event);
    }

    ApiReply signIn(String code) {
        return call(HttpEvents.from("auth-wechat.json").json(Map.of("code", code)).build());
    }

    /** Signs in as a new WeChat user with a fresh code: the tokens. */
    ApiReply signInAs(String openId) {
        return signIn(wechat.loginCode(openId)).expect(200);
    }

    ApiReply refresh(String refreshToken) {
        return call(HttpEvents.from("auth-refresh.json").json(Map.of("refreshToken", refreshToken)).build());
    }

    ApiReply logout(String refreshToken) {
        return call(HttpEvents.from("auth-logout.json").json(Map.of("refreshToken", refreshToken)).build());
    }

    /** {@code POST /auth/phone} as the account {@code accountId}, before it belongs to any community. */
    ApiReply phone(String accountId, String code) {
        return call(HttpEvents.from("auth-phone.json").as(new Persona(accountId, null, List.of(), List.of()))
                .json(Map.of("code", code)).build());
    }

    /** {@code POST /auth/subscriptions} as the account {@code accountId}, with a fresh login code of {@code openId}. */
    ApiReply subscriptions(String accountId, String openId, Map<String, String> templates) {
        return call(HttpEvents.from("auth-subscriptions.json").as(new Persona(accountId, null, List.of(), List.of()))
                .json(Map.of("code", wechat.loginCode(openId), "templates", templates)).build());
    }

    ApiReply discovery() {
        return call(HttpEvents.from("auth-openid-configuration.json").build());
    }

    ApiReply jwks() {
        return call(HttpEvents.from("auth-jwks.json").build());
    }

    /** The access token's claims, checked as the JWT authorizer checks them against the published keys. */
    Map<String, Object> verify(String accessToken) {
        try {
            return LocalTokens.verify(accessToken, JWKSet.parse(jwks().expect(200).body().toString()), ISSUER, audience, clock);
        } catch (LocalTokens.InvalidToken | ParseException e) {
            throw new AssertionError("The JWT authorizer would refuse the token: " + e.getMessage(), e);
        }
    }

    /** Every item of the AccountsTable, as stored. */
    List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items() {
        return aws.dynamoDb().scan(r -> r.tableName(aws.name("AccountsTable"))).items();
    }

    @Override
    public void close() {
        wechat.close();
    }
}
