package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.accounts.Account;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A notice for the residents with a tag reaches the residents the registry tags so, whatever their
 * grid, through the account onboarding linked to them. The registry is written as the
 * ResidentsFunction writes it (sealed with FieldKey), so this test provisions that function too.
 */
@ExtendWith(MotoExtension.class)
@Provision({"NoticesFunction", "ResidentsFunction"})
class NoticesTagAudienceTest {
    NoticesApi api;
    /** 李桂英 (G03, tagged elderly_alone and elderly_80), signed in with the account linked to her. */
    Persona liGuiying = new Persona("acc-li-guiying", DemoCommunity.ID, List.of("residents"), List.of("G03"));

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
        var crypto = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
        DemoCommunity.seedResidents(new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), crypto, api.clock));
        var accounts = new AccountStore(aws.dynamoDb(), aws.name("AccountsTable"));
        accounts.put(Account.unbound(liGuiying.sub()), "openid-hash-li-guiying", NoticesApi.NOW);
        aws.dynamoDb().transactWriteItems(r -> r.transactItems(
                accounts.linkResident(liGuiying.sub(), DemoCommunity.ID, "G03", DemoCommunity.ELDERLY_ID, DemoCommunity.HOUSEHOLD_ID, NoticesApi.NOW)));
    }

    @Test
    void aTagNotice_reachesTheTaggedResident_andNoOneElseOfTheirGrid() {
        Map<String, Object> body = NoticesApi.activity("老年人免费体检", 50);
        body.put("audience", Map.of("kind", "tag", "tag", "elderly_80"));
        String id = api.published(body);

        assertThat(api.list(liGuiying, Map.of()).expect(200).body().get("items")).hasSize(1);
        assertThat(api.get(liGuiying, id).expect(200).text("/title")).isEqualTo("老年人免费体检");
        assertThat(api.list(NoticesApi.residentOf("G03"), Map.of()).expect(200).body().get("items")).isEmpty();
        assertThat(api.get(NoticesApi.residentOf("G03"), id).status()).isEqualTo(404);
        assertThat(api.get(Persona.gridWorker("G03"), id).status()).as("a grid worker has no tags").isEqualTo(404);
        assertThat(api.alerts().getFirst().at("/MessageAttributes/grids/Value").asText()).isEqualTo("[\"all\"]");
    }

    @Test
    void theTaggedResidentsList_isTheAccountAndRecordReads_andOneQueryPerListTheyRead() {
        api.published(NoticesApi.draft("停水通知", "G03"));

        var trips = api.dynamoTrips.during(() -> api.list(liGuiying, Map.of()).expect(200));

        assertThat(trips).as("membership and record; ALL, G#G03, T#elderly_80, T#elderly_alone").isEqualTo(Map.of("GetItem", 2, "Query", 4));
    }
}
