package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Personal data at rest and in logs: after a registration, a lookup, a change of phone, a reveal,
 * a move and a refused duplicate, no ID number or phone is in any item of the ResidentsTable (it
 * has no stream) nor in any line the function logged, and no tag or name is logged either. The
 * values are there, sealed: the store opens them.
 */
@ExtendWith(MotoExtension.class)
class ResidentsProtectionTest {
    static final String ID_NUMBER = "63010219560601123X";
    static final String PHONE = "13611112222";
    static final String NEW_PHONE = "13633334444";

    @Test
    void idNumbersAndPhones_areNeverPlaintextInTheTableOrTheLogs(LocalAws aws) {
        ResidentsApi api = new ResidentsApi(aws);
        Persona gridWorker = ResidentsApi.gridWorker();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        String id;
        try {
            id = api.register(gridWorker, Map.of("householdId", DemoCommunity.HOUSEHOLD_ID, "name", "赵大爷", "idNumber", ID_NUMBER,
                    "phone", PHONE, "relation", "grandparent", "residenceType", "permanent", "tags", List.of("disability"),
                    "consents", List.of(Map.of("tag", "disability", "date", "2026-11-29")))).expect(201).text("/id");
            api.lookup(gridWorker, Map.of("idNumber", ID_NUMBER)).expect(200);
            api.lookup(gridWorker, Map.of("phone", PHONE)).expect(200);
            api.patch(gridWorker, id, Map.of("phone", NEW_PHONE, "version", 1)).expect(200);
            api.reveal(gridWorker, id, Map.of("reason", "核对")).expect(200);
            api.register(gridWorker, Map.of("householdId", DemoCommunity.HOUSEHOLD_ID, "name", "赵大爷", "idNumber", ID_NUMBER,
                    "relation", "grandparent", "residenceType", "permanent")).expect(409);
            api.move(gridWorker, id, Map.of("kind", "move_out", "version", 2)).expect(200);
        } finally {
            System.setOut(original);
        }

        String raw = api.items().toString();
        String logged = logs.toString(StandardCharsets.UTF_8);
        List<String> secrets = List.of(ID_NUMBER, ID_NUMBER.substring(0, 17), PHONE, NEW_PHONE, DemoCommunity.HEAD_ID_NUMBER,
                DemoCommunity.HEAD_PHONE, DemoCommunity.ELDERLY_ID_NUMBER, DemoCommunity.PHONE_RESIDENT_PHONE);
        for (String secret : secrets) {
            assertThat(raw).as("the table").doesNotContain(secret);
            assertThat(logged).as("the logs").doesNotContain(secret);
        }
        assertThat(logged).contains("residents.registered", "residents.revealed", "residents.id_number_conflict")
                .doesNotContain("赵大爷").doesNotContain("disability").doesNotContain("核对");
        assertThat(raw).contains("6301**********123X").contains("136****4444");
        var stored = api.store.get(DemoCommunity.ID, id).orElseThrow();
        assertThat(api.store.idNumber(stored)).isEqualTo(ID_NUMBER);
        assertThat(api.store.phone(stored)).isEqualTo(NEW_PHONE);
        assertThat(aws.dynamoDb().describeTable(r -> r.tableName(aws.name("ResidentsTable"))).table().streamSpecification())
                .as("no stream to leak into").isNull();
    }
}
