package community.linli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB and KMS round trips per auth operation, in a warm container (the per-container key
 * material already fetched: the lookup-hash key, the data key, the public keys). They are
 * deterministic, so they are asserted here and recorded in README.md.
 */
@ExtendWith(MotoExtension.class)
class AuthRoundTripsTest {
    AuthApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new AuthApi(aws);
        api.staff.register("demo", "s-1", new NewStaff("陈静", "13900000002", StaffRole.STAFF, List.of()));
        String warm = api.signInAs("oWarmUp").text("/accessToken");
        api.phone(api.verify(warm).get("sub").toString(), api.wechat.phoneCode("13600000000")).expect(200);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void firstSignIn_isOneGetItemOneTransactionAndOneSign() {
        var trips = api.trips.during(() -> api.signInAs("oFirst"));

        assertThat(trips).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1, "Sign", 1));
    }

    @Test
    void laterSignIn_readsTheLinkAndTheAccount() {
        api.signInAs("oAgain");

        var trips = api.trips.during(() -> api.signInAs("oAgain"));

        assertThat(trips).isEqualTo(Map.of("GetItem", 2, "TransactWriteItems", 1, "Sign", 1));
    }

    @Test
    void refresh_isOneBatchGetOneTransactionAndOneSign() {
        String refresh = api.signInAs("oRefresh").text("/refreshToken");

        var trips = api.trips.during(() -> api.refresh(refresh).expect(200));

        assertThat(trips).isEqualTo(Map.of("BatchGetItem", 1, "TransactWriteItems", 1, "Sign", 1));
    }

    @Test
    void reuse_isOneBatchGetAndTheRevocation() {
        String refresh = api.signInAs("oReuse").text("/refreshToken");
        api.refresh(refresh).expect(200);

        var trips = api.trips.during(() -> api.refresh(refresh).expect(401));

        assertThat(trips).isEqualTo(Map.of("BatchGetItem", 1, "UpdateItem", 1));
    }

    @Test
    void logout_isOneGetItemAndOneUpdate() {
        String refresh = api.signInAs("oLogout").text("/refreshToken");

        assertThat(api.trips.during(() -> api.logout(refresh).expect(204))).isEqualTo(Map.of("GetItem", 1, "UpdateItem", 1));
    }

    @Test
    void discoveryAndKeys_takeNoRoundTripOnceTheKeysAreRead() {
        assertThat(api.trips.during(() -> {
            api.discovery().expect(200);
            api.jwks().expect(200);
        })).isEmpty();
    }

    @Test
    void phone_ofRegisteredStaff_isOneQueryAndOneUpdate() {
        String account = api.verify(api.signInAs("oStaff").text("/accessToken")).get("sub").toString();
        String code = api.wechat.phoneCode("13900000002");

        assertThat(api.trips.during(() -> api.phone(account, code).expect(200))).isEqualTo(Map.of("Query", 1, "UpdateItem", 1));
    }

    @Test
    void badInput_costsNoRoundTrip() {
        assertThat(api.trips.during(() -> {
            api.signIn("bad code").expect(400);
            api.refresh("").expect(400);
            api.refresh("no-dot").expect(401);
        })).isEmpty();
    }

    @Test
    void priming_readsButWritesNothing() {
        api.trips.reset();
        int itemsBefore = api.items().size();

        api.handler.prime();

        assertThat(api.trips.byOperation().keySet()).isSubsetOf("GetPublicKey", "BatchGetItem", "GetItem");
        assertThat(api.items()).hasSize(itemsBefore);
    }
}
