package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.auth.Role;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class RefreshTest {
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
    void refresh_rotatesTheRefreshToken_andIssuesANewAccessToken() {
        var first = api.signInAs("oRotating");

        var second = api.refresh(first.text("/refreshToken")).expect(200);

        assertThat(second.text("/refreshToken")).isNotEqualTo(first.text("/refreshToken"));
        assertThat(api.verify(second.text("/accessToken")).get("sub")).isEqualTo(api.verify(first.text("/accessToken")).get("sub"));
        api.refresh(second.text("/refreshToken")).expect(200);
    }

    @Test
    void refresh_reusingASpentToken_returns401AndRevokesTheWholeFamily() {
        var first = api.signInAs("oStolen");
        var second = api.refresh(first.text("/refreshToken")).expect(200);

        var reuse = api.refresh(first.text("/refreshToken")).expect(401);

        assertThat(reuse.errorFields()).containsExactly("refreshToken");
        api.refresh(second.text("/refreshToken")).expect(401);
    }

    @Test
    void refresh_otherFamiliesOfTheSameAccount_surviveAReuse() {
        var phone = api.signInAs("oTwoDevices");
        var tablet = api.signInAs("oTwoDevices");
        api.refresh(phone.text("/refreshToken")).expect(200);

        api.refresh(phone.text("/refreshToken")).expect(401);

        api.refresh(tablet.text("/refreshToken")).expect(200);
    }

    @Test
    void refresh_afterTheRoleChanged_carriesTheNewRole() {
        var first = api.signInAs("oPromoted");
        String sub = api.verify(first.text("/accessToken")).get("sub").toString();
        api.accounts.bindPhone(sub, "sealed", "hash", new community.linli.tables.accounts.Account(sub, "demo",
                Set.of(Role.STAFF), List.of()), AuthApi.NOW);

        var claims = api.verify(api.refresh(first.text("/refreshToken")).expect(200).text("/accessToken"));

        assertThat(claims).containsEntry("community_id", "demo").containsEntry("groups", List.of("staff"));
    }

    @Test
    void refresh_expiredToken_returns401() {
        var first = api.signInAs("oAway");
        api.clock.advance(Auth.REFRESH_TOKEN_VALIDITY.plus(Duration.ofSeconds(1)));

        api.refresh(first.text("/refreshToken")).expect(401);
    }

    @Test
    void refresh_forgedOrMalformedTokens_return401NamingTheField() {
        var first = api.signInAs("oForger");
        String sub = api.verify(first.text("/accessToken")).get("sub").toString();

        assertThat(api.refresh(sub + ".forged").expect(401).errorFields()).containsExactly("refreshToken");
        assertThat(api.refresh("no-dot").expect(401).errorFields()).containsExactly("refreshToken");
        assertThat(api.refresh("other." + first.text("/refreshToken").split("\\.")[1]).expect(401).errorFields())
                .containsExactly("refreshToken");
        assertThat(api.refresh("a#b.c").expect(401).errorFields()).containsExactly("refreshToken");
        assertThat(api.refresh("").expect(400).errorFields()).containsExactly("refreshToken");
    }

    @Test
    void logout_revokesTheFamily_soTheRefreshTokenNoLongerWorks() {
        var first = api.signInAs("oLeaving");

        api.logout(first.text("/refreshToken")).expect(204);

        api.refresh(first.text("/refreshToken")).expect(401);
    }

    @Test
    void logout_withAnUnknownToken_is204AndWritesNothing() {
        api.logout("nobody.nothing").expect(204);

        assertThat(api.items()).isEmpty();
    }

    @Test
    void logout_withATokenOfNoAccountShape_is204AndWritesNothing() {
        api.logout("0").expect(204);

        assertThat(api.items()).isEmpty();
    }
}
