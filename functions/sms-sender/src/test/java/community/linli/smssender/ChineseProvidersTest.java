package community.linli.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.CapturedOutput;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.FakeSmsProvider;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SmsSenderFunction with the {@code aliyun} and {@code tencent} providers: a fake of each on
 * loopback that computes the request's signature again from what arrived, with the credentials
 * put into the template's SmsSecret, and checks the registered signature, the template and its
 * variables and the number before it accepts an SMS.
 */
@ExtendWith(MotoExtension.class)
@Provision({"SmsSenderFunction", "AlertsFunction", "StaffFunction"})
class ChineseProvidersTest {
    static final String SIGN_NAME = "邻里社区";
    static final Map<String, String> TEMPLATES = Map.of("new_request", "SMS_0001", "resident_assigned", "SMS_0002",
            "overdue", "SMS_0009");
    static final Pattern MOBILE = community.linli.testkit.PersonalData.MOBILE;

    static FakeSmsProvider fake(FakeSmsProvider.Kind kind) {
        return FakeSmsProvider.start(kind, "LTAI-demo-key-id", "demo-key-secret-0123456789", SIGN_NAME, Set.of("SMS_0001", "SMS_0002"));
    }

    /** The handler of a deployment with this provider: its credentials in SmsSecret, the fake's URL as the provider's. */
    static SmsSenderHandler handler(SmsWorld world, FakeSmsProvider fake, FakeSmsProvider.Kind kind, String secretJson) {
        String secretArn = world.aws.environment("SmsSenderFunction").get("SMS_SECRET_ARN");
        world.aws.secretsManager().putSecretValue(r -> r.secretId(secretArn).secretString(secretJson));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SMS_PROVIDER", kind.name().toLowerCase(java.util.Locale.ROOT));
        env.put("SMS_API_BASE_URL", fake.baseUrl().toString());
        env.put("SMS_SIGN_NAME", SIGN_NAME);
        env.put("SMS_TEMPLATES", community.linli.platform.Json.write(TEMPLATES));
        env.put("SMS_APP_ID", "1400000001");
        return world.handler(env);
    }

    @ParameterizedTest
    @EnumSource(FakeSmsProvider.Kind.class)
    void aGridWorkersAlert_andAResidentsUpdate_goOutAsSignedRegisteredTemplates(FakeSmsProvider.Kind kind, LocalAws aws) {
        var world = new SmsWorld(aws);
        try (var fake = fake(kind)) {
            var handler = handler(world, fake, kind, fake.secretJson());
            var request = world.file(true);
            String alert = world.alertGridWorker("261130-0011");
            String update = world.updateResident(request);

            String logs = CapturedOutput.during(() -> assertThat(world.deliverAll(handler, 3)).isZero());

            Map<String, String> alertVariables = kind == FakeSmsProvider.Kind.ALIYUN
                    ? Map.of("id", "261130-0011", "category", "电梯故障", "building", "9号楼")
                    : Map.of("0", "261130-0011", "1", "电梯故障", "2", "9号楼");
            Map<String, String> updateVariables = kind == FakeSmsProvider.Kind.ALIYUN ? Map.of("id", request.id()) : Map.of("0", request.id());
            assertThat(fake.received()).extracting(FakeSmsProvider.Received::phone, FakeSmsProvider.Received::signName,
                            FakeSmsProvider.Received::templateId, FakeSmsProvider.Received::variables, FakeSmsProvider.Received::reference)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(DemoCommunity.gridWorkerPhone(3), SIGN_NAME, "SMS_0001", alertVariables, alert),
                            org.assertj.core.groups.Tuple.tuple(SmsWorld.CONTACT_PHONE, SIGN_NAME, "SMS_0002", updateVariables, update));
            assertThat(world.outcome(alert)).startsWith(kind.name().toLowerCase(java.util.Locale.ROOT) + ":");
            assertThat(logs).doesNotContainPattern(MOBILE).doesNotContain("demo-key-secret");
        }
    }

    @ParameterizedTest
    @EnumSource(FakeSmsProvider.Kind.class)
    void credentialsTheProviderRefuses_failTheMessage_untilTheSecretIsPutRight_thenItIsSentOnce(FakeSmsProvider.Kind kind, LocalAws aws) {
        var world = new SmsWorld(aws);
        try (var fake = fake(kind)) {
            String wrong = kind == FakeSmsProvider.Kind.ALIYUN ? "{\"accessKeyId\":\"LTAI-demo-key-id\",\"accessKeySecret\":\"wrong\"}"
                    : "{\"secretId\":\"LTAI-demo-key-id\",\"secretKey\":\"wrong\"}";
            var handler = handler(world, fake, kind, wrong);
            String alert = world.alertGridWorker("261130-0012");

            var refused = world.deliverOnce(handler);
            world.aws.secretsManager().putSecretValue(r -> r.secretId(world.aws.environment("SmsSenderFunction").get("SMS_SECRET_ARN"))
                    .secretString(fake.secretJson()));
            int failures = world.deliverAll(handler, 3);

            assertThat(refused.path("batchItemFailures")).hasSize(1);
            assertThat(failures).isZero();
            assertThat(fake.received()).singleElement().satisfies(sms -> assertThat(sms.reference()).isEqualTo(alert));
        }
    }

    @ParameterizedTest
    @EnumSource(FakeSmsProvider.Kind.class)
    void aTemplateTheProviderHasNotApproved_isRecordedAsNotSent_andNotRetried(FakeSmsProvider.Kind kind, LocalAws aws) {
        var world = new SmsWorld(aws);
        try (var fake = fake(kind)) {
            var handler = handler(world, fake, kind, fake.secretJson());
            String overdue = world.alertStaff("261130-0013", "staff", DemoCommunity.STAFF_ID, "sms");

            String logs = CapturedOutput.during(() -> assertThat(world.deliverAll(handler, 3)).isZero());

            assertThat(world.outcome(overdue)).isEqualTo("not_sent:" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":"
                    + (kind == FakeSmsProvider.Kind.ALIYUN ? "isv.SMS_TEMPLATE_ILLEGAL" : "FailedOperation.TemplateIncorrectOrUnapproved"));
            assertThat(fake.calls()).isEqualTo(1);
            assertThat(fake.received()).isEmpty();
            assertThat(logs).contains("\"event\":\"sms.not_sent\"").doesNotContainPattern(MOBILE);
        }
    }

    @ParameterizedTest
    @EnumSource(FakeSmsProvider.Kind.class)
    void aKindWithNoTemplateId_isRecordedAsNotSent_withoutCallingTheProvider(FakeSmsProvider.Kind kind, LocalAws aws) {
        var world = new SmsWorld(aws);
        try (var fake = fake(kind)) {
            handler(world, fake, kind, fake.secretJson());
            aws.overrideEnvironment("SmsSenderFunction", Map.of("SMS_TEMPLATES", "{\"new_request\":\"SMS_0001\"}"));
            String overdue = world.alertStaff("261130-0015", "staff", DemoCommunity.STAFF_ID, "sms");

            assertThat(world.deliverAll(world.handler(), 3)).isZero();

            assertThat(world.outcome(overdue)).isEqualTo("not_sent:no_template");
            assertThat(fake.calls()).isZero();
        }
    }
}
