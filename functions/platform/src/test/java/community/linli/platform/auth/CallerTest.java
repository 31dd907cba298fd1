package community.linli.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import community.linli.platform.http.Problem;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void of_readsGroupsInTheFormApiGatewayRendersListClaims() {
        var caller = Caller.of(event(Map.of("sub", "u1", "community_id", "demo", "groups", "[staff grid-workers]")));

        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.STAFF, Role.GRID_WORKER);
        assertThat(caller.isStaff()).isTrue();
    }

    @Test
    void of_readsCommunityAndGridListAsApiGatewayRendersThem() {
        var caller = Caller.of(event(Map.of("sub", "u1", "community_id", "demo", "grid_ids", "[G01 G02]",
                "groups", "[grid-workers]")));

        assertThat(caller.communityId()).isEqualTo("demo");
        assertThat(caller.gridIds()).containsExactlyInAnyOrder("G01", "G02");
        assertThat(caller.coversGrid("G02")).isTrue();
        assertThat(caller.coversGrid("G03")).isFalse();
    }

    @Test
    void of_readsTheStaffIdOfAnAccountLinkedToTheRegistry_andNoneOtherwise() {
        var linked = Caller.of(event(Map.of("sub", "u1", "community_id", "demo", "groups", "[grid-workers]", "staff_id", "demo-grid-worker")));
        var resident = Caller.of(event(Map.of("sub", "u2", "community_id", "demo", "groups", "[residents]")));
        var malformed = Caller.of(event(Map.of("sub", "u3", "community_id", "demo", "groups", "[staff]", "staff_id", "a b#c")));

        assertThat(linked.staffId()).isEqualTo("demo-grid-worker");
        assertThat(resident.staffId()).isNull();
        assertThat(malformed.staffId()).isNull();
    }

    @Test
    void of_withoutClaims_isUnauthorized() {
        var event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());

        assertThatThrownBy(() -> Caller.of(event))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.UNAUTHORIZED));
    }

    @Test
    void of_withoutCommunity_isForbidden() {
        assertThatThrownBy(() -> Caller.of(event(Map.of("sub", "u1", "groups", "[residents]"))))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
    }

    @Test
    void of_withACommunityIdThatCouldForgeAKey_isForbidden() {
        assertThatThrownBy(() -> Caller.of(event(Map.of("sub", "u1", "community_id", "demo#REQ#x", "groups", "[staff]"))))
                .isInstanceOf(Problem.class);
    }

    @Test
    void of_ignoresUnknownGroups() {
        var caller = Caller.of(event(Map.of("sub", "u1", "community_id", "demo", "groups", "[superusers residents]")));

        assertThat(caller.roles()).containsExactly(Role.RESIDENT);
    }

    @Test
    void of_ignoresCognitoClaimNames_whichNoIssuerOfOursWrites() {
        var caller = Caller.of(event(Map.of("sub", "u1", "community_id", "demo", "cognito:groups", "[admins]")));

        assertThat(caller.roles()).isEmpty();
    }

    @Test
    void subject_withoutCommunity_isTheAccountId() {
        assertThat(Caller.subject(event(Map.of("sub", "u1", "groups", "[]")))).isEqualTo("u1");
    }

    @Test
    void require_withoutAnyOfTheRoles_isForbidden() {
        var caller = Caller.of(event(Map.of("sub", "u1", "community_id", "demo", "groups", "[residents]")));

        assertThatThrownBy(() -> caller.require(Role.STAFF, Role.ADMIN)).isInstanceOf(Problem.class);
    }

    static APIGatewayV2HTTPEvent event(Map<String, String> claims) {
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(new HashMap<>(claims));
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        var event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        return event;
    }
}
