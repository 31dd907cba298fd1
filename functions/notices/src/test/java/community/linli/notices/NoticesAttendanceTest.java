package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.tables.notices.SignUp;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.PersonalData;
import community.linli.testkit.Provision;
import community.linli.testkit.QrImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An activity's attendance: the check-in QR code, residents checking in with it once, staff
 * checking in by hand, and staff's list of the sign-ups and its CSV export. The registry is
 * written as the ResidentsFunction writes it, so that 李建国's account, linked to his record,
 * shows his name; the other residents are linked to none.
 */
@ExtendWith(MotoExtension.class)
@Provision({"NoticesFunction", "ResidentsFunction"})
class NoticesAttendanceTest {
    static final Pattern CHECK_IN_URL = Pattern.compile(
            Pattern.quote(NoticesApi.CHECK_IN_URL) + "\\?v=1&c=demo&n=(nt-[0-9a-f]{20})&k=([A-Za-z0-9_-]{22})");

    NoticesApi api;
    Persona staff = Persona.staff();
    /** 李建国 of G03, signed in with the account onboarding linked to his record. */
    Persona liJianguo = new Persona("acc-li-jianguo", DemoCommunity.ID, List.of("residents"), List.of("G03"));

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
        api.linkedTo(liJianguo, DemoCommunity.HEAD_ID, DemoCommunity.HOUSEHOLD_ID);
    }

    // ---------------------------------------------------------------- the QR code

    @Test
    void checkInQr_isAPngOfTheCheckInUrl_withARandomCodeOfItsOwnPerActivity_namingNobody() {
        String first = api.published(NoticesApi.activity("书法班", 10, "G03"));
        String second = api.published(NoticesApi.activity("太极拳", 10, "G03"));

        var response = api.checkInQr(staff, first, Map.of("size", "256"));

        assertThat(response.getHeaders()).containsEntry("Content-Type", "image/png")
                .containsEntry("Content-Disposition", "inline; filename=\"" + first + "-check-in.png\"");
        assertThat(QrImages.image(QrImages.png(response)).getWidth()).isEqualTo(256);
        var url = CHECK_IN_URL.matcher(QrImages.text(QrImages.png(response)));
        assertThat(url.matches()).as(QrImages.text(QrImages.png(response))).isTrue();
        assertThat(url.group(1)).isEqualTo(first);
        assertThat(Base64.getUrlDecoder().decode(url.group(2))).as("128 random bits").hasSize(16);
        assertThat(api.checkInCode(second)).as("each activity its own code").isNotEqualTo(url.group(2));
        assertThat(api.checkInCode(first)).as("the same code every time").isEqualTo(url.group(2));
    }

    @Test
    void checkInQr_withAcceptTextPlain_isTheUrlItsImageCarries() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));

        var response = api.raw(NoticesApi.checkInQrEvent(id).as(staff).header("accept", "text/plain").build());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/plain; charset=utf-8");
        assertThat(new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.US_ASCII)).isEqualTo(api.checkInUrl(id));
    }

    @Test
    void checkInQr_ofADraft_ofAWithdrawnActivity_orOfAnAnnouncement_is400NamingId() {
        String draft = api.draft(staff, NoticesApi.activity("书法班", 10, "G03")).expect(201).text("/id");
        String withdrawn = api.published(NoticesApi.activity("太极拳", 10, "G03"));
        api.withdraw(staff, withdrawn, 2).expect(200);
        String announcement = api.published(NoticesApi.draft("停水通知", "G03"));

        assertThat(codeOf(api.checkInQr(staff, draft, Map.of()))).isEqualTo("not_published");
        assertThat(codeOf(api.checkInQr(staff, withdrawn, Map.of()))).isEqualTo("notice_withdrawn");
        assertThat(codeOf(api.checkInQr(staff, announcement, Map.of()))).isEqualTo("not_an_activity");
    }

    // ---------------------------------------------------------------- a resident scans it

    @Test
    void aConfirmedResident_scanningTheCode_isCheckedInOnce_andASecondScanChangesNothing() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 1).expect(201);
        String code = api.checkInCode(id);
        api.clock.advance(Duration.ofMinutes(5));

        var first = api.checkIn(resident, id, code).expect(200);
        var itemsAfterFirst = api.items();
        api.clock.advance(Duration.ofMinutes(5));
        var second = api.checkIn(resident, id, code).expect(200);

        assertThat(first.text("/status")).isEqualTo("confirmed");
        assertThat(first.text("/checkedInAt")).isEqualTo("2026-11-30T01:05:00.000Z");
        assertThat(second.text("/checkedInAt")).as("the first check-in's time").isEqualTo("2026-11-30T01:05:00.000Z");
        assertThat(api.items()).as("the second scan writes nothing").containsExactlyInAnyOrderElementsOf(itemsAfterFirst);
        assertThat(api.get(resident, id).expect(200).text("/signUp/checkedInAt")).isEqualTo("2026-11-30T01:05:00.000Z");
    }

    @Test
    void aWaitlistedResident_orOneWhoNeverSignedUp_isRefused400NamingId_andNothingIsWritten() {
        String id = api.published(NoticesApi.activity("书法班", 1, "G03"));
        api.signUp(NoticesApi.residentOf("G03"), id, 0).expect(201);
        Persona waiting = NoticesApi.residentOf("G03");
        api.signUp(waiting, id, 0).expect(201);
        String code = api.checkInCode(id);
        var before = api.items();

        var waitlisted = api.checkIn(waiting, id, code).expect(400);
        var stranger = api.checkIn(NoticesApi.residentOf("G03"), id, code).expect(400);

        assertThat(waitlisted.errorFields()).containsExactly("id");
        assertThat(waitlisted.text("/errors/0/code")).isEqualTo("no_confirmed_sign_up");
        assertThat(stranger.text("/errors/0/code")).isEqualTo("no_confirmed_sign_up");
        assertThat(api.items()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aWrongCode_evenAnotherActivitysCode_isRefused400NamingCode() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        String other = api.published(NoticesApi.activity("太极拳", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 0).expect(201);
        var before = api.items();

        var reply = api.checkIn(resident, id, api.checkInCode(other)).expect(400);

        assertThat(reply.errorFields()).containsExactly("code");
        assertThat(reply.text("/errors/0/code")).isEqualTo("wrong_check_in_code");
        assertThat(api.items()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aWithdrawnActivity_refusesCheckIn400NamingId_andAResidentItDoesNotAddressFindsIt404() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 0).expect(201);
        String code = api.checkInCode(id);

        assertThat(api.checkIn(NoticesApi.residentOf("G05"), id, code).status()).isEqualTo(404);
        api.withdraw(staff, id, 2).expect(200);
        var reply = api.checkIn(resident, id, code).expect(400);

        assertThat(reply.errorFields()).containsExactly("id");
        assertThat(reply.text("/errors/0/code")).isEqualTo("notice_withdrawn");
    }

    @Test
    void aCheckInRacingACancel_checksNoOneIn() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        Persona resident = NoticesApi.residentOf("G03");
        api.signUp(resident, id, 0).expect(201);
        SignUp read = api.store.signUpState("demo", id, resident.sub()).orElseThrow().mine().orElseThrow();
        api.cancelSignUp(resident, id).expect(204);

        var stored = api.store.checkIn(read, api.clock.instant());

        assertThat(stored).as("the cancel came first: nothing to check in").isEmpty();
        assertThat(api.store.signUps("demo", id)).isEmpty();
    }

    // ---------------------------------------------------------------- staff: by hand, the list, the export

    @Test
    void staff_checkAConfirmedAttendeeInByHand_once_butNotAWaitlistedOne_andAnUnknownAccountIs404() {
        String id = api.published(NoticesApi.activity("书法班", 1, "G03"));
        api.signUp(liJianguo, id, 0).expect(201);
        Persona waiting = NoticesApi.residentOf("G03");
        api.signUp(waiting, id, 0).expect(201);

        var checkedIn = api.checkInByHand(staff, id, liJianguo.sub()).expect(200);
        api.clock.advance(Duration.ofMinutes(3));
        var again = api.checkInByHand(Persona.admin(), id, liJianguo.sub()).expect(200);
        var refused = api.checkInByHand(staff, id, waiting.sub()).expect(400);

        assertThat(checkedIn.text("/name")).isEqualTo("李建国");
        assertThat(checkedIn.text("/checkedInAt")).isEqualTo("2026-11-30T01:00:00.000Z");
        assertThat(again.text("/checkedInAt")).isEqualTo("2026-11-30T01:00:00.000Z");
        assertThat(refused.errorFields()).containsExactly("accountId");
        assertThat(refused.text("/errors/0/code")).isEqualTo("no_confirmed_sign_up");
        assertThat(api.checkInByHand(staff, id, "acc-nobody").status()).isEqualTo(404);
        assertThat(api.checkIn(liJianguo, id, api.checkInCode(id)).expect(200).text("/checkedInAt"))
                .as("his scan afterwards changes nothing").isEqualTo("2026-11-30T01:00:00.000Z");
    }

    @Test
    void theList_showsConfirmedAndWaitlisted_withCompanionsNamesAndCheckInTimes_pagedWithoutRepeats() {
        String id = api.published(NoticesApi.activity("书法班", 3, "G03"));
        api.signUp(liJianguo, id, 2).expect(201);
        List<Persona> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(NoticesApi.residentOf("G03"));
            api.clock.advance(Duration.ofSeconds(1));
            api.signUp(others.getLast(), id, 0).expect(201);
        }
        api.checkIn(liJianguo, id, api.checkInCode(id)).expect(200);

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.listSignUps(staff, id, cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor)).expect(200);
            page.body().get("items").forEach(items::add);
            cursor = page.body().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null);

        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(items).extracting(n -> n.get("accountId").asText()).doesNotHaveDuplicates().hasSize(5);
        var li = items.stream().filter(n -> n.get("accountId").asText().equals(liJianguo.sub())).findFirst().orElseThrow();
        assertThat(li.get("name").asText()).isEqualTo("李建国");
        assertThat(li.get("companions").asInt()).isEqualTo(2);
        assertThat(li.get("status").asText()).isEqualTo("confirmed");
        assertThat(li.get("checkedInAt").asText()).isEqualTo("2026-11-30T01:00:04.000Z");
        assertThat(items).filteredOn(n -> n.get("status").asText().equals("waitlisted")).hasSize(4)
                .allSatisfy(n -> assertThat(n.has("name")).as("linked to no resident").isFalse());
        assertThat(items.toString()).as("no phone").doesNotContainPattern(PersonalData.MOBILE).doesNotContain("phone");
    }

    @Test
    void theExport_isACsvWithChineseHeaders_confirmedFirstInSignUpOrder_inChinaTime() {
        String id = api.published(NoticesApi.activity("书法班", 2, "G03"));
        Persona first = NoticesApi.residentOf("G03");
        api.signUp(first, id, 0).expect(201);
        api.clock.advance(Duration.ofMinutes(1));
        api.signUp(liJianguo, id, 1).expect(201);
        api.clock.advance(Duration.ofMinutes(1));
        api.signUp(NoticesApi.residentOf("G03"), id, 0).expect(201);
        api.clock.advance(Duration.ofMinutes(1));
        api.checkInByHand(staff, id, first.sub()).expect(200);
        api.cancelSignUp(liJianguo, id).expect(204);
        api.signUp(liJianguo, id, 0).expect(201);

        var response = api.exportSignUps(staff, id);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Content-Disposition", "attachment; filename=\"" + id + "-signups.csv\"");
        String csv = new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFF姓名,同行人数,状态,报名时间,签到时间\r\n"
                + "（未登记居民）,0,已确认,2026-11-30 09:00,2026-11-30 09:03\r\n"
                + "（未登记居民）,0,已确认,2026-11-30 09:02,\r\n"
                + "李建国,0,候补,2026-11-30 09:03,\r\n");
    }

    @Test
    void aGridWorker_managesTheActivitiesOfTheirGridsByName_only() {
        String own = api.published(NoticesApi.activity("书法班", 10, "G03", "G04"));
        String other = api.published(NoticesApi.activity("太极拳", 10, "G05"));
        String everyone = api.published(NoticesApi.activity("全社区运动会", 10));
        Persona gridWorker = Persona.gridWorker("G04");

        assertThat(api.listSignUps(gridWorker, own, Map.of()).status()).isEqualTo(200);
        assertThat(api.checkInQr(gridWorker, own, Map.of()).getStatusCode()).isEqualTo(200);
        assertThat(api.exportSignUps(gridWorker, own).getStatusCode()).isEqualTo(200);
        assertThat(api.listSignUps(gridWorker, other, Map.of()).status()).isEqualTo(404);
        assertThat(api.checkInQr(gridWorker, other, Map.of()).getStatusCode()).isEqualTo(404);
        assertThat(api.listSignUps(gridWorker, everyone, Map.of()).status()).as("every grid's residents sign up").isEqualTo(404);
        assertThat(api.listSignUps(staff, everyone, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theList_namesItsAttendeesWithOneBatchGetOfTheirRecords() {
        String id = api.published(NoticesApi.activity("书法班", 10, "G03"));
        api.signUp(liJianguo, id, 0).expect(201);
        api.signUp(NoticesApi.residentOf("G03"), id, 0).expect(201);

        var trips = api.dynamoTrips.during(() -> api.listSignUps(staff, id, Map.of()).expect(200));

        assertThat(trips).as("the activity, the page, the names").isEqualTo(Map.of("BatchGetItem", 2, "Query", 1));
    }

    private static String codeOf(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).isEqualTo(400);
        var body = Json.parse(response.getBody(), JsonNode.class);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("id");
        return body.at("/errors/0/code").asText();
    }
}
