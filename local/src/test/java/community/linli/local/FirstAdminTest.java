package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.Env;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** scripts/first-admin's command against the template's StaffTable and keys on moto, with StaffFunction's environment. */
@ExtendWith(MotoExtension.class)
class FirstAdminTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(LocalAws aws, String... args) {
        return Env.with(aws.environment("StaffFunction"), () -> FirstAdmin.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void run_registersTheCommunitysFirstAdmin_andPrintsOnlyTheMaskedPhone(LocalAws aws) {
        int status = run(aws, "xingfuli", "赵敏", "13900000001");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        StaffStore store = new StaffStore(aws.dynamoDb(), aws.name("StaffTable"),
                new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey")), Clock.systemUTC());
        StaffMember admin = store.findByPhoneHash(store.phoneHash("13900000001")).getFirst();
        assertThat(admin.communityId()).isEqualTo("xingfuli");
        assertThat(admin.role()).isEqualTo(StaffRole.ADMIN);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(admin.staffId()).contains("139****0001").doesNotContain("13900000001");
    }

    @Test
    void run_twiceWithOnePhone_refusesTheSecond(LocalAws aws) {
        run(aws, "xingfuli", "赵敏", "13900000001");

        int status = run(aws, "xingfuli", "李娜", "13900000001");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already registered");
    }

    @Test
    void run_withBadArguments_namesThemAndWritesNothing(LocalAws aws) {
        assertThat(run(aws, "xingfuli", "赵敏")).isEqualTo(2);
        assertThat(run(aws, "no spaces", "", "123")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("community-id: pattern").contains("name: blank").contains("phone: phone");
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("StaffTable"))).count()).isZero();
    }
}
