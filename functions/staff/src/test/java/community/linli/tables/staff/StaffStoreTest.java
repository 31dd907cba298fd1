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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    void register_onePhoneConcurrently_letsExactlyOneSucceed(LocalAws aws) throws Exception {
        StaffStore store = store(aws);
        int attempts = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Callable<Boolean> attempt = () -> {
                    start.await();
                    try {
                        store.register("demo", gridWorker(PHONE, "G03"));
                        return true;
                    } catch (StaffStore.PhoneTaken taken) {
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) succeeded += result.get() ? 1 : 0;

            assertThat(succeeded).isEqualTo(1);
            assertThat(store.list("demo", 10, null).items()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findByPhoneHash_returnsEveryActiveRegistration_withRoleAndGrids(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember demo = store.register("demo", gridWorker(PHONE, "G03", "G04"));
        StaffMember other = store.register("other", new NewStaff("王芳", PHONE, StaffRole.STAFF, List.of()));
        StaffMember left = store.register("third", gridWorker(PHONE, "G01"));
        store.update("third", left.staffId(), 1, new StaffChange(null, null, null, null, StaffStatus.INACTIVE));
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
        store.update("demo", member.staffId(), 1, new StaffChange(null, null, null, List.of("G03", "G04"), null));

        assertThatThrownBy(() -> store.update("demo", member.staffId(), 1, new StaffChange("王芳芳", null, null, null, null)))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));

        StaffMember now = store.get("demo", member.staffId()).orElseThrow();
        assertThat(now.name()).isEqualTo("王芳");
        assertThat(now.gridIds()).containsExactly("G03", "G04");
        assertThat(store.update("demo", "nobody", 1, new StaffChange("x", null, null, null, null))).isEmpty();
    }

    @Test
    void update_ofThePhone_movesItsClaim(LocalAws aws) {
        StaffStore store = store(aws);
        StaffMember member = store.register("demo", gridWorker(PHONE, "G03"));
        StaffMember holder = store.register("demo", gridWorker("13900000009", "G05"));

        assertThatThrownBy(() -> store.update("demo", member.staffId(), 1, new StaffChange(null, "13900000009", null, null, null)))
                .isInstanceOfSatisfying(StaffStore.PhoneTaken.class, e -> assertThat(e.staffId()).isEqualTo(holder.staffId()));
        StaffMember moved = store.update("demo", member.staffId(), 1, new StaffChange(null, "13911112222", null, null, null)).orElseThrow();

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
}
