package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.Aws;
import community.linli.platform.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    Template template = Template.load();

    @Test
    void load_readsShortFormIntrinsicsIntoTheirLongForm() {
        Map<String, Object> env = template.environmentOf("RequestsFunction");

        assertThat(env.get("REQUESTS_TABLE")).isEqualTo(Map.of("Ref", "RequestsTable"));
        assertThat(env.get("STAGE")).as("from Globals").isEqualTo(Map.of("Ref", "Stage"));
    }

    @Test
    void everyFunction_endsEachAwsCallWithinItsOwnTimeout() {
        for (String function : template.logicalIdsOfType("AWS::Serverless::Function")) {
            Map<String, String> env = new java.util.HashMap<>();
            template.environmentOf(function).forEach((name, value) -> {
                if (value instanceof String text) env.put(name, text);
            });
            Object timeout = template.properties(function).getOrDefault("Timeout", template.globalsFunction().get("Timeout"));

            Aws.Calls calls = Env.with(env, Aws.Calls::fromEnv);

            assertThat(env).as(function).containsKeys(Aws.Calls.ATTEMPT_TIMEOUT_VARIABLE, Aws.Calls.CALL_TIMEOUT_VARIABLE,
                    Aws.Calls.MAX_ATTEMPTS_VARIABLE);
            assertThat(calls.attemptTimeout()).as(function).isNotNull();
            assertThat(calls.callTimeout()).as(function).isLessThan(Duration.ofSeconds(((Number) timeout).longValue()).dividedBy(2));
        }
    }

    @Test
    void httpApiRoutes_listsEveryRouteOfEveryFunction() {
        List<Template.Route> routes = template.httpApiRoutes();

        assertThat(routes).extracting(Template.Route::routeKey).contains("POST /requests", "GET /requests/{id}");
        assertThat(routes).allSatisfy(r -> assertThat(r.functionLogicalId()).isNotBlank());
    }

    @Test
    void handlerOf_namesTheClassAndMethod() {
        assertThat(template.handlerOf("RequestsFunction")).isEqualTo("community.linli.requests.RequestsHandler::handleRequest");
    }

    @Test
    void functionsAt_namesEveryFunctionBuiltFromACodeUri() {
        for (String codeUri : template.logicalIdsOfType("AWS::Serverless::Function").stream().map(template::codeUriOf).distinct().toList()) {
            assertThat(template.functionsAt(codeUri + "/")).isNotEmpty().allSatisfy(f -> assertThat(template.codeUriOf(f)).isEqualTo(codeUri));
        }
        assertThat(template.functionsAt("testkit")).isEmpty();
    }

    @Test
    void references_namesResourcesNotParametersPseudoParametersOrSubVariables() {
        Object value = List.of(Map.of("Ref", "Stage"), Map.of("Ref", "AWS::Region"),
                Map.of("Fn::Sub", List.of("${Ids}/${FilesBucket.Arn}/${!Literal}", Map.of("Ids", Map.of("Ref", "CommunityIds")))),
                Map.of("Fn::GetAtt", List.of("RequestsTable", "StreamArn")));

        assertThat(template.references(value)).containsExactly("FilesBucket", "RequestsTable");
    }

    @Test
    void getAtt_inDotForm_becomesAListOfResourceAndAttribute() {
        Map<String, Object> destination = Template.map(Template.map(template.properties("HttpApi").get("AccessLogSettings")));

        assertThat(destination.get("DestinationArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("HttpApiAccessLogs", "Arn")));
    }
}
