package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a resident gives when filing: photos, answers to the category's questions, urgency, phone, privacy; and retries. */
@ExtendWith(MotoExtension.class)
class SubmitTest {
    Api api;
    LocalAws aws;
    Persona resident = Persona.resident();

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        api = new Api(aws);
    }

    Map<String, Object> body(java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        change.accept(body);
        return body;
    }

    int storedRequests() {
        return (int) aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("RequestsTable"))).items().stream()
                .filter(i -> i.containsKey("type") && "request".equals(i.get("type").s())).count();
    }

    // ---------------------------------------------------------------- photos

    @Test
    void submit_withPhotosTheResidentUploaded_storesThemAndShowsLinks() {
        String first = api.uploadPhoto(resident, Photos.jpeg(), "image/jpeg");
        String second = api.uploadPhoto(resident, Photos.jpeg(), "image/png");

        var created = api.submit(resident, body(b -> b.put("photoKeys", List.of(first, second)))).expect(201);

        assertThat(created.body().get("photos")).hasSize(2);
        assertThat(created.text("/photos/0/key")).isEqualTo(first);
        assertThat(first).startsWith("uploads/demo/").doesNotContain(resident.sub()).endsWith(".jpg");
    }

    @Test
    void upload_givesAPresignedPutWithTypeAndSize_underAKeyThatNamesNoAccount() {
        var upload = api.upload(resident, Map.of("contentType", "image/webp", "size", 123456)).expect(201);

        assertThat(upload.text("/key")).matches("uploads/demo/\\d{8}/[0-9a-f-]{36}\\.webp");
        assertThat(upload.text("/url")).contains(aws.name("FilesBucket")).contains("X-Amz-Signature");
        assertThat(upload.text("/headers/Content-Type")).isEqualTo("image/webp");
        assertThat(upload.text("/headers/Content-Length")).isEqualTo("123456");
    }

    @Test
    void upload_ofAPdf_returns400NamingContentType() {
        assertThat(api.upload(resident, Map.of("contentType", "application/pdf", "size", 1000)).expect(400).errorFields())
                .containsExactly("contentType");
    }

    @Test
    void upload_over10MB_returns400NamingSize() {
        assertThat(api.upload(resident, Map.of("contentType", "image/jpeg", "size", 10 * 1024 * 1024 + 1)).expect(400).errorFields())
                .containsExactly("size");
    }

    @Test
    void submit_withAnotherResidentsPhoto_returns400NamingItAndStoresNothing() {
        String theirs = api.uploadPhoto(Persona.resident(), Photos.jpeg(), "image/jpeg");

        var response = api.submit(resident, body(b -> b.put("photoKeys", List.of(theirs))));

        assertThat(response.expect(400).errorFields()).containsExactly("photoKeys[0]");
        assertThat(response.text("/errors/0/code")).isEqualTo("photo_not_owned");
        assertThat(storedRequests()).isZero();
    }

    @Test
    void submit_withANulCharacterInTheDescription_returns400NamingItAndStoresNothing() {
        var response = api.submit(resident, body(b -> b.put("description", "楼道灯不亮\u0000")));

        assertThat(response.expect(400).errorFields()).containsExactly("description");
        assertThat(response.text("/errors/0/code")).isEqualTo("control_character");
        assertThat(storedRequests()).isZero();
    }

    @Test
    void submit_withDecomposedText_storesItInNfc() {
        String id = api.submit(resident, body(b -> b.put("description", "Cafe\u0301 门口的路灯坏了"))).expect(201).text("/id");

        assertThat(api.get(resident, id).expect(200).text("/description")).isEqualTo("Caf\u00e9 门口的路灯坏了");
    }

    @Test
    void submit_withAPhotoUploadedMoreThanADayBefore_returns400NotOwned() {
        String photo = api.uploadPhoto(resident, Photos.jpeg(), "image/jpeg");
        api.clock.advance(java.time.Duration.ofHours(24).plusSeconds(1));

        var response = api.submit(resident, body(b -> b.put("photoKeys", List.of(photo))));

        assertThat(response.expect(400).errorFields()).containsExactly("photoKeys[0]");
        assertThat(response.text("/errors/0/code")).isEqualTo("photo_not_owned");
    }

    @Test
    void resolve_withThePhotoTheResidentUploaded_returns400NamingItAndChangesNothing() {
        String theirs = api.uploadPhoto(resident, Photos.jpeg(), "image/jpeg");
        String id = api.submit(resident, body(b -> b.put("photoKeys", List.of(theirs)))).expect(201).text("/id");
        Persona staff = Persona.staff();

        var response = api.move(staff, id, "resolve", Map.of("text", "已处理", "photoKeys", List.of(theirs)));

        assertThat(response.expect(400).errorFields()).containsExactly("photoKeys[0]");
        assertThat(response.text("/errors/0/code")).isEqualTo("photo_not_owned");
        assertThat(api.get(staff, id).expect(200).text("/status")).isEqualTo("accepted");
    }

    @Test
    void submit_withAPhotoNeverUploaded_returns400NamingIt() {
        var presigned = api.upload(resident, Map.of("contentType", "image/jpeg", "size", 2048)).expect(201);

        var response = api.submit(resident, body(b -> b.put("photoKeys", List.of(presigned.text("/key")))));

        assertThat(response.expect(400).errorFields()).containsExactly("photoKeys[0]");
        assertThat(response.text("/errors/0/code")).isEqualTo("photo_not_uploaded");
    }

    @Test
    void submit_withAnObjectThatIsNotAPhoto_returns400() {
        String key = "uploads/demo/20261128/evil.jpg";
        aws.s3().putObject(r -> r.bucket(aws.name("FilesBucket")).key(key).contentType("text/html"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("<script>"));

        var response = api.submit(resident, body(b -> b.put("photoKeys", List.of(key))));

        assertThat(response.expect(400).text("/errors/0/code")).isEqualTo("photo_invalid");
    }

    @Test
    void submit_withTenPhotos_returns400NamingPhotoKeys() {
        List<String> keys = IntStream.range(0, 10).mapToObj(i -> "uploads/demo/x/" + i + ".jpg").toList();

        assertThat(api.submit(resident, body(b -> b.put("photoKeys", keys))).expect(400).errorFields()).containsExactly("photoKeys");
    }

    // ---------------------------------------------------------------- category questions and guards

    @Test
    void submit_withoutARequiredAnswer_returns400NamingTheQuestion() {
        var response = api.submit(resident, body(b -> b.put("answers", Map.of("floor", 3))));

        assertThat(response.expect(400).errorFields()).containsExactly("answers.trapped");
        assertThat(storedRequests()).isZero();
    }

    @Test
    void submit_withAnAnswerNotAmongTheOptions_returns400NamingIt() {
        var response = api.submit(resident, body(b -> b.put("answers", Map.of("trapped", "不知道"))));

        assertThat(response.expect(400).errorFields()).containsExactly("answers.trapped");
    }

    @Test
    void submit_withAnAnswerToAQuestionNotAsked_returns400NamingIt() {
        var response = api.submit(resident, body(b -> b.put("answers", Map.of("trapped", "无人被困", "color", "red"))));

        assertThat(response.expect(400).errorFields()).containsExactly("answers.color");
    }

    @Test
    void submit_withANumberOutOfRange_returns400NamingIt() {
        var response = api.submit(resident, body(b -> b.put("answers", Map.of("trapped", "无人被困", "floor", 120))));

        assertThat(response.expect(400).errorFields()).containsExactly("answers.floor");
    }

    @Test
    void submit_withMultipleChoices_acceptsOnlyKnownOnesWithoutRepeats() {
        Map<String, Object> good = new HashMap<>(Api.submitBody());
        good.put("category", "elderly_help");
        good.put("answers", Map.of("needs", List.of("就医", "联系家属")));
        Map<String, Object> bad = new HashMap<>(good);
        bad.put("answers", Map.of("needs", List.of("就医", "就医", "理发")));

        api.submit(resident, good).expect(201);
        assertThat(api.submit(resident, bad).expect(400).errorFields()).containsExactlyInAnyOrder("answers.needs[1]", "answers.needs[2]");
    }

    @Test
    void submit_inAnEmergencyCategory_isNotTakenAndTellsTheResidentWhomToCall() {
        var response = api.submit(resident, body(b -> {
            b.put("category", "fire");
            b.remove("answers");
        }));

        response.expect(422);
        assertThat(response.text("/call")).isEqualTo("119");
        assertThat(response.text("/detail")).contains("119");
        assertThat(storedRequests()).isZero();
    }

    @Test
    void submit_withAnInvalidPhone_returns400NamingContactPhone() {
        assertThat(api.submit(resident, body(b -> b.put("contactPhone", "1234567"))).expect(400).errorFields())
                .containsExactly("contactPhone");
    }

    @Test
    void submit_askingForSmsUpdatesWithoutAContactPhone_returns400NamingSmsUpdatesAndStoresNothing() {
        assertThat(api.submit(resident, body(b -> b.put("smsUpdates", true))).expect(400).errorFields())
                .containsExactly("smsUpdates");
        assertThat(api.submit(resident, body(b -> b.put("smsUpdates", "yes"))).expect(400).errorFields())
                .containsExactly("smsUpdates");
        assertThat(storedRequests()).isZero();
    }

    @Test
    void submit_askingForSmsUpdates_storesTheChoiceOnTheRequest_andOnlyWhenAsked() {
        String asked = api.submit(resident, body(b -> {
            b.put("contactPhone", "13812345678");
            b.put("smsUpdates", true);
        })).expect(201).text("/id");
        String notAsked = api.submit(resident, body(b -> b.put("contactPhone", "13812345678"))).expect(201).text("/id");

        var items = aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("RequestsTable"))).items().stream()
                .filter(i -> i.containsKey("type") && "request".equals(i.get("type").s())).toList();
        assertThat(items).filteredOn(i -> i.get("id").s().equals(asked)).singleElement()
                .satisfies(i -> assertThat(i.get("smsUpdates").bool()).isTrue());
        assertThat(items).filteredOn(i -> i.get("id").s().equals(notAsked)).singleElement()
                .satisfies(i -> assertThat(i).doesNotContainKey("smsUpdates"));
    }

    @Test
    void submit_withAnUnknownUrgency_returns400NamingUrgency() {
        assertThat(api.submit(resident, body(b -> b.put("urgency", "asap"))).expect(400).errorFields()).containsExactly("urgency");
    }

    @Test
    void submit_withoutUrgency_isNormal() {
        var created = api.submit(resident, body(b -> b.remove("urgency"))).expect(201);

        assertThat(created.text("/urgency")).isEqualTo("normal");
    }

    @Test
    void submit_withAGridButNoBuilding_returns400NamingTheGrid() {
        var response = api.submit(resident, body(b -> b.put("location",
                Map.of("gridId", "G03", "latitude", 31.2, "longitude", 121.4, "address", "东门"))));

        assertThat(response.expect(400).errorFields()).containsExactly("location.gridId");
    }

    @Test
    void submit_withSeveralBadFieldsInAndOutOfLocation_namesAllOfThemAtOnce() {
        var response = api.submit(resident, body(b -> {
            b.put("location", Map.of("buildingId", "B 03", "latitude", 100.0));
            b.put("urgency", "asap");
        }));

        assertThat(response.expect(400).errorFields()).contains("location.buildingId", "location.latitude", "urgency");
    }

    // ---------------------------------------------------------------- privacy

    @Test
    void hiddenIdentity_isSeenByStaffButNotByTheGridWorker() {
        var created = api.submit(resident, body(b -> {
            b.put("category", "dispute");
            b.remove("answers");
            b.put("hideIdentity", true);
            b.put("contactPhone", "13812345678");
        })).expect(201);
        String id = created.text("/id");

        var staffView = api.get(Persona.staff(), id).expect(200);
        var workerView = api.get(Persona.gridWorker("G03"), id).expect(200);

        assertThat(staffView.text("/requesterSub")).isEqualTo(resident.sub());
        assertThat(staffView.text("/contactPhone")).isEqualTo("13812345678");
        assertThat(workerView.body().has("requesterSub")).isFalse();
        assertThat(workerView.body().has("contactPhone")).isFalse();
        assertThat(workerView.body().toString()).doesNotContain(resident.sub()).doesNotContain("13812345678");
        assertThat(api.get(resident, id).text("/contactPhone")).isEqualTo("13812345678");
    }

    @Test
    void withoutHiddenIdentity_theGridWorkerOfTheGridSeesThePhoneToCallBack() {
        String id = api.submit(resident, body(b -> b.put("contactPhone", "13812345678"))).expect(201).text("/id");

        assertThat(api.get(Persona.gridWorker("G03"), id).text("/contactPhone")).isEqualTo("13812345678");
        api.get(Persona.gridWorker("G07"), id).expect(404);
    }

    @Test
    void contactPhone_isStoredOnlySealed_inTheRequestAndItsReplayableAnswer_andShownToTheResident() {
        var event = community.linli.testkit.HttpEvents.from("requests-submit.json").as(resident)
                .header("Idempotency-Key", "wx-phone-1").json(body(b -> b.put("contactPhone", "13812345678"))).build();

        var first = api.call(event).expect(201);
        var replay = api.call(event).expect(201);

        var items = aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("RequestsTable"))).items().stream().toList();
        assertThat(items).anySatisfy(i -> assertThat(i).containsKey("sealedContactPhone"))
                .anySatisfy(i -> assertThat(i.get("type").s()).isEqualTo("idempotency"));
        assertThat(items).allSatisfy(i -> assertThat(i.toString()).doesNotContain("13812345678").doesNotContain("5678"));
        assertThat(items).filteredOn(i -> i.containsKey("sealedContactPhone"))
                .allSatisfy(i -> assertThat(i.get("sealedContactPhone").s()).startsWith("lf1."));
        assertThat(first.text("/contactPhone")).isEqualTo("13812345678");
        assertThat(replay.text("/contactPhone")).isEqualTo("13812345678");
        assertThat(api.get(resident, first.text("/id")).text("/contactPhone")).isEqualTo("13812345678");
    }

    @Test
    void submit_atACoordinateNearerZeroThanDynamoDbHolds_isFiled() {
        var created = api.submit(resident, body(b -> b.put("location", Map.of("buildingId", "B0301", "unitId", "1",
                "latitude", -52.71881903893735, "longitude", -8.296445786370833e-143, "address", "l")))).expect(201);

        assertThat(api.get(resident, created.text("/id")).body().at("/location/longitude").asDouble()).isZero();
    }

    // ---------------------------------------------------------------- retries on a bad network

    @Test
    void submit_retriedWithTheSameKeyAndBody_returnsTheFirstResponseAndStoresNothingNew() {
        var event = community.linli.testkit.HttpEvents.from("requests-submit.json").as(resident).header("Idempotency-Key", "wx-7f3a9c").build();

        var first = api.call(event).expect(201);
        var retry = api.call(event).expect(201);

        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(storedRequests()).isEqualTo(1);
    }

    @Test
    void submit_withTheSameKeyButAnotherBody_isRefusedWith422AndStoresNothingNew() {
        var events = community.linli.testkit.HttpEvents.from("requests-submit.json").as(resident).header("Idempotency-Key", "wx-7f3a9c");
        api.call(events.build()).expect(201);

        var changed = api.call(events.json(body(b -> b.put("description", "另一件事"))).build());

        changed.expect(422);
        assertThat(changed.errorFields()).containsExactly("Idempotency-Key");
        assertThat(storedRequests()).isEqualTo(1);
    }

    @Test
    void submit_sameKeyFromAnotherResident_isTheirOwnRequest() {
        var event = community.linli.testkit.HttpEvents.from("requests-submit.json").header("Idempotency-Key", "same-key");

        api.call(event.as(resident).build()).expect(201);
        var other = api.call(event.as(Persona.resident()).build()).expect(201);

        assertThat(other.headers()).doesNotContainKey("Idempotent-Replayed");
        assertThat(storedRequests()).isEqualTo(2);
    }

    @Test
    void submit_retriedWithTheSameAnswersInAnotherOrder_isTheSameBody() {
        var events = community.linli.testkit.HttpEvents.from("requests-submit.json").as(resident).header("Idempotency-Key", "k-order");
        String original = community.linli.testkit.HttpEvents.fixture("requests-submit.json").getBody();
        String reordered = original.replace("\"answers\":{\"trapped\":\"无人被困\",\"floor\":7}", "\"answers\":{\"floor\":7,\"trapped\":\"无人被困\"}");
        assertThat(reordered).isNotEqualTo(original);

        api.call(events.body(original).build()).expect(201);
        var retry = api.call(events.body(reordered).build()).expect(201);

        assertThat(retry.headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void submit_withANullAnswerToAnOptionalQuestion_treatsItAsNotGiven() {
        var answers = new HashMap<String, Object>();
        answers.put("trapped", "无人被困");
        answers.put("floor", null);

        var created = api.submit(resident, body(b -> b.put("answers", answers))).expect(201);

        assertThat(created.body().at("/answers").has("floor")).isFalse();
    }

    @Test
    void submit_inAnEmergencyCategory_explainsItInTheFieldMessageToo() {
        var response = api.submit(resident, body(b -> {
            b.put("category", "fire");
            b.remove("answers");
        }));

        assertThat(response.expect(422).text("/errors/0/message")).contains("119").doesNotContain("{");
    }

    @Test
    void submit_withAMalformedIdempotencyKey_returns400NamingTheHeader() {
        var event = community.linli.testkit.HttpEvents.from("requests-submit.json").as(resident).header("Idempotency-Key", "has spaces!").build();

        assertThat(api.call(event).expect(400).errorFields()).containsExactly("Idempotency-Key");
    }
}
