package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpApiResponseTest {

    @Test
    void fullResponse_keepsStatusHeadersAndBody() {
        var response = HttpApiResponse.from("{\"statusCode\":201,\"headers\":{\"Location\":\"/requests/1\"},\"body\":\"{}\",\"isBase64Encoded\":false}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("location")).isEqualTo("/requests/1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void cookies_becomeOneSetCookieHeaderEach_andMultiValueHeadersRepeat() {
        var response = HttpApiResponse.from("{\"statusCode\":200,\"cookies\":[\"a=1\",\"b=2; Secure\"],"
                + "\"multiValueHeaders\":{\"X-Multi\":[\"one\",\"two\"]}}");

        assertThat(response.headerValues("set-cookie")).containsExactly("a=1", "b=2; Secure");
        assertThat(response.headerValues("x-multi")).containsExactly("one", "two");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void base64Body_isDecoded() {
        var response = HttpApiResponse.from("{\"statusCode\":200,\"body\":\"AAH/\",\"isBase64Encoded\":true}");

        assertThat(response.body()).containsExactly(0, 1, 0xff);
    }

    @Test
    void jsonWithoutStatusCode_isASimple200JsonResponse() {
        var response = HttpApiResponse.from("{\"hello\":\"world\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void jsonString_isASimpleResponseWithItsText() {
        var response = HttpApiResponse.from("\"hello\"");

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void contentLengthFromTheFunction_isLeftToTheGateway() {
        var response = HttpApiResponse.from("{\"statusCode\":200,\"headers\":{\"Content-Length\":\"999\"},\"body\":\"x\"}");

        assertThat(response.header("content-length")).isNull();
    }

    @Test
    void unreadableResponses_areRefused() {
        assertThatThrownBy(() -> HttpApiResponse.from("{\"statusCode\":\"abc\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpApiResponse.from("{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpApiResponse.from("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
