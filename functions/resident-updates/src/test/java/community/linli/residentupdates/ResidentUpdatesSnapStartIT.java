package community.linli.residentupdates;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.lambda.PackagedFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ResidentUpdatesFunction's SnapStart priming as the real runtime interface client runs it (see
 * RequestsSnapStartIT for how the fake Runtime API ends the run): the assignment of a request of
 * the priming community runs through the handler, and nothing is written, no WeChat call is made,
 * nothing is published and no consent is used, though a demo resident who allowed an update, with
 * a request assigned and an SMS asked for, is there to be told.
 */
@ExtendWith(MotoExtension.class)
class ResidentUpdatesSnapStartIT {

    @Test
    void beforeTheSnapshot_primingRunsAnAssignment_writesNothing_callsNoWeChat_publishesNothing_usesNoConsent(LocalAws aws) {
        try (Residents world = new Residents(aws)) {
            String resident = world.resident("oWaiting", 1);
            world.assign(world.file(resident, true), "demo-grid-worker");
            String all = world.subscribe(null);
            var requestsBefore = scan(aws, "RequestsTable");
            var accountsBefore = scan(aws, "AccountsTable");

            String output = PackagedFunction.of(aws, "ResidentUpdatesFunction").log(getClass().getSimpleName())
                    .primeForSnapshot("resident-updates-assigned.json").output();

            assertThat(output).contains("\"event\":\"updates.batch\",\"records\":\"1\",\"wechat\":\"{NOT_ALLOWED=1}\",\"sms\":\"0\",\"failed\":\"0\"")
                    .contains("\"event\":\"snapstart.primed_updates\",\"failures\":\"0\"");
            assertThat(scan(aws, "RequestsTable")).containsExactlyInAnyOrderElementsOf(requestsBefore);
            assertThat(scan(aws, "AccountsTable")).containsExactlyInAnyOrderElementsOf(accountsBefore);
            assertThat(world.remaining(resident)).isEqualTo(1);
            assertThat(world.wechat.calls("/cgi-bin/stable_token")).isZero();
            assertThat(world.wechat.calls(SubscribeMessages.PATH)).isZero();
            assertThat(world.wechat.subscribeMessages()).isEmpty();
            assertThat(world.drain(all)).isEmpty();
        }
    }

    private static List<Map<String, AttributeValue>> scan(LocalAws aws, String table) {
        return aws.dynamoDb().scan(r -> r.tableName(aws.name(table)).consistentRead(true)).items();
    }
}
