package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.ApiReply;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input to the resident registry: a 400 problem naming every bad field, and nothing written. */
@ExtendWith(MotoExtension.class)
class ResidentsBadInputTest {
    ResidentsApi api;
    Persona gridWorker = ResidentsApi.gridWorker();
    int itemsBefore;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new ResidentsApi(aws);
        itemsBefore = api.itemCount();
    }

    private static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("householdId", DemoCommunity.HOUSEHOLD_ID);
        body.put("name", "李小红");
        body.put("idNumber", IdNumbers.born("20100304"));
        body.put("phone", "13712345678");
        body.put("relation", "grandchild");
        body.put("residenceType", "permanent");
        return body;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = valid();
        if (value == null) body.remove(field); else body.put(field, value);
        return body;
    }

    /** An ID number with this birth-date part and a correct check character. */
    private static String bornOn(String yyyyMMdd) {
        String first17 = "630102" + yyyyMMdd + "123";
        return first17 + IdCardNumber.checkCharacter(first17);
    }

    private ApiReply refused(ApiReply reply) {
        reply.expect(400);
        assertThat(api.itemCount()).as("nothing written").isEqualTo(itemsBefore);
        return reply;
    }

    private List<String> registerRefused(Object body) {
        return refused(api.register(gridWorker, body)).errorFields();
    }

    private String code(ApiReply reply) {
        return reply.text("/errors/0/code");
    }

    @Test
    void register_withoutTheRequiredFields_names400EachOfThem() {
        assertThat(registerRefused(Map.of())).containsExactlyInAnyOrder("householdId", "name", "idNumber", "relation", "residenceType");
    }

    @Test
    void register_movedInBefore1900OrAfterToday_returns400NamingMovedInOn_withItsOwnCode() {
        var early = refused(api.register(gridWorker, with("movedInOn", "0052-08-09")));
        var future = refused(api.register(gridWorker, with("movedInOn", java.time.LocalDate.now(Residents.CHINA).plusDays(1).toString())));

        assertThat(early.errorFields()).containsExactly("movedInOn");
        assertThat(code(early)).isEqualTo("date_too_early");
        assertThat(future.errorFields()).containsExactly("movedInOn");
        assertThat(code(future)).isEqualTo("future_date");
    }

    @Test
    void register_withAWrongCheckDigit_returns400NamingIdNumber() {
        String good = IdNumbers.born("19800101");
        char wrong = good.charAt(17) == '0' ? '1' : '0';

        var reply = refused(api.register(gridWorker, with("idNumber", good.substring(0, 17) + wrong)));

        assertThat(reply.errorFields()).containsExactly("idNumber");
        assertThat(code(reply)).isEqualTo("id_number_check_digit");
    }

    @Test
    void register_withAnImpossibleOrImplausibleBirthDate_returns400NamingIdNumber() {
        for (String date : List.of("19800230", "19811301", "18991231", "20991231")) {
            var reply = refused(api.register(gridWorker, with("idNumber", bornOn(date))));
            assertThat(reply.errorFields()).as(date).containsExactly("idNumber");
            assertThat(code(reply)).as(date).isEqualTo("id_number_birth_date");
        }
    }

    @Test
    void register_withAnIdNumberOfTheWrongShape_returns400NamingIdNumber() {
        for (String id : List.of("63010219800101123", "6301021980010112345", "63010219800101123Y", "６３０１０２１９８００１０１１２３Ｘ")) {
            var reply = refused(api.register(gridWorker, with("idNumber", id)));
            assertThat(code(reply)).as(id).isEqualTo("id_number_shape");
        }
    }

    @Test
    void register_withAPhoneOfTheWrongShape_returns400NamingPhone() {
        for (String phone : List.of("12812345678", "1381234567", "+8613812345678", "138-1234-5678")) {
            assertThat(registerRefused(with("phone", phone))).as(phone).containsExactly("phone");
        }
    }

    @Test
    void register_withAnUnknownTag_returns400NamingIt() {
        var reply = refused(api.register(gridWorker, with("tags", List.of("veteran", "vip"))));

        assertThat(reply.errorFields()).containsExactly("tags[1]");
        assertThat(code(reply)).isEqualTo("unknown_tag");
    }

    @Test
    void register_aSensitiveTagWithoutConsent_returns400NamingTheTag() {
        var reply = refused(api.register(gridWorker, with("tags", List.of("volunteer", "low_income"))));

        assertThat(reply.errorFields()).containsExactly("tags[1]");
        assertThat(code(reply)).isEqualTo("consent_required");
    }

    @Test
    void register_aConsentForATagNotGivenOrNotSensitive_returns400NamingIt() {
        Map<String, Object> notGiven = with("tags", List.of("volunteer"));
        notGiven.put("consents", List.of(Map.of("tag", "disability", "date", "2026-11-01")));
        Map<String, Object> notSensitive = with("tags", List.of("volunteer"));
        notSensitive.put("consents", List.of(Map.of("tag", "volunteer", "date", "2026-11-01")));

        var first = refused(api.register(gridWorker, notGiven));
        var second = refused(api.register(gridWorker, notSensitive));

        assertThat(first.errorFields()).containsExactly("consents[0].tag");
        assertThat(second.errorFields()).containsExactly("consents[0].tag");
        assertThat(code(second)).isEqualTo("consent_without_tag");
    }

    @Test
    void register_aConsentDatedInTheFuture_returns400NamingItsDate() {
        Map<String, Object> body = with("tags", List.of("elderly_alone"));
        body.put("consents", List.of(Map.of("tag", "elderly_alone", "date", "2099-01-01")));

        assertThat(registerRefused(body)).containsExactly("consents[0].date");
    }

    @Test
    void register_withAnOverlongNoteOrName_returns400NamingIt() {
        assertThat(registerRefused(with("notes", "很".repeat(501)))).containsExactly("notes");
        assertThat(registerRefused(with("name", "王".repeat(33)))).containsExactly("name");
        assertThat(api.register(gridWorker, with("notes", "很".repeat(500))).expect(201).text("/notes")).hasSize(500);
    }

    @Test
    void register_withAnUnknownRelationOrResidenceType_returns400NamingIt() {
        assertThat(registerRefused(with("relation", "户主"))).containsExactly("relation");
        assertThat(registerRefused(with("residenceType", "常住"))).containsExactly("residenceType");
    }

    @Test
    void register_intoAnUnknownHouseholdOrOneOfAnotherGrid_returns400NamingHouseholdId() {
        assertThat(registerRefused(with("householdId", "hh-nowhere"))).containsExactly("householdId");
        var reply = refused(api.register(Persona.gridWorker("G05"), valid()));
        assertThat(code(reply)).isEqualTo("unknown_household");
    }

    @Test
    void register_withBirthDateOrGender_returns400_forTheyComeFromTheIdNumber() {
        assertThat(registerRefused(with("birthDate", "2010-03-04"))).containsExactly("birthDate");
        assertThat(registerRefused(with("gender", "female"))).containsExactly("gender");
    }

    @Test
    void createHousehold_inAnUnknownRoom_returns400NamingRoomId() {
        var reply = refused(api.createHousehold(gridWorker, Map.of("buildingId", "B0301", "unitId", "1", "roomId", "909",
                "householdNumber", "0301-1-909")));

        assertThat(reply.errorFields()).containsExactly("roomId");
        assertThat(code(reply)).isEqualTo("unknown_room");
        assertThat(refused(api.createHousehold(gridWorker, Map.of("buildingId", "B9999", "unitId", "1", "roomId", "101",
                "householdNumber", "x"))).errorFields()).containsExactly("roomId");
        assertThat(refused(api.createHousehold(gridWorker, Map.of())).errorFields())
                .containsExactlyInAnyOrder("buildingId", "unitId", "roomId", "householdNumber");
    }

    @Test
    void patch_withNothingToChange_orBadFields_returns400_andChangesNothing() {
        assertThat(refused(api.patch(gridWorker, DemoCommunity.HEAD_ID, Map.of("version", 1))).errorFields()).containsExactly("body");
        assertThat(refused(api.patch(gridWorker, DemoCommunity.HEAD_ID, Map.of("phone", "123", "idNumber", "1", "relation", "boss")))
                .errorFields()).containsExactlyInAnyOrder("phone", "idNumber", "relation", "version");
        assertThat(refused(api.patch(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("tags", List.of("elderly_alone", "disability"), "version", 1)))
                .errorFields()).containsExactly("tags[1]");
        assertThat(api.get(gridWorker, DemoCommunity.HEAD_ID).expect(200).version()).isEqualTo(1);
    }

    @Test
    void move_withoutWhatItsKindNeeds_returns400NamingIt() {
        assertThat(refused(api.move(gridWorker, DemoCommunity.HEAD_ID, Map.of("kind", "transfer", "version", 1))).errorFields())
                .containsExactlyInAnyOrder("householdId", "relation");
        assertThat(refused(api.move(gridWorker, DemoCommunity.HEAD_ID, Map.of("kind", "move_out", "relation", "head", "version", 1)))
                .errorFields()).containsExactly("relation");
        assertThat(refused(api.move(gridWorker, DemoCommunity.HEAD_ID, Map.of("kind", "emigrate", "version", 1))).errorFields())
                .containsExactly("kind");
        assertThat(refused(api.move(gridWorker, DemoCommunity.HEAD_ID, Map.of("kind", "move_out", "date", "2099-01-01", "version", 1)))
                .errorFields()).containsExactly("date");
    }

    @Test
    void lookup_withBothOrNeither_orABadNumber_returns400() {
        assertThat(refused(api.lookup(gridWorker, Map.of())).errorFields()).containsExactly("body");
        assertThat(refused(api.lookup(gridWorker, Map.of("idNumber", DemoCommunity.HEAD_ID_NUMBER, "phone", "13800000001")))
                .errorFields()).containsExactly("body");
        assertThat(refused(api.lookup(gridWorker, Map.of("idNumber", "630102197205140313"))).errorFields()).containsExactly("idNumber");
        assertThat(refused(api.lookup(gridWorker, Map.of("phone", "1380000000"))).errorFields()).containsExactly("phone");
    }

    @Test
    void lookup_withAMemberGivenAsNull_returns400NamingIt_asNoMemberIsNullable() {
        var event = ResidentsApi.lookupEvent(Map.of()).body("{\"phone\":\"" + DemoCommunity.HEAD_PHONE + "\",\"idNumber\":null}");

        var reply = refused(api.call(event.as(gridWorker).build()));

        assertThat(reply.errorFields()).containsExactly("idNumber");
        assertThat(code(reply)).isEqualTo("null_value");
    }

    @Test
    void list_byAResident_withABadQuery_returns403ForTheRole_not400ForTheQuery() {
        var reply = api.list(Persona.resident(), Map.of("grid", "G 03", "colour", "red"));

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void reveal_andErasure_withoutAReason_returns400NamingIt() {
        assertThat(refused(api.reveal(gridWorker, DemoCommunity.HEAD_ID, Map.of())).errorFields()).containsExactly("reason");
        assertThat(refused(api.erase(Persona.admin(), DemoCommunity.HEAD_ID, Map.of("reason", "本人申请"))).errorFields())
                .containsExactly("version");
    }

    @Test
    void list_withoutAPlace_orAPartialOne_orAnUnknownBuilding_returns400NamingIt() {
        Persona staff = Persona.staff();
        assertThat(refused(api.list(staff, Map.of())).errorFields()).containsExactly("grid");
        assertThat(refused(api.list(staff, Map.of("building", "B0301", "room", "302"))).errorFields()).containsExactly("room");
        assertThat(refused(api.list(staff, Map.of("grid", "G03", "unit", "1"))).errorFields()).containsExactly("unit");
        assertThat(refused(api.list(staff, Map.of("building", "B0301", "tag", "elderly_alone"))).errorFields()).containsExactly("tag");
        assertThat(refused(api.list(staff, Map.of("building", "B9999"))).errorFields()).containsExactly("building");
        assertThat(refused(api.list(staff, Map.of("grid", "G03", "idNumber", "x"))).errorFields()).containsExactly("idNumber");
        assertThat(refused(api.audit(Persona.admin(), Map.of("month", "2026-13"))).errorFields()).containsExactly("month");
    }

    // ---------------------------------------------------------------- onboarding

    private static Map<String, Object> application() {
        Map<String, Object> body = new HashMap<>(Map.of("communityId", DemoCommunity.ID, "buildingId", "B0301", "unitId", "1",
                "roomId", "302", "name", "周强", "relation", "child"));
        return body;
    }

    @Test
    void apply_withoutTheRequiredFields_names400EachOfThem_andWritesNoAccountEither() {
        String account = api.newAccount(null);

        var reply = refused(api.apply(ResidentsApi.newcomer(account), Map.of()));

        assertThat(reply.errorFields()).containsExactlyInAnyOrder("communityId", "buildingId", "unitId", "roomId", "name", "relation");
        assertThat(api.account(account).communityId()).isNull();
    }

    @Test
    void apply_withAnUnknownRelationAndAnOverLongName_names400Both() {
        Map<String, Object> body = application();
        body.put("relation", "cousin");
        body.put("name", "名".repeat(Residents.MAX_NAME + 1));

        var reply = refused(api.apply(ResidentsApi.newcomer(api.newAccount(null)), body));

        assertThat(reply.errorFields()).containsExactlyInAnyOrder("relation", "name");
    }

    @Test
    void apply_forARoomTheCommunityDoesNotHave_returns400NamingRoomId() {
        Map<String, Object> body = application();
        body.put("roomId", "999");

        var reply = refused(api.apply(ResidentsApi.newcomer(api.newAccount(null)), body));

        assertThat(reply.errorFields()).containsExactly("roomId");
        assertThat(code(reply)).isEqualTo("unknown_room");
    }

    @Test
    void approve_withBothAResidentAndARegistration_returns400NamingResidentId() {
        String id = api.apply(ResidentsApi.newcomer(api.newAccount(null)), application()).expect(201).text("/id");
        itemsBefore = api.itemCount();

        var reply = refused(api.approve(gridWorker, id, Map.of("residentId", DemoCommunity.SPOUSE_ID, "householdId", DemoCommunity.HOUSEHOLD_ID)));

        assertThat(reply.errorFields()).containsExactly("residentId");
        assertThat(code(reply)).isEqualTo("exactly_one");
    }

    @Test
    void approve_byRegistrationWithoutItsFieldsOrWithAWrongCheckDigit_names400EachOfThem() {
        String id = api.apply(ResidentsApi.newcomer(api.newAccount(null)), application()).expect(201).text("/id");
        itemsBefore = api.itemCount();
        String good = IdNumbers.born("19800101");
        char wrong = good.charAt(17) == '0' ? '1' : '0';

        var empty = refused(api.approve(gridWorker, id, Map.of()));
        var badId = refused(api.approve(gridWorker, id, Map.of("householdId", DemoCommunity.HOUSEHOLD_ID,
                "idNumber", good.substring(0, 17) + wrong, "residenceType", "permanent", "phone", "1371234")));

        assertThat(empty.errorFields()).containsExactlyInAnyOrder("householdId", "idNumber", "residenceType");
        assertThat(badId.errorFields()).containsExactlyInAnyOrder("idNumber", "phone");
    }

    @Test
    void approve_intoAHouseholdOfAnotherRoom_returns400NamingHouseholdId() {
        String id = api.apply(ResidentsApi.newcomer(api.newAccount(null)), application()).expect(201).text("/id");
        itemsBefore = api.itemCount();

        var reply = refused(api.approve(gridWorker, id, Map.of("householdId", DemoCommunity.SECOND_HOUSEHOLD_ID,
                "idNumber", IdNumbers.fresh(), "residenceType", "permanent")));

        assertThat(reply.errorFields()).containsExactly("householdId");
        assertThat(code(reply)).isEqualTo("household_not_in_room");
    }

    @Test
    void refuse_withoutAReason_returns400NamingReason() {
        String id = api.apply(ResidentsApi.newcomer(api.newAccount(null)), application()).expect(201).text("/id");
        itemsBefore = api.itemCount();

        var reply = refused(api.refuse(gridWorker, id, Map.of("reason", "  ")));

        assertThat(reply.errorFields()).containsExactly("reason");
    }

    @Test
    void applications_withoutAGrid_returns400NamingGrid() {
        var reply = refused(api.applications(gridWorker, Map.of()));

        assertThat(reply.errorFields()).containsExactly("grid");
    }

    @Test
    void visit_withoutDateOrNote_names400EachOfThem() {
        assertThat(refused(api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("concern", true))).errorFields())
                .containsExactlyInAnyOrder("date", "note");
    }

    @Test
    void visit_inTheFuture_returns400NamingDate() {
        var reply = refused(api.visit(gridWorker, DemoCommunity.ELDERLY_ID,
                Map.of("date", java.time.LocalDate.now(Residents.CHINA).plusDays(1).toString(), "note", "预约走访")));

        assertThat(reply.errorFields()).containsExactly("date");
        assertThat(code(reply)).isEqualTo("future_date");
    }

    @Test
    void visit_withAnOverLongNoteOrAConcernThatIsNotABoolean_returns400NamingIt() {
        assertThat(refused(api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "很".repeat(501))))
                .errorFields()).containsExactly("note");
        assertThat(refused(api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-29", "note", "好", "concern", "yes")))
                .errorFields()).containsExactly("concern");
        assertThat(refused(api.visit(gridWorker, DemoCommunity.ELDERLY_ID, Map.of("date", "2026-11-31", "note", "好")))
                .errorFields()).containsExactly("date");
    }

    @Test
    void careList_withoutAGridOrWithAWithinOutOfRange_returns400NamingIt() {
        assertThat(refused(api.careDue(gridWorker, Map.of())).errorFields()).containsExactly("grid");
        assertThat(refused(api.careDue(gridWorker, Map.of("grid", "G03", "within", "32"))).errorFields()).containsExactly("within");
        assertThat(refused(api.careDue(gridWorker, Map.of("grid", "G 03"))).errorFields()).containsExactly("grid");
        assertThat(refused(api.careDue(gridWorker, Map.of("grid", "G03", "colour", "red"))).errorFields()).containsExactly("colour");
    }

    @Test
    void statistics_withAMalformedGridOrAnUnknownParameter_returns400NamingIt() {
        assertThat(refused(api.statistics(gridWorker, Map.of("grid", "G/03"))).errorFields()).containsExactly("grid");
        assertThat(refused(api.statistics(gridWorker, Map.of("tag", "elderly_alone"))).errorFields()).containsExactly("tag");
    }
}
