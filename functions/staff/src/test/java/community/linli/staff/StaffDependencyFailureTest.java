package community.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.ApiReply;
import community.linli.testkit.FaultProxy;
import community.linli.testkit.FaultProxy.Fault;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.ProblemBodies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * KMS and DynamoDB failing under the StaffFunction, injected by {@link FaultProxy} between the SDK
 * and moto, with the handler built by its no-arg constructor and the call budget set through the
 * variables template.yaml sets. A registration seals the phone with KMS before it writes the
 * member and the phone claim in one transaction, so a failure at either step leaves no item.
 */
@ExtendWith(MotoExtension.class)
class StaffDependencyFailureTest {
    StaffApi api;
    StaffHandler faulty;
    FaultProxy proxy;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new StaffApi(aws);
        proxy = FaultProxy.start(aws.endpoint());
        aws.overrideEnvironment("StaffFunction", proxy.environment());
        faulty = aws.construct("StaffFunction", StaffHandler::new);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    ApiReply register(String language) {
        var body = Map.<String, Object>of("name", "王芳", "phone", StaffApi.freshPhone(), "role", "grid_worker", "gridIds", List.of("G03"));
        return ApiReply.call(faulty, StaffApi.registerEvent(body).as(Persona.admin()).header("Accept-Language", language).build());
    }

    static void assertUnavailable(ApiReply reply) {
        ProblemBodies.assertUnavailable(reply.status(), reply.headers(), reply.body());
    }

    @Test
    void register_whenKmsThrottles_returns503WithRetryAfter_andWritesNoItem() {
        int before = api.items().size();
        proxy.inject("kms", "*", Fault.kmsThrottling());

        var reply = register("zh-CN");

        assertUnavailable(reply);
        assertThat(proxy.calls()).filteredOn(FaultProxy.Call::faulted).extracting(FaultProxy.Call::service).containsOnly("kms").hasSize(2);
        assertThat(proxy.calls()).noneMatch(c -> c.operation().equals("TransactWriteItems"));
        assertThat(api.items()).hasSize(before);
    }

    @Test
    void register_whenKmsFailsInternally_returns503InEnglishToo_andWritesNoItem() {
        int before = api.items().size();
        proxy.inject("kms", "*", Fault.kmsInternalError());

        var reply = register("en");

        assertUnavailable(reply);
        assertThat(reply.text("/title_en")).isEqualTo("Temporarily unavailable");
        assertThat(api.items()).hasSize(before);
    }

    @Test
    void register_whenTheTransactionIsThrottled_returns503_andWritesNeitherMemberNorClaim() {
        int before = api.items().size();
        proxy.inject("dynamodb", "TransactWriteItems", Fault.dynamoDbTransactionThrottled(2));

        var reply = register("zh-CN");

        assertUnavailable(reply);
        assertThat(proxy.calls()).anyMatch(c -> c.service().equals("kms") && !c.faulted());
        assertThat(api.items()).hasSize(before);
    }

    @Test
    void list_whenDynamoDbFails_returns503() {
        proxy.inject("dynamodb", "Query", Fault.dynamoDbInternalError());

        var reply = ApiReply.call(faulty, StaffApi.listEvent().as(Persona.staff()).build());

        assertUnavailable(reply);
        assertThat(proxy.faulted("dynamodb", "Query")).isEqualTo(2);
    }
}
