package community.linli.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.Provision;
import community.linli.tables.staff.StaffRole;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A resident who asks to stay hidden (a neighbour dispute) is known only to staff: no answer to a
 * grid worker of the grid or to the assignee carries their account id, in any field, photo keys
 * and links included.
 */
@ExtendWith(MotoExtension.class)
@Provision({"RequestsFunction", "StaffFunction"})
class HiddenIdentityTest {
    Api api;
    Persona resident = Persona.resident();
    Persona staff = Persona.staff();
    Persona gridWorker = Persona.gridWorker("G03");
    Persona assignee;
    /** Every answer the handlers gave to someone other than the resident or staff. */
    List<Api.Reply> toOthers = new ArrayList<>();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new Api(aws).withDemoStaff();
        assignee = api.registered("gw-mediator", "调解员", StaffRole.GRID_WORKER, "G03");
    }

    Api.Reply seenByOthers(Api.Reply reply) {
        toOthers.add(reply);
        return reply;
    }

    @Test
    void hiddenRequester_appearsInNoAnswerToTheGridWorkerOrTheAssignee_acrossTheWholeLoop() {
        List<String> photos = List.of(api.uploadPhoto(resident, Photos.jpeg(), "image/jpeg"),
                api.uploadPhoto(resident, Photos.jpeg(), "image/png"));
        Map<String, Object> body = new HashMap<>(Api.submitBody());
        body.put("hideIdentity", true);
        body.put("contactPhone", "13812345678");
        body.put("photoKeys", photos);
        String id = api.submit(resident, body).expect(201).text("/id");

        seenByOthers(api.get(gridWorker, id).expect(200));
        seenByOthers(api.inbox(gridWorker, Map.of("limit", "1")).expect(200));
        api.move(staff, id, "assign", Map.of("assignee", assignee.staffId())).expect(200);
        seenByOthers(api.get(assignee, id).expect(200));
        seenByOthers(api.inbox(assignee, Map.of("assignee", "me")).expect(200));
        seenByOthers(api.move(assignee, id, "start", Map.of()).expect(200));
        seenByOthers(api.note(assignee, id, "已联系物业", "public").expect(201));
        seenByOthers(api.note(gridWorker, id, "楼上住户不配合", "internal").expect(201));
        String fixed = api.uploadPhoto(assignee, Photos.jpeg(), "image/jpeg");
        seenByOthers(api.move(assignee, id, "resolve", Map.of("text", "已调解", "photoKeys", List.of(fixed))).expect(200));
        api.move(resident, id, "reopen", Map.of("reason", "又吵起来了")).expect(200);
        seenByOthers(api.move(assignee, id, "resolve", Map.of("text", "再次调解")).expect(200));
        api.rate(resident, id, Map.of("score", 4, "comment", "谢谢", "version", api.currentVersion(id))).expect(200);
        seenByOthers(api.get(gridWorker, id).expect(200));
        seenByOthers(api.get(assignee, id).expect(200));
        seenByOthers(api.inbox(gridWorker, Map.of("status", "closed")).expect(200));

        assertThat(api.get(staff, id).expect(200).text("/requesterSub")).as("staff may see who filed it").isEqualTo(resident.sub());
        assertThat(toOthers).hasSize(12);
        for (Api.Reply reply : toOthers) {
            assertThat(strings(reply)).as("every text of %s", reply.body())
                    .noneMatch(text -> text.contains(resident.sub()) || text.contains("13812345678"));
        }
    }

    /** Every string of an answer: headers, body values and field names, URLs and cursors decoded too. */
    static List<String> strings(Api.Reply reply) {
        List<String> out = new ArrayList<>();
        if (reply.headers() != null) reply.headers().forEach((name, value) -> out.add(name + ": " + value));
        collect(reply.body(), out);
        List<String> decoded = new ArrayList<>();
        for (String text : out) {
            decoded.add(URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8));
            if (text.matches("[A-Za-z0-9_-]{16,}") && text.length() % 4 != 1) {
                decoded.add(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));   // a cursor
            }
        }
        out.addAll(decoded);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node == null) return;
        if (node.isTextual()) out.add(node.asText());
        node.fieldNames().forEachRemaining(out::add);
        node.forEach(child -> collect(child, out));
    }
}
