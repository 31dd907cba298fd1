package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call each route of AuthFunction. Sign-in, refresh, logout and discovery sit on the
 * AuthApi without an authorizer: they depend on what the body proves (a WeChat code, a refresh
 * token), never on claims, so every caller gets the same answer. {@code POST /auth/phone} and
 * {@code POST /auth/subscriptions} need a verified account, in any group or none, in a community or not.
 */
@ExtendWith(MotoExtension.class)
class AuthAuthorizationMatrixTest {
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
    void theMatrixCoversEveryRouteOfAuthFunction() {
        assertThat(Template.load().httpApiRoutes().stream().filter(r -> r.functionLogicalId().equals("AuthFunction"))
                .map(r -> r.routeKey() + (r.authorized() ? " (token)" : " (public)")).toList())
                .containsExactlyInAnyOrder("POST /auth/wechat (public)", "POST /auth/refresh (public)", "POST /auth/logout (public)",
                        "GET /.well-known/openid-configuration (public)", "GET /.well-known/jwks.json (public)",
                        "POST /auth/phone (token)", "POST /auth/subscriptions (token)");
    }

    @Test
    void publicRoutes_answerTheSameWithOrWithoutAnAccessToken() {
        String someonesToken = "Bearer " + api.signInAs("oSomeone").text("/accessToken");
        for (String authorization : new String[] {null, someonesToken, "Bearer forged"}) {
            Function<HttpEvents, HttpEvents> caller = events -> events.header("authorization", authorization);
            String refresh = api.signInAs("oCaller").text("/refreshToken");
            Map<String, Integer> statuses = new LinkedHashMap<>();

            statuses.put("wechat", api.call(caller.apply(HttpEvents.from("auth-wechat.json")
                    .json(Map.of("code", api.wechat.loginCode("oCaller")))).build()).status());
            statuses.put("refresh", api.call(caller.apply(HttpEvents.from("auth-refresh.json")
                    .json(Map.of("refreshToken", refresh))).build()).status());
            statuses.put("logout", api.call(caller.apply(HttpEvents.from("auth-logout.json")
                    .json(Map.of("refreshToken", refresh))).build()).status());
            statuses.put("discovery", api.call(caller.apply(HttpEvents.from("auth-openid-configuration.json")).build()).status());
            statuses.put("jwks", api.call(caller.apply(HttpEvents.from("auth-jwks.json")).build()).status());

            assertThat(statuses).as("Authorization: %s", authorization)
                    .isEqualTo(Map.of("wechat", 200, "refresh", 200, "logout", 204, "discovery", 200, "jwks", 200));
        }
    }

    @Test
    void phone_anyVerifiedAccountMayShareItsPhone_nobodyElse() {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (var caller : callers().entrySet()) {
            String sub = caller.getKey().equals("anonymous") ? "nobody"
                    : api.verify(api.signInAs("o-phone-" + caller.getKey()).text("/accessToken")).get("sub").toString();
            HttpEvents event = HttpEvents.from("auth-phone.json").json(Map.of("code", api.wechat.phoneCode("13612345678")));
            statuses.put(caller.getKey(), api.call(caller.getValue().apply(event.as(persona(caller.getKey()).withSub(sub))).build()).status());
        }

        assertThat(statuses).isEqualTo(Map.of("resident", 200, "grid-worker", 200, "staff", 200, "admin", 200,
                "ungrouped", 200, "no-community", 200, "anonymous", 401));
    }

    @Test
    void subscriptions_anyVerifiedAccountMayRecordItsConsent_nobodyElse() {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (var caller : callers().entrySet()) {
            String openId = "o-sub-" + caller.getKey();
            String sub = caller.getKey().equals("anonymous") ? "nobody"
                    : api.verify(api.signInAs(openId).text("/accessToken")).get("sub").toString();
            HttpEvents event = HttpEvents.from("auth-subscriptions.json")
                    .json(Map.of("code", api.wechat.loginCode(openId), "templates", Map.of(api.templateId, "accept")));
            statuses.put(caller.getKey(), api.call(caller.getValue().apply(event.as(persona(caller.getKey()).withSub(sub))).build()).status());
        }

        assertThat(statuses).isEqualTo(Map.of("resident", 200, "grid-worker", 200, "staff", 200, "admin", 200,
                "ungrouped", 200, "no-community", 200, "anonymous", 401));
    }

    private static Persona persona(String name) {
        return switch (name) {
            case "resident" -> Persona.resident();
            case "grid-worker" -> Persona.gridWorker("G03");
            case "staff" -> Persona.staff();
            case "admin" -> Persona.admin();
            case "ungrouped" -> Persona.ungrouped();
            default -> new Persona("x", null, List.of(), List.of());
        };
    }

    private static Map<String, Function<HttpEvents, HttpEvents>> callers() {
        Map<String, Function<HttpEvents, HttpEvents>> callers = new LinkedHashMap<>();
        for (String name : List.of("resident", "grid-worker", "staff", "admin", "ungrouped", "no-community")) {
            callers.put(name, events -> events);
        }
        callers.put("anonymous", HttpEvents::anonymous);
        return callers;
    }
}
