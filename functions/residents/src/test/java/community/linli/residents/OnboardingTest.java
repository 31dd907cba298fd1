package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.auth.Role;
import community.linli.tables.accounts.Account;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Onboarding on moto: a signed-in account applies to join a room, is linked at once by its verified
 * phone or waits for the grid worker, and the account item (what the token issuer reads at the next
 * refresh) carries the community, the residents group and the grid exactly while it is linked.
 */
@ExtendWith(MotoExtension.class)
class OnboardingTest {
    ResidentsApi api;
    Persona gridWorker = ResidentsApi.gridWorker();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new ResidentsApi(aws);
    }

    static Map<String, Object> room(String building, String unit, String room, String name, String relation) {
        return Map.of("communityId", DemoCommunity.ID, "buildingId", building, "unitId", unit, "roomId", room, "name", name,
                "relation", relation);
    }

    private Map<String, Object> zhangMingsRoom() {
        return room("B0302", "1", "101", "张明", "head");
    }

    @Test
    void apply_withTheVerifiedPhoneOfTheRoomsResident_linksAtOnce_andTheAccountCarriesCommunityGroupAndGrid() {
        String account = api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE);

        var reply = api.apply(ResidentsApi.newcomer(account), zhangMingsRoom()).expect(201);

        assertThat(reply.text("/status")).isEqualTo("linked");
        assertThat(reply.text("/residentId")).isEqualTo(DemoCommunity.PHONE_RESIDENT_ID);
        Account linked = api.account(account);
        assertThat(linked.communityId()).isEqualTo(DemoCommunity.ID);
        assertThat(linked.roles()).isEqualTo(Set.of(Role.RESIDENT));
        assertThat(linked.gridIds()).containsExactly("G03");
    }

    @Test
    void apply_withAPhoneOfAnotherRoom_waitsForTheGridWorker_andTheAccountStaysOutside() {
        String account = api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE);

        var reply = api.apply(ResidentsApi.newcomer(account), room("B0301", "1", "302", "张明", "child")).expect(201);

        assertThat(reply.text("/status")).isEqualTo("pending");
        assertThat(api.account(account).communityId()).isNull();
        assertThat(api.applications(gridWorker, Map.of("grid", "G03")).expect(200).body().path("items").findValuesAsText("id"))
                .contains(reply.text("/id"));
    }

    @Test
    void approve_byRegisteringANewResident_linksTheApplicant_andTheirApplicationShowsIt() {
        String household = api.household("101");
        String account = api.newAccount(null);
        Persona applicant = ResidentsApi.newcomer(account);
        String id = api.apply(applicant, room("B0301", "2", "101", "王芳", "head")).expect(201).text("/id");

        var approved = api.approve(gridWorker, id, Map.of("householdId", household, "idNumber", IdNumbers.fresh(),
                "residenceType", "permanent", "phone", "13711112222")).expect(200);

        assertThat(approved.text("/status")).isEqualTo("linked");
        String residentId = approved.text("/residentId");
        assertThat(api.get(gridWorker, residentId).expect(200).text("/name")).isEqualTo("王芳");
        assertThat(api.household(gridWorker, household).expect(200).text("/headResidentId")).isEqualTo(residentId);
        assertThat(api.account(account).communityId()).isEqualTo(DemoCommunity.ID);
        assertThat(api.account(account).gridIds()).containsExactly("G03");
        var mine = api.myApplications(applicant).expect(200).body().path("items");
        assertThat(mine.get(0).path("status").asText()).isEqualTo("linked");
        assertThat(api.applications(gridWorker, Map.of("grid", "G03")).expect(200).body().path("items").findValuesAsText("id"))
                .doesNotContain(id);
    }

    @Test
    void approve_byLinkingARegisteredResidentOfTheRoom_linksTheApplicant_andASecondAccountForThatResidentIsRefused() {
        String first = api.newAccount(null);
        String second = api.newAccount(null);
        String firstId = api.apply(ResidentsApi.newcomer(first), room("B0301", "1", "302", "王秀兰", "spouse")).expect(201).text("/id");
        String secondId = api.apply(ResidentsApi.newcomer(second), room("B0301", "1", "302", "王秀兰", "spouse")).expect(201).text("/id");

        api.approve(gridWorker, firstId, Map.of("residentId", DemoCommunity.SPOUSE_ID)).expect(200);
        var again = api.approve(gridWorker, secondId, Map.of("residentId", DemoCommunity.SPOUSE_ID));

        assertThat(api.account(first).communityId()).isEqualTo(DemoCommunity.ID);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("detail").asText()).isEqualTo("此居民已绑定其他账号");
        assertThat(api.account(second).communityId()).isNull();
    }

    @Test
    void approve_withAResidentOfAnotherRoom_returns400NamingResidentId() {
        String id = api.apply(ResidentsApi.newcomer(api.newAccount(null)), room("B0301", "1", "302", "甲", "child")).expect(201).text("/id");

        var reply = api.approve(gridWorker, id, Map.of("residentId", DemoCommunity.PHONE_RESIDENT_ID));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("residentId");
    }

    @Test
    void refuse_carriesTheReasonToTheApplicant_whoMayApplyAgain() {
        String account = api.newAccount(null);
        Persona applicant = ResidentsApi.newcomer(account);
        String id = api.apply(applicant, room("B0301", "1", "302", "钱进", "child")).expect(201).text("/id");

        api.refuse(gridWorker, id, Map.of("reason", "经核实，此户无此人")).expect(200);

        var mine = api.myApplications(applicant).expect(200).body().path("items");
        assertThat(mine.get(0).path("status").asText()).isEqualTo("refused");
        assertThat(mine.get(0).path("reason").asText()).isEqualTo("经核实，此户无此人");
        assertThat(api.refuse(gridWorker, id, Map.of("reason", "再次")).status()).isEqualTo(409);
        assertThat(api.apply(applicant, room("B0301", "1", "302", "钱进", "child")).expect(201).text("/status")).isEqualTo("pending");
    }

    @Test
    void apply_twiceForOneRoom_returns409_andWritesNothing() {
        Persona applicant = ResidentsApi.newcomer(api.newAccount(null));
        api.apply(applicant, room("B0301", "1", "302", "孙丽", "child")).expect(201);
        int before = api.itemCount();

        var second = api.apply(applicant, room("B0301", "1", "302", "孙丽", "child"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().path("detail").asText()).isEqualTo("您已申请加入此房间，请等待网格员审核");
        assertThat(api.itemCount()).isEqualTo(before);
    }

    @Test
    void apply_byAnAccountOfACommunity_returns409() {
        String account = api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE);
        api.apply(ResidentsApi.newcomer(account), zhangMingsRoom()).expect(201);

        var again = api.apply(ResidentsApi.newcomer(account), room("B0301", "1", "302", "张明", "child"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("detail").asText()).isEqualTo("您的账号已属于一个社区");
    }

    @Test
    void movingOut_unlinksTheAccount_soItsNextTokenCarriesNoCommunity() {
        String account = api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE);
        api.apply(ResidentsApi.newcomer(account), zhangMingsRoom()).expect(201);
        long version = api.get(gridWorker, DemoCommunity.PHONE_RESIDENT_ID).expect(200).version();

        api.move(gridWorker, DemoCommunity.PHONE_RESIDENT_ID, Map.of("kind", "move_out", "version", version)).expect(200);

        Account after = api.account(account);
        assertThat(after.communityId()).isNull();
        assertThat(after.roles()).isEmpty();
        assertThat(after.gridIds()).isEmpty();
    }

    @Test
    void erasure_unlinksTheAccount() {
        String account = api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE);
        api.apply(ResidentsApi.newcomer(account), zhangMingsRoom()).expect(201);
        long version = api.get(gridWorker, DemoCommunity.PHONE_RESIDENT_ID).expect(200).version();

        api.erase(Persona.admin(), DemoCommunity.PHONE_RESIDENT_ID, Map.of("reason", "本人申请", "version", version)).expect(200);

        assertThat(api.account(account).communityId()).isNull();
        assertThat(api.items()).noneMatch(item -> item.get("sk").s().equals("ACCOUNT"));
    }

    @Test
    void transfer_toAHouseholdOfAnotherGrid_movesTheAccountsGrid() {
        String account = api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE);
        api.apply(ResidentsApi.newcomer(account), zhangMingsRoom()).expect(201);
        String g05 = api.householdInG05("101");
        long version = api.get(gridWorker, DemoCommunity.PHONE_RESIDENT_ID).expect(200).version();

        api.move(Persona.staff(), DemoCommunity.PHONE_RESIDENT_ID, Map.of("kind", "transfer", "householdId", g05, "relation", "head",
                "version", version)).expect(200);

        assertThat(api.account(account).gridIds()).isEqualTo(List.of("G05"));
        assertThat(api.account(account).householdId()).as("the token's household_id follows").isEqualTo(g05);
    }

    @Test
    void linkingAtOnce_recordsTheResidentsHousehold_forTheAccountsToken() {
        String account = api.newAccount(DemoCommunity.PHONE_RESIDENT_PHONE);

        api.apply(ResidentsApi.newcomer(account), zhangMingsRoom()).expect(201);

        assertThat(api.account(account).residentId()).isEqualTo(DemoCommunity.PHONE_RESIDENT_ID);
        assertThat(api.account(account).householdId()).isEqualTo(DemoCommunity.SECOND_HOUSEHOLD_ID);
    }

    @Test
    void theGridWorkerOfAnotherGrid_seesNeitherTheListNorTheApplication() {
        String id = api.apply(ResidentsApi.newcomer(api.newAccount(null)), room("B0301", "1", "302", "甲", "child")).expect(201).text("/id");
        Persona other = Persona.gridWorker("G05");

        assertThat(api.applications(other, Map.of("grid", "G03")).status()).isEqualTo(403);
        assertThat(api.approve(other, id, Map.of("residentId", DemoCommunity.SPOUSE_ID)).status()).isEqualTo(404);
        assertThat(api.refuse(other, id, Map.of("reason", "无")).status()).isEqualTo(404);
    }
}
