package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input to emergency notices' form, answers and dashboard: a 400 naming every bad field, nothing written. */
@ExtendWith(MotoExtension.class)
class NoticesEmergencyBadInputTest {
    NoticesApi api;
    Persona staff = Persona.staff();
    NoticesApi.Member member = NoticesApi.memberOf("G03", DemoCommunity.HOUSEHOLD_ID);

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
    }

    private List<String> refusedDraft(Map<String, Object> body) {
        int items = api.itemCount();
        var reply = api.draft(staff, body).expect(400);
        assertThat(api.itemCount()).as("nothing written").isEqualTo(items);
        return reply.errorFields();
    }

    @Test
    void draft_withAFormOnAnotherKind_returns400NamingForm() {
        Map<String, Object> body = NoticesApi.emergency("停水通知", "G03");
        body.put("kind", "announcement");

        assertThat(refusedDraft(body)).containsExactly("form");
    }

    @Test
    void draft_withBadQuestions_returns400NamingEachQuestionsField_asForACategory() {
        Map<String, Object> body = NoticesApi.emergency("疫情登记", "G03");
        List<Object> form = new ArrayList<>((List<?>) body.get("form"));
        form.add(new LinkedHashMap<>(Map.of("id", "returned", "label", "重复的问题", "type", "text")));
        form.add(new LinkedHashMap<>(Map.of("id", "people", "label", "人数", "type", "count")));
        form.add(new LinkedHashMap<>(Map.of("id", "note", "label", "备注", "type", "text", "options", List.of("a", "b"))));
        body.put("form", form);

        assertThat(refusedDraft(body)).containsExactlyInAnyOrder("form[2].id", "form[3].type", "form[4].options");
    }

    @Test
    void draft_withMoreThanTenQuestions_returns400NamingForm() {
        Map<String, Object> body = NoticesApi.emergency("疫情登记", "G03");
        List<Object> form = new ArrayList<>();
        for (int i = 0; i < 11; i++) form.add(Map.of("id", "q" + i, "label", "问题" + i, "type", "text"));
        body.put("form", form);

        assertThat(refusedDraft(body)).containsExactly("form");
    }

    @Test
    void draft_orChange_ofAnEmergencyToATag_returns400NamingTheAudiencesKind() {
        Map<String, Object> body = NoticesApi.emergency("燃气泄漏");
        body.put("audience", Map.of("kind", "tag", "tag", "elderly_alone"));
        String id = api.draft(staff, NoticesApi.emergency("燃气泄漏", "G03")).expect(201).text("/id");
        int items = api.itemCount();

        assertThat(refusedDraft(body)).containsExactly("audience.kind");
        var changed = api.patch(staff, id, Map.of("audience", Map.of("kind", "tag", "tag", "elderly_alone"), "version", 1));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.errorFields()).containsExactly("audience.kind");
        assertThat(api.itemCount()).isEqualTo(items);
    }

    @Test
    void answer_withoutAnswers_withNullOrMalformed_returns400NamingTheField_andWritesNothing() {
        String id = api.published(NoticesApi.emergency("疫情登记", "G03"));
        int items = api.itemCount();

        var missing = api.answer(member, id, Map.of());
        var nullAnswer = api.answer(member, id, "{\"answers\":{\"returned\":null}}");
        var malformed = api.answer(member, id, "{\"answers\":");
        var wrongType = api.answer(member, id, Map.of("answers", Map.of("returned", 1)));

        assertThat(missing.expect(400).errorFields()).containsExactly("answers");
        assertThat(nullAnswer.expect(400).errorFields()).containsExactly("answers.returned");
        assertThat(malformed.expect(400).errorFields()).containsExactly("body");
        assertThat(wrongType.expect(400).errorFields()).containsExactly("answers.returned");
        assertThat(api.itemCount()).isEqualTo(items);
    }
}
