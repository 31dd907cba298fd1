package community.linli.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.Aws;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.staff.StaffStore;
import community.linli.testkit.FakeSmsProvider;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Provision;
import community.linli.testkit.RoundTrips;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The AWS calls of one SMS, as README "SMS to each person's own phone" states them, counted on the wire (moto). */
@ExtendWith(MotoExtension.class)
@Provision({"SmsSenderFunction", "AlertsFunction", "StaffFunction"})
class SmsSenderRoundTripsTest {
    SmsWorld world;
    RoundTrips trips = new RoundTrips();
    Map<String, String> env;

    @BeforeEach
    void setUp(LocalAws aws) {
        world = new SmsWorld(aws);
        env = aws.environment("SmsSenderFunction");
    }

    private Sender sender(LocalAws aws, SmsProvider provider) {
        var dynamo = aws.countingDynamoDb(trips);
        var requests = new RequestStore(dynamo, env.get("REQUESTS_TABLE"), world.clock());
        var phones = new Phones(StaffStore.reader(dynamo, env.get("STAFF_TABLE")), requests,
                new FieldCrypto(() -> aws.countingKms(trips), env.get("FIELD_KEY_ID"), null));
        return new Sender(requests, phones, provider, ChineseProvidersTest.TEMPLATES);
    }

    @Test
    void aStaffSms_costsTwoGetItemsThePublishAndAPutItem_plusOneDecryptAContainersFirst_andOnceSentOneGetItem(LocalAws aws) {
        var handler = new SmsSenderHandler(sender(aws, new SnsSms(aws.countingSns(trips))));
        world.alertGridWorker("261130-0021");
        world.alertGridWorker("261130-0022");
        var first = aws.sqs().receiveMessage(r -> r.queueUrl(world.queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
        String firstEvent = community.linli.testkit.SqsEvents.event(first, world.queueArn);
        var second = aws.sqs().receiveMessage(r -> r.queueUrl(world.queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
        String secondEvent = community.linli.testkit.SqsEvents.event(second, world.queueArn);

        var cold = trips.during(() -> community.linli.platform.Priming.invoke(handler, firstEvent));
        var warm = trips.during(() -> community.linli.platform.Priming.invoke(handler, secondEvent));
        var again = trips.during(() -> community.linli.platform.Priming.invoke(handler, secondEvent));

        assertThat(cold).isEqualTo(Map.of("GetItem", 2, "Decrypt", 1, "Publish", 1, "PutItem", 1));
        assertThat(warm).isEqualTo(Map.of("GetItem", 2, "Publish", 1, "PutItem", 1));
        assertThat(again).isEqualTo(Map.of("GetItem", 1));
    }

    @Test
    void aResidentsSms_throughAliyun_readsTheSecretOncePerContainer(LocalAws aws) {
        try (var fake = ChineseProvidersTest.fake(FakeSmsProvider.Kind.ALIYUN)) {
            aws.secretsManager().putSecretValue(r -> r.secretId(env.get("SMS_SECRET_ARN")).secretString(fake.secretJson()));
            var secrets = Aws.configure(SecretsManagerClient.builder(), aws.settings());
            SecretsManagerClient counted = secrets.overrideConfiguration(secrets.overrideConfiguration().toBuilder()
                    .addExecutionInterceptor(trips).build()).build();
            var provider = new AliyunSms(URI.create(fake.baseUrl().toString()),
                    new ProviderSecret(counted, env.get("SMS_SECRET_ARN"), "accessKeyId", "accessKeySecret"),
                    ChineseProvidersTest.SIGN_NAME, java.time.Clock.systemUTC(), new ProviderHttp());
            var handler = new SmsSenderHandler(sender(aws, provider));
            world.updateResident(world.file(true));
            world.updateResident(world.file(true));

            var calls = trips.during(() -> world.deliverAll(handler, 3));

            assertThat(calls).isEqualTo(Map.of("GetSecretValue", 1, "GetItem", 4, "Decrypt", 1, "PutItem", 2));
            assertThat(fake.received()).hasSize(2);
        }
    }
}
