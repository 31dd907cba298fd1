package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.FakeWeChat;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AuthFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): the JWKS and a refused refresh
 * run, nothing is written, and WeChat is asked nothing, so neither an access token nor a session
 * key can be in the snapshot. {@code AuthRoundTripsTest} counts the calls priming makes in-process.
 */
@ExtendWith(MotoExtension.class)
class AuthSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsTheKeysAndARefusedRefresh_writesNothing_andAsksWeChatNothing(LocalAws aws) throws Exception {
        var env = aws.environment("AuthFunction");
        String secret = aws.secretsManager().getSecretValue(r -> r.secretId(env.get("WECHAT_SECRET_ARN"))).secretString();
        long accountsBefore = aws.dynamoDb().scan(r -> r.tableName(env.get("ACCOUNTS_TABLE"))).count();
        try (var wechat = FakeWeChat.forSecret(secret)) {
            String output = PackagedFunction.of(aws, "AuthFunction").log(getClass().getSimpleName())
                    .environment("WECHAT_API_BASE_URL", wechat.baseUrl().toString())
                    .primeForSnapshot("auth-wechat.json").output();

            assertThat(output).contains("\"event\":\"snapstart.primed\"").doesNotContain(secret);
            assertThat(aws.dynamoDb().scan(r -> r.tableName(env.get("ACCOUNTS_TABLE"))).count()).isEqualTo(accountsBefore);
            for (String api : new String[] {FakeWeChat.JSCODE2SESSION, FakeWeChat.STABLE_TOKEN, FakeWeChat.TOKEN, FakeWeChat.PHONE_NUMBER}) {
                assertThat(wechat.calls(api)).as(api).isZero();
            }
        }
    }
}
