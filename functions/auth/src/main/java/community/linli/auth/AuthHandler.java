package community.linli.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Priming;
import community.linli.platform.auth.Caller;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.Http;
import community.linli.platform.http.HttpApiHandler;
import community.linli.platform.http.Problem;
import community.linli.platform.wechat.WeChatApi;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.staff.StaffStore;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AuthFunction: WeChat sign-in and the token issuer.
 *
 * <p>On the AuthApi, without an authorizer: {@code POST /auth/wechat} exchanges a {@code wx.login}
 * code for an access token and a refresh token (200), creating the account on first sign-in;
 * {@code POST /auth/refresh} spends a refresh token for new ones (200), and a reused one revokes
 * its family (401); {@code POST /auth/logout} revokes the refresh token's family (204);
 * {@code GET /.well-known/openid-configuration} and {@code GET /.well-known/jwks.json} are the
 * issuer's discovery documents, cacheable for {@value #DISCOVERY_MAX_AGE} s. It writes the
 * AccountsTable and signs with the KMS signing key. An invalid or used code or refresh token is
 * 401 naming the field, WeChat's rate limit 429, WeChat busy or silent 503 with
 * {@code Retry-After}, a bad body 400, 413 or 415.
 *
 * <p>On the main HttpApi, behind the JWT authorizer: {@code POST /auth/phone} exchanges the
 * phone-number button's code for the WeChat-verified phone, stores it sealed with its lookup hash,
 * and when it is the phone of registered staff or grid workers (StaffTable, read), binds the
 * account to their community, roles and grids for its next token (200). Any signed-in account may
 * call it, before it belongs to a community. {@code POST /auth/subscriptions} records what the
 * resident allowed in {@code wx.requestSubscribeMessage} (200, {@link Subscriptions}); a code of
 * another WeChat user than the account's is 401 naming {@code code}.
 *
 * <p>The issuer is {@code TOKEN_ISSUER} when set (a custom domain), else the URL the AuthApi was
 * called at ({@code https://<domainName>}): the template cannot pass the AuthApi's own URL to its
 * function without a circular reference.
 */
public final class AuthHandler implements HttpApiHandler {
    static final int DISCOVERY_MAX_AGE = 300;
    private static final String CACHEABLE = "public, max-age=" + DISCOVERY_MAX_AGE;

    private final Auth auth;
    private final Subscriptions subscriptions;
    private final Optional<String> issuer;

    public AuthHandler() {
        this(Aws.Settings.fromEnv(), Env.optional("TOKEN_ISSUER"), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    private AuthHandler(Aws.Settings aws, Optional<String> issuer, Clock clock) {
        this(aws, Aws.dynamoDb(aws), Aws.kms(aws), issuer, clock);
    }

    private AuthHandler(Aws.Settings aws, DynamoDbClient dynamo, KmsClient kms, Optional<String> issuer, Clock clock) {
        this(aws, dynamo, kms, FieldCrypto.fromEnv(kms), issuer, clock);
    }

    private AuthHandler(Aws.Settings aws, DynamoDbClient dynamo, KmsClient kms, FieldCrypto crypto, Optional<String> issuer,
                        Clock clock) {
        this(aws, new AccountStore(dynamo, Env.require("ACCOUNTS_TABLE")), new WeChat(URI.create(Env.require("WECHAT_API_BASE_URL")),
                appFromSecret(Aws.secretsManager(aws), Env.require("WECHAT_SECRET_ARN")), clock), dynamo, kms, crypto, issuer, clock);
    }

    private AuthHandler(Aws.Settings aws, AccountStore accounts, WeChat wechat, DynamoDbClient dynamo, KmsClient kms,
                        FieldCrypto crypto, Optional<String> issuer, Clock clock) {
        this(new Auth(accounts, new StaffStore(dynamo, Env.require("STAFF_TABLE"), crypto, clock),
                        new KmsTokens(kms, Env.require("TOKEN_SIGNING_KEY_ID"), keyIds(Env.optional("TOKEN_PUBLISHED_KEY_IDS"))),
                        wechat, crypto, Env.require("TOKEN_AUDIENCE"), clock),
                new Subscriptions(accounts, wechat, crypto, templateIds(Env.optional("WECHAT_UPDATE_TEMPLATE_ID")), clock), issuer);
    }

    AuthHandler(Auth auth, Subscriptions subscriptions, Optional<String> issuer) {
        this.auth = auth;
        this.subscriptions = subscriptions;
        this.issuer = issuer;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, () -> switch (event.getRouteKey()) {
            case "POST /auth/wechat" -> Http.ok(auth.signIn(issuer(event), Json.read(event, CodeBody.class)));
            case "POST /auth/refresh" -> Http.ok(auth.refresh(issuer(event), Json.read(event, RefreshTokenBody.class)));
            case "POST /auth/logout" -> {
                auth.logout(Json.read(event, RefreshTokenBody.class));
                yield Http.noContent();
            }
            case "GET /.well-known/openid-configuration" ->
                    Http.withHeader(Http.ok(auth.discovery(issuer(event))), "Cache-Control", CACHEABLE);
            case "GET /.well-known/jwks.json" -> Http.withHeader(Http.ok(auth.jwks()), "Cache-Control", CACHEABLE);
            case "POST /auth/phone" -> {
                String account = Caller.subject(event);
                yield Http.ok(auth.phone(account, Json.read(event, CodeBody.class)));
            }
            case "POST /auth/subscriptions" -> {
                String account = Caller.subject(event);
                yield Http.ok(subscriptions.record(account, Json.read(event, SubscriptionsBody.class)));
            }
            default -> throw Problem.notFound();
        });
    }

    private String issuer(APIGatewayV2HTTPEvent event) {
        return issuer.orElseGet(() -> "https://" + event.getRequestContext().getDomainName());
    }

    /** The app id and secret, read from Secrets Manager on first use and kept for the container's life. */
    static Supplier<WeChatApi.App> appFromSecret(SecretsManagerClient secrets, String secretId) {
        return WeChatApi.appFromSecret(secrets, secretId);
    }

    /** The subscribe-message templates the app sends (none when the parameter is empty). */
    private static java.util.Set<String> templateIds(Optional<String> id) {
        return id.map(String::strip).filter(value -> !value.isEmpty()).map(java.util.Set::of).orElse(java.util.Set.of());
    }

    private static List<String> keyIds(Optional<String> list) {
        return list.map(ids -> Arrays.stream(ids.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Loads the JSON, KMS and DynamoDB paths of a first request; reads only, writes nothing, asks WeChat nothing. */
    void prime() {
        Json.parse("{\"code\":\"priming\"}", CodeBody.class);
        auth.jwks();
        try {
            auth.refresh("https://priming.invalid", Json.parse("{\"refreshToken\":\"priming.priming\"}", RefreshTokenBody.class));
        } catch (Problem expected) {
            // No such token: the refusal is the path a first refresh takes up to the write.
        }
    }
}
