package community.linli.tables.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.directory.DirectoryStore;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ResidentStore on moto: claims under concurrency, the sparse indexes and the audit log's order. */
@ExtendWith(MotoExtension.class)
class ResidentStoreTest {
    static final Address ROOM = new Address("G03", "B0301", "2", "101");

    static ResidentStore store(LocalAws aws) {
        return new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"),
                new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")),
                new MutableClock(Instant.parse("2026-11-30T01:00:00Z")));
    }

    static NewResident person(String idNumber) {
        return new NewResident("周敏", idNumber, LocalDate.of(1990, 1, 1), Gender.FEMALE, null, Relation.CHILD, ResidenceType.PERMANENT,
                List.of(), List.of(), List.of(), null, LocalDate.of(2026, 11, 1));
    }

    /**
     * Two grid workers submit the same ID number at the same moment, several times over: exactly one
     * registration of each number succeeds, the others get IdNumberTaken naming the winner, and
     * only the winner's items exist.
     */
    @Test
    void concurrentRegistrations_ofOneIdNumber_registerItOnce(LocalAws aws) throws Exception {
        ResidentStore store = store(aws);
        Household household = store.createHousehold("demo", "0301-2-101", ROOM);
        store.idHash("630102199001011235");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String first17 = "6301021990010" + String.format("%04d", 1000 + round * 2 + 1);
                String idNumber = first17 + checkCharacter(first17);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> attempts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    attempts.add(pool.submit(() -> {
                        start.await();
                        try {
                            return store.register("demo", household, person(idNumber), "gw");
                        } catch (ResidentStore.IdNumberTaken taken) {
                            return taken;
                        }
                    }));
                }
                start.countDown();
                List<Resident> registered = new ArrayList<>();
                List<ResidentStore.IdNumberTaken> refused = new ArrayList<>();
                for (var attempt : attempts) {
                    Object outcome = attempt.get();
                    if (outcome instanceof Resident r) registered.add(r);
                    else refused.add((ResidentStore.IdNumberTaken) outcome);
                }

                assertThat(registered).as("round %d", round).hasSize(1);
                assertThat(refused).hasSize(3);
                assertThat(store.findByIdHash("demo", store.idHash(idNumber))).map(Resident::residentId)
                        .contains(registered.getFirst().residentId());
            }
            long residents = aws.dynamoDb().scan(r -> r.tableName(aws.name("ResidentsTable"))).items().stream()
                    .filter(item -> "resident".equals(item.get("type").s())).count();
            assertThat(residents).as("no loser left a resident behind").isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimWithoutItsResident_isTakenOverAfterAMinute_butNotBefore(LocalAws aws) {
        ResidentStore store = store(aws);
        Household household = store.createHousehold("demo", "0301-2-101", ROOM);
        String first17 = "63010219900101567";
        String idNumber = first17 + checkCharacter(first17);
        String hash = store.idHash(idNumber);
        Map<String, AttributeValue> claim = new java.util.HashMap<>(Map.of("pk", AttributeValue.fromS("C#demo#IDCARD#" + hash),
                "sk", AttributeValue.fromS("CLAIM"), "type", AttributeValue.fromS("id_claim"), "residentId", AttributeValue.fromS("r-died"),
                "claimedAt", AttributeValue.fromS("2026-11-30T00:59:30.000Z")));
        aws.dynamoDb().putItem(r -> r.tableName(aws.name("ResidentsTable")).item(claim));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.register("demo", household, person(idNumber), "gw"))
                .as("30 seconds old: that registration may still be under way")
                .isInstanceOfSatisfying(ResidentStore.IdNumberTaken.class, e -> assertThat(e.holder()).isNull());
        claim.put("claimedAt", AttributeValue.fromS("2026-11-30T00:58:00.000Z"));
        aws.dynamoDb().putItem(r -> r.tableName(aws.name("ResidentsTable")).item(claim));

        Resident registered = store.register("demo", household, person(idNumber), "gw");

        assertThat(store.findByIdHash("demo", hash)).map(Resident::residentId).contains(registered.residentId());
    }

    @Test
    void onlyActiveResidents_areInThePlaceHouseholdAndTagIndexes(LocalAws aws) {
        ResidentStore store = store(aws);
        Household household = store.createHousehold("demo", "0301-2-101", ROOM);
        NewResident tagged = new NewResident("吴刚", "630102194501011230".substring(0, 17) + checkCharacter("63010219450101123"),
                LocalDate.of(1945, 1, 1), Gender.MALE, "13712345678", Relation.HEAD, ResidenceType.PERMANENT, List.of("elderly_80"),
                List.of(), List.of(), null, LocalDate.of(2026, 1, 1));
        Resident r = store.register("demo", household, tagged, "gw");

        Resident out = store.move(r, 1, MoveKind.MOVE_OUT, null, null, LocalDate.of(2026, 11, 29), "gw");

        assertThat(store.byPlace("demo", "G03", null, null, null, 10, null).items()).isEmpty();
        assertThat(store.byTag("demo", "G03", "elderly_80", 10, null).items()).isEmpty();
        assertThat(store.householdWithMembers("demo", household.householdId()).orElseThrow().members()).isEmpty();
        assertThat(store.household("demo", household.householdId()).orElseThrow().headResidentId()).isNull();
        assertThat(store.findByPhoneHash("demo", store.phoneHash("13712345678"))).extracting(Resident::status)
                .as("phone lookups still find a moved-out resident").containsExactly(ResidentStatus.MOVED_OUT);
        assertThat(out.version()).isEqualTo(2);
    }

    @Test
    void audits_areNewestFirst_andAMonthIsAPartition(LocalAws aws) {
        ResidentStore store = store(aws);
        store.audit(new AuditRecord("demo", "au-1", Instant.parse("2026-11-01T00:00:00Z"), "a", "admin", "reveal", "r-1", "x"));
        store.audit(new AuditRecord("demo", "au-2", Instant.parse("2026-11-02T00:00:00Z"), "a", "admin", "reveal", "r-1", "y"));
        store.audit(new AuditRecord("demo", "au-3", Instant.parse("2026-10-31T23:59:59Z"), "a", "admin", "reveal", "r-1", "z"));

        assertThat(store.audits("demo", java.time.YearMonth.of(2026, 11), 10, null).items()).extracting(AuditRecord::auditId)
                .containsExactly("au-2", "au-1");
        assertThat(store.audits("other", java.time.YearMonth.of(2026, 11), 10, null).items()).isEmpty();
    }

    @Test
    void theDemoSeed_registersTwoHouseholdsAndFourResidents(LocalAws aws) {
        ResidentStore store = store(aws);
        DemoCommunity.seedResidents(store);

        var household = store.householdWithMembers("demo", DemoCommunity.HOUSEHOLD_ID).orElseThrow();

        assertThat(household.members()).extracting(Resident::residentId)
                .containsExactlyInAnyOrder(DemoCommunity.HEAD_ID, DemoCommunity.SPOUSE_ID, DemoCommunity.ELDERLY_ID);
        assertThat(household.household().headResidentId()).isEqualTo(DemoCommunity.HEAD_ID);
        assertThat(store.findByPhoneHash("demo", store.phoneHash("13800000003"))).extracting(Resident::residentId)
                .containsExactly(DemoCommunity.PHONE_RESIDENT_ID);
        assertThat(store.byTag("demo", "G03", "elderly_alone", 10, null).items()).extracting(Resident::residentId)
                .containsExactly(DemoCommunity.ELDERLY_ID);
    }

    private static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * weights[i];
        return "10X98765432".charAt(sum % 11);
    }
}
