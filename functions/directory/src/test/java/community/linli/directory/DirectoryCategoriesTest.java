package community.linli.directory;

import static community.linli.testkit.ProblemBodies.assertProblem;
import static community.linli.testkit.ProblemBodies.codes;
import static community.linli.directory.DirectoryApi.fixtureBody;
import static community.linli.testkit.ProblemBodies.json;
import static community.linli.directory.DirectoryApi.listCategories;
import static community.linli.directory.DirectoryApi.putCategory;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Json;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.Emergency;
import community.linli.tables.directory.Question;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.LocalAws;
import community.linli.testkit.Persona;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(MotoExtension.class)
class DirectoryCategoriesTest {
    static final String PUT_FIXTURE = "directory-put-category.json";

    DirectoryApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
        api.store.putCategory("demo", Category.hours("old_repair", "旧物维修", null, 72).disabled());
    }

    // ------------------------------------------------------------------ GET /categories

    @Test
    void listCategories_asResident_returnsOnlyEnabledOnesWithoutTheEnabledFlag() {
        var response = api.call(listCategories().as(Persona.resident()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(codesOf(response)).contains("elevator", "fire", "dispute").doesNotContain("old_repair");
        assertThat(json(response).get("categories")).allSatisfy(c -> assertThat(c.has("enabled")).isFalse());
    }

    @Test
    void listCategories_asGridWorker_returnsOnlyEnabledOnes() {
        var response = api.call(listCategories().as(Persona.gridWorker("G03")));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(codesOf(response)).contains("elevator").doesNotContain("old_repair");
    }

    @Test
    void listCategories_asStaff_returnsDisabledOnesTooWithTheEnabledFlag() {
        var response = api.call(listCategories().as(Persona.staff()));

        assertThat(codesOf(response)).hasSize(13).contains("old_repair");
        assertThat(category(response, "old_repair").get("enabled").asBoolean()).isFalse();
        assertThat(category(response, "elevator").get("enabled").asBoolean()).isTrue();
    }

    @Test
    void listCategories_asAdmin_returnsDisabledOnesToo() {
        var response = api.call(listCategories().as(Persona.admin()));

        assertThat(codesOf(response)).contains("old_repair");
    }

    @Test
    void listCategories_returnsThemOrderedByCode() {
        var response = api.call(listCategories().as(Persona.staff()));

        assertThat(codesOf(response)).isSorted();
    }

    @Test
    void listCategories_showsLimitsQuestionsAndTheEmergencyGuardInTheWireFormat() {
        var response = api.call(listCategories().as(Persona.resident()));

        JsonNode elevator = category(response, "elevator");
        assertThat(elevator.get("name").asText()).isEqualTo("电梯故障");
        assertThat(elevator.get("slaHours").asInt()).isEqualTo(24);
        assertThat(elevator.has("slaWorkingDays")).isFalse();
        assertThat(elevator.get("version").asLong()).isEqualTo(1);
        JsonNode trapped = elevator.at("/questions/0");
        assertThat(trapped.get("id").asText()).isEqualTo("trapped");
        assertThat(trapped.get("type").asText()).isEqualTo("single_choice");
        assertThat(trapped.get("required").asBoolean()).isTrue();
        assertThat(trapped.get("options")).extracting(JsonNode::asText).containsExactly("有人被困", "无人被困");
        JsonNode floor = elevator.at("/questions/1");
        assertThat(floor.get("type").asText()).isEqualTo("number");
        assertThat(floor.get("min").asDouble()).isEqualTo(-5);
        assertThat(floor.get("max").asDouble()).isEqualTo(99);
        assertThat(floor.has("options")).as("no options on a number question").isFalse();
        assertThat(category(response, "dispute").get("slaWorkingDays").asInt()).isEqualTo(5);
        assertThat(category(response, "dispute").has("slaHours")).isFalse();
        assertThat(category(response, "fire").at("/emergency/phone").asText()).isEqualTo("119");
        assertThat(category(response, "fire").at("/emergency/message").asText()).contains("119");
        assertThat(category(response, "water_leak").has("emergency")).isFalse();
    }

    @Test
    void listCategories_withoutVerifiedClaims_returns401() {
        var response = api.call(listCategories().anonymous());

        assertProblem(response, 401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
    }

    @Test
    void listCategories_byAnAccountInNoGroup_returns403() {
        var response = api.call(listCategories().as(Persona.ungrouped()));

        assertProblem(response, 403);
    }

    @Test
    void listCategories_byAnAccountWithoutCommunity_returns403() {
        var response = api.call(listCategories().as(Persona.resident().inCommunity(null)));

        assertProblem(response, 403);
    }

    @Test
    void listCategories_inAnotherCommunity_returnsOnlyThatCommunitysCategories() {
        api.store.putCategory("other", Category.hours("snow", "积雪清理", null, 12));

        var response = api.call(listCategories().as(Persona.staff().inCommunity("other")));

        assertThat(codesOf(response)).containsExactly("snow");
    }

    // ------------------------------------------------------------------ PUT /categories/{code}: writes

    @Test
    void putCategory_aNewCodeWithVersion0_returns201WithTheCategoryAtVersion1() {
        var response = api.call(putCategory("parcel", parcel()).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Location", "/categories/parcel");
        JsonNode body = json(response);
        assertThat(body.get("code").asText()).isEqualTo("parcel");
        assertThat(body.get("slaWorkingDays").asInt()).isEqualTo(3);
        assertThat(body.get("enabled").asBoolean()).as("enabled unless said otherwise").isTrue();
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.at("/questions/1/required").asBoolean()).as("optional unless said otherwise").isFalse();
    }

    @Test
    void putCategory_thenListCategories_showsExactlyWhatWasSent() {
        Map<String, Object> sent = parcel();
        api.call(putCategory("parcel", sent).as(Persona.admin()));

        JsonNode listed = category(api.call(listCategories().as(Persona.resident())), "parcel");

        assertThat(listed.get("name").asText()).isEqualTo(sent.get("name"));
        assertThat(listed.get("questions")).hasSize(3);
        assertThat(listed.at("/questions/0/options")).extracting(JsonNode::asText).containsExactly("顺丰", "京东", "中通", "其他");
        assertThat(listed.at("/questions/1/maxLength").asInt()).isEqualTo(40);
        assertThat(listed.at("/questions/2/max").asDouble()).isEqualTo(100000);
        assertThat(listed.at("/questions/2").has("maxLength")).isFalse();
    }

    @Test
    void putCategory_isStoredWhereRequestsLookItUp() {
        api.call(putCategory("parcel", parcel()).as(Persona.admin()));

        var lookup = api.store.lookup("demo", "parcel", null, List.of());

        Category stored = lookup.category().orElseThrow();
        assertThat(stored.slaWorkingDays()).isEqualTo(3);
        assertThat(stored.questions()).extracting(Question::type)
                .containsExactly(Question.Type.SINGLE_CHOICE, Question.Type.TEXT, Question.Type.NUMBER);
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void putCategory_withTheCurrentVersion_replacesTheWholeCategoryAndReturns200WithTheNextVersion() {
        Map<String, Object> body = Map.of("name", "电梯困人", "slaHours", 2, "version", 1);

        var response = api.call(putCategory("elevator", body).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("version").asLong()).isEqualTo(2);
        Category stored = api.store.category("demo", "elevator").orElseThrow();
        assertThat(stored.name()).isEqualTo("电梯困人");
        assertThat(stored.slaHours()).isEqualTo(2);
        assertThat(stored.questions()).as("replaced, not merged").isEmpty();
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void putCategory_replacedTwice_countsTheVersionUpEachTime() {
        api.call(putCategory("noise", Map.of("name", "噪音", "slaHours", 48, "version", 1)).as(Persona.admin()));

        var response = api.call(putCategory("noise", Map.of("name", "噪音扰民", "slaHours", 24, "version", 2)).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("version").asLong()).isEqualTo(3);
    }

    @Test
    void putCategory_withEnabledFalse_keepsTheCategoryButResidentsNoLongerSeeIt() {
        var response = api.call(putCategory("parking", Map.of("name", "停车管理", "slaHours", 72, "enabled", false, "version", 1))
                .as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(codesOf(api.call(listCategories().as(Persona.resident())))).doesNotContain("parking");
        assertThat(category(api.call(listCategories().as(Persona.staff())), "parking").get("enabled").asBoolean()).isFalse();
    }

    @Test
    void putCategory_withAnEmergencyGuard_storesTheMessageAndNumberToCall() {
        Map<String, Object> body = Map.of("name", "燃气泄漏", "slaHours", 1,
                "emergency", Map.of("message", "请立即关闭阀门并拨打燃气抢修电话", "phone", "96777"), "version", 0);

        var response = api.call(putCategory("gas_leak", body).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(api.store.category("demo", "gas_leak").orElseThrow().emergency())
                .isEqualTo(new Emergency("请立即关闭阀门并拨打燃气抢修电话", null, "96777"));
    }

    @Test
    void putCategory_withEnglishTexts_storesThemAndShowsThemBesideTheChinese() {
        Map<String, Object> body = Map.of("name", "燃气泄漏", "nameEn", "Gas leak", "slaHours", 1,
                "questions", List.of(Map.of("id", "smell", "label", "能闻到气味吗？", "labelEn", "Can you smell gas?",
                        "type", "single_choice", "options", List.of("能", "不能"), "optionsEn", List.of("Yes", "No"))),
                "emergency", Map.of("message", "请立即关闭阀门并拨打燃气抢修电话", "messageEn", "Close the valve and call the gas emergency line",
                        "phone", "96777"), "version", 0);

        var response = api.call(putCategory("gas_leak", body).as(Persona.admin()));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        var shown = category(api.call(listCategories().as(Persona.resident())), "gas_leak");
        assertThat(shown.get("name").asText()).isEqualTo("燃气泄漏");
        assertThat(shown.get("nameEn").asText()).isEqualTo("Gas leak");
        assertThat(shown.at("/questions/0/labelEn").asText()).isEqualTo("Can you smell gas?");
        assertThat(shown.at("/questions/0/optionsEn/1").asText()).isEqualTo("No");
        assertThat(shown.at("/emergency/messageEn").asText()).isEqualTo("Close the valve and call the gas emergency line");
    }

    @Test
    void putCategory_withEnglishOptionsNotOnePerOption_returns400NamingOptionsEn() {
        Map<String, Object> body = Map.of("name", "燃气泄漏", "slaHours", 1,
                "questions", List.of(Map.of("id", "smell", "label", "能闻到气味吗？", "type", "single_choice",
                        "options", List.of("能", "不能"), "optionsEn", List.of("Yes"))), "version", 0);

        var response = api.call(putCategory("gas_leak", body).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"field\":\"questions[0].optionsEn\"").contains("\"code\":\"same_count\"");
        assertThat(api.store.category("demo", "gas_leak")).isEmpty();
    }

    @Test
    void putCategory_atEveryLimit_isAccepted() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "龘".repeat(20));
        body.put("nameEn", "N".repeat(60));
        body.put("slaHours", 2160);
        List<Object> questions = new ArrayList<>();
        questions.add(Map.of("id", "a".repeat(32), "label", "问".repeat(100), "type", "multi_choice",
                "options", IntStream.range(0, 20).mapToObj(i -> String.format("%02d", i) + "选".repeat(48)).toList()));
        questions.add(Map.of("id", "long_text", "label", "详情", "type", "text", "maxLength", 2000));
        questions.add(Map.of("id", "exact", "label", "数量", "type", "number", "min", 3, "max", 3));
        IntStream.range(3, 10).forEach(i -> questions.add(Map.of("id", "q" + i, "label", "问题" + i, "type", "text")));
        body.put("questions", questions);
        body.put("emergency", Map.of("message", "急".repeat(200), "messageEn", "E".repeat(400), "phone", "1".repeat(20)));
        body.put("version", 0);
        DirectoryApi.CONTRACT.assertRequestBody("PUT", "/categories/{code}", "application/json", Json.write(body));

        var response = api.call(putCategory("a" + "b".repeat(31), body).as(Persona.admin()));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(json(response).get("questions")).hasSize(10);
    }

    @Test
    void putCategory_withWorkingDaysAtTheLimit_isAccepted() {
        var response = api.call(putCategory("slow", Map.of("name", "慢", "slaWorkingDays", 60, "version", 0)).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    // ------------------------------------------------------------------ optimistic concurrency

    @Test
    void putCategory_withAStaleVersion_returns409WithTheCurrentVersionAndLeavesTheCategoryUnchanged() {
        api.call(putCategory("elevator", Map.of("name", "电梯故障", "slaHours", 12, "version", 1)).as(Persona.admin()));
        var before = api.items();

        var response = api.call(putCategory("elevator", Map.of("name", "电梯", "slaHours", 48, "version", 1)).as(Persona.admin()));

        assertProblem(response, 409);
        assertThat(json(response).get("type").asText()).isEqualTo("https://linli.community/problems/version-conflict");
        assertThat(json(response).get("detail").asText()).contains("当前版本 2");
        assertThat(api.items()).isEqualTo(before);
        assertThat(api.store.category("demo", "elevator").orElseThrow().slaHours()).isEqualTo(12);
    }

    @Test
    void putCategory_withAnOlderVersionAfterSeveralEdits_returns409AndLeavesTheCategoryUnchanged() {
        api.call(putCategory("noise", Map.of("name", "噪音扰民", "slaHours", 24, "version", 1)).as(Persona.admin()));
        api.call(putCategory("noise", Map.of("name", "噪音扰民", "slaHours", 12, "version", 2)).as(Persona.admin()));
        var before = api.items();

        var response = api.call(putCategory("noise", Map.of("name", "噪音", "slaHours", 96, "version", 2)).as(Persona.admin()));

        assertProblem(response, 409);
        assertThat(json(response).get("detail").asText()).contains("当前版本 3");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCategory_withAVersionAheadOfTheStoredOne_returns409() {
        var response = api.call(putCategory("elevator", Map.of("name", "电梯", "slaHours", 48, "version", 7)).as(Persona.admin()));

        assertProblem(response, 409);
        assertThat(json(response).get("detail").asText()).contains("当前版本 1");
    }

    @Test
    void putCategory_withVersion0ForACodeThatExists_returns409AndLeavesItUnchanged() {
        var before = api.items();

        var response = api.call(putCategory("elevator", Map.of("name", "电梯", "slaHours", 48, "version", 0)).as(Persona.admin()));

        assertProblem(response, 409);
        assertThat(json(response).get("detail").asText()).contains("当前版本 1");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCategory_withAVersionForACodeThatDoesNotExist_returns409WithVersion0AndCreatesNothing() {
        var before = api.items();

        var response = api.call(putCategory("parcel", Map.of("name", "快递", "slaHours", 48, "version", 1)).as(Persona.admin()));

        assertProblem(response, 409);
        assertThat(json(response).get("detail").asText()).contains("当前版本 0");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCategory_byTwoAdminsFromTheSameVersion_keepsTheFirstAndRefusesTheSecond() {
        var first = api.call(putCategory("noise", Map.of("name", "噪音扰民", "slaHours", 24, "version", 1)).as(Persona.admin()));

        var second = api.call(putCategory("noise", Map.of("name", "噪音", "slaHours", 72, "version", 1)).as(Persona.admin()));

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertProblem(second, 409);
        assertThat(api.store.category("demo", "noise").orElseThrow().slaHours()).isEqualTo(24);
    }

    @Test
    void putCategory_overACategoryStoredBeforeVersionsExisted_treatsItAsVersion1() {
        Map<String, AttributeValue> legacy = new HashMap<>(Map.of(
                "pk", AttributeValue.fromS("C#demo"), "sk", AttributeValue.fromS("CAT#legacy"),
                "code", AttributeValue.fromS("legacy"), "name", AttributeValue.fromS("旧类别"),
                "slaHours", AttributeValue.fromN("24"), "enabled", AttributeValue.fromBool(true)));
        api.aws.dynamoDb().putItem(r -> r.tableName(api.aws.name("DirectoryTable")).item(legacy));
        assertThat(category(api.call(listCategories().as(Persona.staff())), "legacy").get("version").asLong()).isEqualTo(1);

        var response = api.call(putCategory("legacy", Map.of("name", "旧类别", "slaHours", 48, "version", 1)).as(Persona.admin()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("version").asLong()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ who may write

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"residents", "grid-workers", "staff"})
    void putCategory_asAnyoneButAnAdmin_returns403AndWritesNothing(String group) {
        var persona = new Persona("someone-" + group, "demo", List.of(group), List.of("G03"));
        var before = api.items();

        var response = api.call(putCategory("parcel", parcel()).as(persona));

        assertProblem(response, 403);
        assertThat(json(response).get("detail").asText()).isEqualTo("当前身份无权执行此操作");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCategory_byAnAccountInNoGroup_returns403() {
        var response = api.call(putCategory("parcel", parcel()).as(Persona.ungrouped()));

        assertProblem(response, 403);
    }

    @Test
    void putCategory_asResidentWithAnInvalidBody_returns403BeforeLookingAtTheBody() {
        var response = api.call(putCategory("Not A Code", Map.of("name", "")).as(Persona.resident()));

        assertProblem(response, 403);
        assertThat(json(response).has("errors")).isFalse();
    }

    @Test
    void putCategory_withoutVerifiedClaims_returns401AndWritesNothing() {
        var before = api.items();

        var response = api.call(putCategory("parcel", parcel()).anonymous());

        assertProblem(response, 401);
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCategory_byAnAdminOfAnotherCommunity_createsItThereAndLeavesThisCommunityAlone() {
        var before = api.store.category("demo", "elevator").orElseThrow();

        var response = api.call(putCategory("elevator", Map.of("name", "电梯", "slaHours", 8, "version", 0))
                .as(Persona.admin().inCommunity("other")));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(api.store.category("demo", "elevator").orElseThrow()).isEqualTo(before);
        assertThat(api.store.category("other", "elevator").orElseThrow().slaHours()).isEqualTo(8);
    }

    @Test
    void putCategory_byAnAdminOfAnotherCommunityNamingThisCommunitysVersion_findsNothingToReplace() {
        var response = api.call(putCategory("elevator", Map.of("name", "电梯", "slaHours", 8, "version", 1))
                .as(Persona.admin().inCommunity("other")));

        assertProblem(response, 409);
        assertThat(json(response).get("detail").asText()).contains("当前版本 0");
        assertThat(api.store.category("demo", "elevator").orElseThrow().slaHours()).isEqualTo(24);
    }

    // ------------------------------------------------------------------ bad input: 400 naming the field, nothing written

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                invalid("name missing", b -> b.remove("name"), "required", "name"),
                invalid("name blank", b -> b.put("name", "  "), "blank", "name"),
                invalid("name of 21 characters", b -> b.put("name", "快".repeat(21)), "max_length", "name"),
                invalid("no time limit", b -> b.remove("slaWorkingDays"), "exactly_one", "slaHours", "slaWorkingDays"),
                invalid("both time limits", b -> b.put("slaHours", 24), "exactly_one", "slaHours", "slaWorkingDays"),
                invalid("slaHours 0", b -> swapSla(b, "slaHours", 0), "range", "slaHours"),
                invalid("slaHours 2161", b -> swapSla(b, "slaHours", 2161), "range", "slaHours"),
                invalid("slaWorkingDays 0", b -> b.put("slaWorkingDays", 0), "range", "slaWorkingDays"),
                invalid("slaWorkingDays 61", b -> b.put("slaWorkingDays", 61), "range", "slaWorkingDays"),
                invalid("slaWorkingDays as text", b -> b.put("slaWorkingDays", "3"), "invalid_type", "slaWorkingDays"),
                invalid("slaWorkingDays fractional", b -> b.put("slaWorkingDays", 1.5), "invalid_type", "slaWorkingDays"),
                invalid("enabled as text", b -> b.put("enabled", "yes"), "invalid_type", "enabled"),
                invalid("11 questions", b -> b.put("questions", IntStream.range(0, 11)
                        .mapToObj(i -> Map.of("id", "q" + i, "label", "问题", "type", "text")).toList()), "max_items", "questions"),
                invalid("a null question", b -> questions(b).set(1, null), "null_value", "questions[1]"),
                invalid("question id missing", b -> question(b, 0).remove("id"), "required", "questions[0].id"),
                invalid("question id upper case", b -> question(b, 0).put("id", "Carrier"), "pattern", "questions[0].id"),
                invalid("question id starting with a digit", b -> question(b, 0).put("id", "1st"), "pattern", "questions[0].id"),
                invalid("question id of 33 characters", b -> question(b, 0).put("id", "q".repeat(33)), "pattern", "questions[0].id"),
                invalid("question ids repeated", b -> question(b, 2).put("id", "carrier"), "duplicate_items", "questions[2].id"),
                invalid("label missing", b -> question(b, 1).remove("label"), "required", "questions[1].label"),
                invalid("label of 101 characters", b -> question(b, 1).put("label", "问".repeat(101)), "max_length", "questions[1].label"),
                invalid("type missing", b -> question(b, 1).remove("type"), "required", "questions[1].type"),
                invalid("type unknown", b -> question(b, 1).put("type", "date"), "one_of", "questions[1].type"),
                invalid("choice without options", b -> question(b, 0).remove("options"), "required", "questions[0].options"),
                invalid("choice with one option", b -> question(b, 0).put("options", List.of("顺丰")), "min_items", "questions[0].options"),
                invalid("choice with 21 options", b -> question(b, 0).put("options",
                        IntStream.range(0, 21).mapToObj(i -> "选项" + i).toList()), "max_items", "questions[0].options"),
                invalid("options repeated", b -> question(b, 0).put("options", List.of("顺丰", "京东", "顺丰")), "duplicate_items", "questions[0].options[2]"),
                invalid("option of 51 characters", b -> question(b, 0).put("options", List.of("顺丰", "长".repeat(51))), "max_length", "questions[0].options[1]"),
                invalid("option blank", b -> question(b, 0).put("options", List.of(" ", "京东")), "blank", "questions[0].options[0]"),
                invalid("options on a text question", b -> question(b, 1).put("options", List.of("a", "b")), "not_allowed", "questions[1].options"),
                invalid("options on a number question", b -> question(b, 2).put("options", List.of("a", "b")), "not_allowed", "questions[2].options"),
                invalid("maxLength on a number question", b -> question(b, 2).put("maxLength", 10), "not_allowed", "questions[2].maxLength"),
                invalid("maxLength 0", b -> question(b, 1).put("maxLength", 0), "range", "questions[1].maxLength"),
                invalid("maxLength 2001", b -> question(b, 1).put("maxLength", 2001), "range", "questions[1].maxLength"),
                invalid("min on a text question", b -> question(b, 1).put("min", 1), "not_allowed", "questions[1].min"),
                invalid("max on a choice question", b -> question(b, 0).put("max", 1), "not_allowed", "questions[0].max"),
                invalid("min above max", b -> question(b, 2).put("min", 100001), "less_than_min", "questions[2].max"),
                invalid("an unknown field in a question", b -> question(b, 0).put("hint", "x"), "unknown_field", "questions[0].hint"),
                invalid("emergency without phone", b -> b.put("emergency", Map.of("message", "请拨打 119")), "required", "emergency.phone"),
                invalid("emergency phone too short", b -> b.put("emergency", Map.of("message", "请拨打", "phone", "11")), "pattern", "emergency.phone"),
                invalid("emergency phone with a plus", b -> b.put("emergency", Map.of("message", "请拨打", "phone", "+86119")), "pattern", "emergency.phone"),
                invalid("emergency phone of 21 digits", b -> b.put("emergency", Map.of("message", "请拨打", "phone", "1".repeat(21))), "pattern", "emergency.phone"),
                invalid("emergency without message", b -> b.put("emergency", Map.of("phone", "119")), "required", "emergency.message"),
                invalid("emergency message of 201 characters", b -> b.put("emergency", Map.of("message", "急".repeat(201), "phone", "119")), "max_length", "emergency.message"),
                invalid("version missing", b -> b.remove("version"), "required", "version"),
                invalid("version negative", b -> b.put("version", -1), "at_least", "version"),
                invalid("version as text", b -> b.put("version", "0"), "invalid_type", "version"),
                invalid("a field the API does not know", b -> b.put("priority", "high"), "unknown_field", "priority"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void putCategory_withAnInvalidField_returns400NamingItAndWritesNothing(String why, Consumer<Map<String, Object>> change,
                                                                          String code, List<String> expectedFields) {
        Map<String, Object> body = parcel();
        change.accept(body);
        var before = api.items();

        var response = api.call(putCategory("parcel", body).as(Persona.admin()));

        assertProblem(response, 400, expectedFields.toArray(String[]::new));
        assertThat(codes(response)).containsOnly(code);
        assertThat(api.items()).isEqualTo(before);
    }

    @ParameterizedTest(name = "code \"{0}\"")
    @ValueSource(strings = {"Elevator", "1st", "_x", "with.dot", "with space", "电梯", "a123456789012345678901234567890123"})
    void putCategory_withAnInvalidCode_returns400NamingCodeAndWritesNothing(String code) {
        var before = api.items();

        var response = api.call(putCategory(code, parcel()).as(Persona.admin()));

        assertProblem(response, 400, "code");
        assertThat(api.items()).isEqualTo(before);
    }

    @Test
    void putCategory_withAnInvalidCodeAndAnInvalidBody_namesBothInOneRound() {
        Map<String, Object> body = parcel();
        body.remove("name");

        var response = api.call(putCategory("Parcel", body).as(Persona.admin()));

        assertProblem(response, 400, "code", "name");
    }

    @Test
    void putCategory_withSeveralInvalidFieldsNestedOrNot_namesEachOfThemInOneRound() {
        Map<String, Object> body = parcel();
        body.put("name", "");
        question(body, 0).remove("options");
        question(body, 1).put("label", " ");
        body.put("emergency", Map.of("message", "请拨打", "phone", "fire"));
        body.remove("version");

        var response = api.call(putCategory("parcel", body).as(Persona.admin()));

        assertProblem(response, 400, "name", "questions[0].options", "questions[1].label", "emergency.phone", "version");
        assertThat(json(response).get("detail").asText()).isEqualTo("有 5 项内容需要修改");
    }

    @Test
    void putCategory_withAnInvalidFieldAndEnglishAsked_explainsItInBothLanguages() {
        Map<String, Object> body = parcel();
        body.put("slaHours", 24);

        var response = api.call(putCategory("parcel", body).as(Persona.admin()).header("accept-language", "en"));

        assertThat(json(response).at("/errors/0/message").asText()).isEqualTo("slaHours, slaWorkingDays 必须且只能填写一项");
        assertThat(json(response).at("/errors/0/message_en").asText()).isEqualTo("exactly one of slaHours, slaWorkingDays is required");
    }

    @Test
    void putCategory_withMalformedJson_returns400NamingTheBody() {
        var response = api.call(putCategory("parcel", "{\"name\": ").as(Persona.admin()));

        assertProblem(response, 400, "body");
    }

    @Test
    void putCategory_asFormData_returns415() {
        var response = api.call(putCategory("parcel", parcel()).as(Persona.admin())
                .header("content-type", "application/x-www-form-urlencoded"));

        assertProblem(response, 415, "Content-Type");
    }

    @Test
    void putCategory_withABodyOver64KiB_returns413() {
        Map<String, Object> body = parcel();
        body.put("name", "x".repeat(70_000));

        var response = api.call(putCategory("parcel", body).as(Persona.admin()));

        assertProblem(response, 413, "body");
    }

    // ------------------------------------------------------------------ helpers

    /** The fixture's body: a valid new category with a choice, a text and a number question. */
    static Map<String, Object> parcel() {
        Map<String, Object> body = fixtureBody(PUT_FIXTURE);
        assertThat(body).containsKeys("name", "slaWorkingDays", "questions", "version");
        return body;
    }

    static Arguments invalid(String why, Consumer<Map<String, Object>> change, String code, String... fields) {
        return Arguments.of(why, change, code, List.of(fields));
    }

    static void swapSla(Map<String, Object> body, String field, Object value) {
        body.remove("slaWorkingDays");
        body.put(field, value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> questions(Map<String, Object> body) {
        return (List<Object>) body.get("questions");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> question(Map<String, Object> body, int index) {
        return (Map<String, Object>) questions(body).get(index);
    }

    static List<String> codesOf(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(response).get("categories").forEach(c -> out.add(c.get("code").asText()));
        return out;
    }

    static JsonNode category(APIGatewayV2HTTPResponse response, String code) {
        for (JsonNode c : json(response).get("categories")) {
            if (c.get("code").asText().equals(code)) return c;
        }
        throw new AssertionError("no category " + code + " in " + response.getBody());
    }
}
