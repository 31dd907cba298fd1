package community.linli.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpTest {

    @Test
    void query_namesEveryUnknownParameter_andIgnoresOneWithoutAName() {
        var event = new APIGatewayV2HTTPEvent();
        event.setQueryStringParameters(Map.of("limit", "5", "", "x", "utm", "a", "page", "2"));
        Check check = Check.of();

        var params = Http.query(event, check, Set.of("limit", "cursor"));

        assertThat(params).containsEntry("limit", "5");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(Problem.class, check::done).errors())
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.api.Assertions.tuple("page", "unknown_parameter"),
                        org.assertj.core.api.Assertions.tuple("utm", "unknown_parameter"));
    }

    @Test
    void wantsEnglish_whenEnglishIsListedAtAll() {
        assertThat(Http.wantsEnglish("en")).isTrue();
        assertThat(Http.wantsEnglish("zh-CN,zh;q=0.9,en;q=0.8")).isTrue();
        assertThat(Http.wantsEnglish("zh-CN")).isFalse();
        assertThat(Http.wantsEnglish("en;q=0")).isFalse();
        assertThat(Http.wantsEnglish("")).isFalse();
    }

    @Test
    void wantsEnglish_byWeightAndRange_asRfc9110ReadsThem() {
        assertThat(Http.wantsEnglish("EN-gb")).isTrue();
        assertThat(Http.wantsEnglish("zh;q=1.0, en-US;q=0.001")).isTrue();
        assertThat(Http.wantsEnglish("en;q=0, en-GB;q=0.5")).isTrue();
        assertThat(Http.wantsEnglish("en;q=0.0")).isFalse();
        assertThat(Http.wantsEnglish("en-US;q=0, zh")).isFalse();
        assertThat(Http.wantsEnglish("*")).isFalse();
        assertThat(Http.wantsEnglish("zh-CN, *;q=0.5")).isFalse();
        assertThat(Http.wantsEnglish("english")).isFalse();
    }

    @Test
    void wantsEnglish_whenTheHeaderDoesNotParse_isChineseOnly() {
        assertThat(Http.wantsEnglish("en;q=abc")).isFalse();
        assertThat(Http.wantsEnglish("en;q=2")).isFalse();
        assertThat(Http.wantsEnglish("en;;q=1")).isFalse();
        assertThat(Http.wantsEnglish("zh, en-@@")).isFalse();
        assertThat(Http.wantsEnglish(",,,")).isFalse();
    }

    @Test
    void respond_withAMalformedAcceptLanguage_stillAnswersTheProblemInChinese() {
        var event = event();
        event.setHeaders(Map.of("accept-language", "en;q=abc, zh;;"));

        var response = Http.respond(event, () -> { throw Problem.notFound(); });

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"detail\"").doesNotContain("detail_en");
        assertThat(response.getHeaders()).doesNotContainKey("Content-Language");
    }

    @Test
    void emergency_inEnglish_carriesTheEnglishMessage_andNoChinese() {
        var event = event();
        event.setHeaders(Map.of("accept-language", "en"));

        var response = Http.respond(event, () -> { throw Problem.emergency("category", "如遇火情，请立即拨打 119", "If there is a fire, call 119", "119"); });

        var body = community.linli.platform.Json.parse(response.getBody(), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(body.get("detail").asText()).startsWith("如遇火情");
        assertThat(body.get("detail_en").asText()).isEqualTo("If there is a fire, call 119. The community cannot take this online: call 119 now");
        assertThat(body.at("/errors/0/message_en").asText()).isEqualTo(body.get("detail_en").asText());
    }

    @Test
    void emergency_inEnglish_withoutAnEnglishMessage_saysSoInEnglish_neverInChinese() {
        var event = event();
        event.setHeaders(Map.of("accept-language", "en"));

        var response = Http.respond(event, () -> { throw Problem.emergency("category", "请立即拨打 96777", null, "96777"); });

        var body = community.linli.platform.Json.parse(response.getBody(), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(body.get("detail_en").asText()).isEqualTo("This is an emergency. The community cannot take this online: call 96777 now");
        assertThat(body.at("/errors/0/message_en").asText()).doesNotContain("请");
    }

    @Test
    void respond_toAnUnexpectedFailure_returns500ThatNamesOnlyTheRequestId() {
        var event = event();

        var response = Http.respond(event, () -> { throw new IllegalStateException("table secret-table-name is gone"); });

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("secret-table-name").contains("urn:linli:request:req-1");
        assertThat(response.getHeaders().get("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void respond_toAProblem_returnsItsStatusAndHeaders() {
        var response = Http.respond(event(), () -> { throw Problem.unauthorized(); });

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
    }

    @Test
    void respond_withABody_writesJsonAndForbidsCaching() {
        var response = Http.respond(event(), () -> Http.ok(Map.of("id", "261128-0001")));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"id\":\"261128-0001\"}");
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
        assertThat(response.getHeaders().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void respond_withBinary_base64EncodesTheBody() {
        var response = Http.respond(event(), () -> Http.binary(new byte[] {1, 2, 3}, "image/png", Map.of()));

        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(response.getBody()).isEqualTo("AQID");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "image/png");
    }

    static APIGatewayV2HTTPEvent event() {
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-1");
        var event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /x");
        event.setRequestContext(context);
        event.setHeaders(Map.of());
        return event;
    }
}
