package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.testkit.FakeWeChat;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LambdaJson;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Repo;
import community.linli.testkit.lambda.FakeRuntimeApi;
import community.linli.testkit.lambda.InvocationResult;
import community.linli.testkit.lambda.LambdaProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AuthFunction as Lambda runs it: the packaged auth-function.zip, the handler string from
 * template.yaml, the real runtime interface client in its own JVM, the environment template.yaml
 * gives the function (the WeChat base URL pointed at the fake), moto for DynamoDB, KMS and
 * Secrets Manager.
 */
@ExtendWith(MotoExtension.class)
class AuthFunctionRuntimeIT {

    @Test
    void wechat_throughTheRuntimeInterfaceClient_signsInWithTheSecretFromSecretsManager(LocalAws aws) throws Exception {
        var env = aws.environment("AuthFunction");
        String secret = aws.secretsManager().getSecretValue(r -> r.secretId(env.get("WECHAT_SECRET_ARN"))).secretString();
        try (var wechat = FakeWeChat.forSecret(secret); var runtime = new FakeRuntimeApi()) {
            String event = LambdaJson.write(HttpEvents.from("auth-wechat.json").json(Map.of("code", wechat.loginCode("oPackaged"))).build());
            var builder = LambdaProcess.builder(aws.template().handlerOf("AuthFunction"))
                    .zip(Repo.file("functions/auth/target/auth-function.zip"))
                    .functionName("AuthFunction")
                    .environment(env)
                    .environment("WECHAT_API_BASE_URL", wechat.baseUrl().toString())
                    .log(Repo.file("functions/auth/target/lambda-logs/" + getClass().getSimpleName() + ".log"));
            try (var function = builder.runtimeApi(runtime).start()) {
                InvocationResult result = runtime.invoke(event, Duration.ofSeconds(60));

                assertThat(result.outcome()).as(function.output()).isEqualTo(InvocationResult.Outcome.RESPONSE);
                JsonNode response = Json.parse(result.body(), JsonNode.class);
                assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(200);
                JsonNode tokens = Json.parse(response.path("body").asText(), JsonNode.class);
                assertThat(tokens.path("accessToken").asText().split("\\.")).hasSize(3);
                assertThat(function.output()).contains("auth.signed_in").doesNotContain("oPackaged").doesNotContain(secret);
                assertThat(aws.dynamoDb().scan(r -> r.tableName(env.get("ACCOUNTS_TABLE"))).count()).isEqualTo(4);
            }
        }
    }
}
