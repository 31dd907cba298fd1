package community.linli.tables.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.Problem;
import community.linli.platform.http.StaleVersionException;
import community.linli.platform.store.Page;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.MutableClock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** StaffStore on moto, with the StaffTable, FieldKey and LookupKey of template.yaml. */
@ExtendWith(MotoExtension.class)
class StaffStoreTest {
    private static final String PHONE = "13812345678";

    private static StaffStore store(LocalAws aws) {
        return new StaffStore(aws.dynamoDb(), aws.name("StaffTable"),
                new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")),
                new MutableClock(Instant.parse("2026-11-30T01:00:00Z")));
    }

    private static NewStaff gridWorker(String phone, String... grids) {
        return new NewStaff("王芳", phone, StaffRole.GRID_WORKER, List.of(grids));
    }

    @Test
    void register_storesThePhoneOnlySealedMaskedAndHashed(LocalAws aws) {
        StaffStore store = store(aws);

        StaffMember member = store.register("demo", gridWorker(PHONE, "G03"));

        StaffMember read = store.get("demo", member.staffId()).orElseThrow();
        assertThat(read).isEqualTo(member);
        assertThat(read.maskedPhone()).isEqualTo("138****5678");
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(StaffStatus.ACTIVE);
        assertThat(store.phone(read)).isEqualTo(PHONE);
        var items = aws.dynamoDb().scan(r -> r.tableName(aws.name("StaffTable"))).items();
        assertThat(items).hasSize(2);
        assertThat(items.toString()).doesNotContain(PHONE).contains(store.phoneHash(PHONE));
    }

    @Test
    void register_aPhoneTwiceInOneCommunity_isRefusedWithTheHolder_andWritesNothing(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember first = store.register("demo", gridWorker(PHONE, "G03"));

        assertThatThrownBy(() -> store.register("demo", new NewStaff("李娜", PHONE, StaffRole.STAFF, List.of())))
                .isInstanceOfSatisfying(StaffStore.PhoneTaken.class, e -> assertThat(e.staffId()).isEqualTo(first.staffId()));

        assertThat(store.list("demo", 10, null).items()).containsExactly(first);
        assertThat(store.register("other", gridWorker(PHONE, "G01")).communityId()).as("another community may").isEqualTo("other");
    }

    @Test
    void register_anExistingStaffId_isRefused_andLeavesThePhoneFree(LocalAws aws) {
        StaffStore store = store(aws);
        store.register("demo", "demo-admin", new NewStaff("赵敏", "13900000001", StaffRole.ADMIN, List.of()));

        assertThatThrownBy(() -> store.register("demo", "demo-admin", gridWorker(PHONE, "G03")))
                .isInstanceOf(StaffStore.StaffIdTaken.class);

        assertThat(store.register("demo", gridWorker(PHONE, "G03")).maskedPhone()).isEqualTo("138****5678");
    }

    /**
     * What makes two registrations of one phone at the same moment safe is DynamoDB's, not ours to
     * race: the member and the phone claim go in one TransactWriteItems, the claim conditional on
     * not existing, with no read before. moto (5.2.5) cannot show it by racing: its
     * TransactWriteItems checks and writes without a lock, and let 2 of 6 concurrent registrations
     * through when tried. So this pins the request that DynamoDB makes atomic.
     */
    @Test
    void register_writesTheMemberAndAConditionalPhoneClaim_inOneTransactionWithoutAReadFirst(LocalAws aws) {
        List<SdkRequest> sent = new ArrayList<>();
        var dynamo = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .region(aws.settings().region()).credentialsProvider(aws.settings().credentials())
                .endpointOverride(aws.endpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        sent.add(context.request());
                    }
                })).build();
        StaffStore store = new StaffStore(dynamo, aws.name("StaffTable"),
                new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")),
                new MutableClock(Instant.parse("2026-11-30T01:00:00Z")));

        StaffMember member = store.register("demo", gridWorker(PHONE, "G03"));

        assertThat(sent).hasSize(1).first().isInstanceOf(TransactWriteItemsRequest.class);
        var writes = ((TransactWriteItemsRequest) sent.getFirst()).transactItems();
        assertThat(writes).hasSize(2).allSatisfy(w -> assertThat(w.put().conditionExpression()).isEqualTo("attribute_not_exists(pk)"));
        assertThat(writes.get(0).put().item().get("sk").s()).isEqualTo("M#" + member.staffId());
        assertThat(writes.get(1).put().item().get("sk").s()).isEqualTo("PHONE#" + store.phoneHash(PHONE));
        assertThat(writes.get(1).put().item().get("pk").s()).isEqualTo(writes.get(0).put().item().get("pk").s());
        assertThatThrownBy(() -> store.register("demo", gridWorker(PHONE, "G04"))).isInstanceOf(StaffStore.PhoneTaken.class);
    }

    @Test
    void findByPhoneHash_returnsEveryActiveRegistration_withRoleAndGrids(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember demo = store.register("demo", gridWorker(PHONE, "G03", "G04"));
        StaffMember other = store.register("other", new NewStaff("王芳", PHONE, StaffRole.STAFF, List.of()));
        StaffMember left = store.register("third", gridWorker(PHONE, "G01"));
        store.update(left, 1, new StaffChange(null, null, null, null, StaffStatus.INACTIVE));
        store.register("demo", gridWorker("13900000009", "G05"));

        List<StaffMember> found = store.findByPhoneHash(store.phoneHash(PHONE));

        assertThat(found).extracting(StaffMember::communityId, StaffMember::staffId, StaffMember::role, StaffMember::gridIds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("demo", demo.staffId(), StaffRole.GRID_WORKER, List.of("G03", "G04")),
                        org.assertj.core.groups.Tuple.tuple("other", other.staffId(), StaffRole.STAFF, List.of()));
        assertThat(found.getFirst().name()).isEqualTo("王芳");
        assertThat(store.findByPhoneHash(store.phoneHash("13700000000"))).isEmpty();
    }

    @Test
    void update_basedOnAStaleVersion_isRefusedWithTheCurrentOne(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember member = store.register("demo", gridWorker(PHONE, "G03"));
        store.update(member, 1, new StaffChange(null, null, null, List.of("G03", "G04"), null));

        assertThatThrownBy(() -> store.update(member, 1, new StaffChange("王芳芳", null, null, null, null)))
                .as("read at version 1, written at 2 since").isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        StaffMember now = store.get("demo", member.staffId()).orElseThrow();
        assertThatThrownBy(() -> store.update(now, 1, new StaffChange("王芳芳", null, null, null, null)))
                .as("read at 2, based on 1").isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));

        assertThat(now.name()).isEqualTo("王芳");
        assertThat(now.gridIds()).containsExactly("G03", "G04");
        assertThat(store.update(now, 2, new StaffChange("王芳芳", null, null, null, null)).version()).isEqualTo(3);
    }

    @Test
    void update_ofThePhone_movesItsClaim(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember member = store.register("demo", gridWorker(PHONE, "G03"));
        StaffMember holder = store.register("demo", gridWorker("13900000009", "G05"));

        assertThatThrownBy(() -> store.update(member, 1, new StaffChange(null, "13900000009", null, null, null)))
                .isInstanceOfSatisfying(StaffStore.PhoneTaken.class, e -> assertThat(e.staffId()).isEqualTo(holder.staffId()));
        StaffMember moved = store.update(member, 1, new StaffChange(null, "13911112222", null, null, null));

        assertThat(moved.maskedPhone()).isEqualTo("139****2222");
        assertThat(store.phone(store.get("demo", member.staffId()).orElseThrow())).isEqualTo("13911112222");
        assertThat(store.findByPhoneHash(store.phoneHash(PHONE))).isEmpty();
        assertThat(store.findByPhoneHash(store.phoneHash("13911112222"))).extracting(StaffMember::staffId).containsExactly(member.staffId());
        assertThat(store.register("demo", gridWorker(PHONE, "G01")).maskedPhone()).as("the old phone is free again").isEqualTo("138****5678");
    }

    @Test
    void list_pagesThroughTheCommunity_andRefusesACursorOfAnother(LocalAws aws) {
        StaffStore store = store(aws);
        DemoCommunity.seedStaff(store);
        store.register("other", gridWorker(PHONE, "G01"));

        List<StaffMember> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<StaffMember> page = store.list("demo", 5, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(all).hasSize(DemoCommunity.staff().size()).allMatch(m -> m.communityId().equals("demo"));
        assertThat(pages).isGreaterThanOrEqualTo(4);
        String demoCursor = store.list("demo", 5, null).nextCursor();
        assertThatThrownBy(() -> store.list("other", 5, demoCursor)).isInstanceOf(Problem.class);
    }

    @Test
    void colleagues_readNamesRolesGridsAndStatus_neverAPhone(LocalAws aws) {
        StaffStore store = store(aws);
        DemoCommunity.seedStaff(store);
        StaffStore reader = StaffStore.reader(aws.dynamoDb(), aws.name("StaffTable"));

        Colleague one = reader.colleague("demo", DemoCommunity.GRID_WORKER_ID).orElseThrow();
        List<Colleague> all = reader.colleagues("demo");

        assertThat(one).isEqualTo(new Colleague(DemoCommunity.GRID_WORKER_ID, "王芳", StaffRole.GRID_WORKER, List.of("G03"), StaffStatus.ACTIVE));
        assertThat(one.worksGrid("G03")).isTrue();
        assertThat(one.worksGrid("G04")).isFalse();
        assertThat(all).hasSize(DemoCommunity.staff().size());
        assertThat(all.toString()).doesNotContain("139").doesNotContain("137").doesNotContain("lf1.");
        assertThat(reader.colleague("demo", "nobody")).isEmpty();
        assertThat(reader.colleague("other", DemoCommunity.GRID_WORKER_ID)).isEmpty();
    }

    @Test
    void theDuty_sharesTheRegistrysPartition_readWithItsMembersInOneQuery_butNeverListedAsOne(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember member = store.register("demo", gridWorker(PHONE, "G03"));
        var slots = List.of(new DutySlot(List.of(DayOfWeek.MONDAY), LocalTime.of(8, 30), LocalTime.of(17, 30), List.of(member.staffId())));
        store.putDuty("demo", "demo-admin", slots, 0);
        store.putDutyDate("demo", LocalDate.of(2027, 1, 1), slots);
        store.putDutyDate("demo", LocalDate.of(2027, 2, 6), slots);

        DutyAndMembers read = store.dutyAndMembers("demo");

        assertThat(read.members()).as("the members, not the phone claim").containsExactly(member);
        assertThat(read.duty().version()).isEqualTo(1);
        assertThat(read.duty().dates()).extracting(DutyDate::date).containsExactly(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 6));
        assertThat(store.duty("demo")).isEqualTo(read.duty());
        assertThat(store.list("demo", 10, null).items()).containsExactly(member);
        assertThat(store.colleagues("demo")).extracting(Colleague::staffId).containsExactly(member.staffId());
    }

    @Test
    void alertPreferences_areStoredOnTheMember_surviveAnAdminsChange_andAdvanceTheVersion(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember member = store.register("demo", gridWorker(PHONE, "G03", "G04"));
        var chosen = new AlertPreferences(java.util.Map.of("new_request", new AlertPreferences.Choice("sms", "off")), List.of("G04"));

        StaffMember preferred = store.setAlertPreferences(member, chosen);
        StaffMember renamed = store.update(preferred, 2, new StaffChange("王芳芳", null, null, null, null));

        assertThat(preferred.version()).isEqualTo(2);
        assertThat(store.get("demo", member.staffId()).orElseThrow().alertPreferences()).isEqualTo(chosen);
        assertThat(renamed.alertPreferences()).isEqualTo(chosen);
        assertThat(store.get("demo", member.staffId()).orElseThrow().alertPreferences().wantsGrid("G03")).isFalse();
        assertThatThrownBy(() -> store.setAlertPreferences(member, AlertPreferences.none())).isInstanceOf(StaleVersionException.class);
    }
}
