package community.linli.residentupdates;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.store.StreamImages;
import community.linli.platform.wechat.WeChatApi;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.requests.RequestStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * ResidentUpdatesFunction: reads the RequestsTable's stream (a DynamoDB event source mapping, the
 * table's second consumer beside AlertsFunction) and tells the requester when their request is
 * assigned, resolved or rejected ({@link Update}), as a WeChat subscribe message when they allowed
 * one ({@link SubscribeMessages}), and as an SMS to the contact phone when they asked for it when
 * filing ({@link SmsUpdates}, through the AlertsTopic). It reads and writes only the updates' sent
 * records (RequestsTable, {@code C#c#ALERT#id}) and the requesters' consent (AccountsTable,
 * {@code SUB#}).
 *
 * <p>A function of its own rather than part of AlertsFunction, so that the staff alerts keep their
 * narrow grants: only this one may read the WeChat app secret, open sealed openids and contact
 * phones with the FieldKey, and read the AccountsTable. Returns a {@code StreamsEventResponse} as AlertsFunction
 * does: the first record that fails (WeChat busy or rate-limited, a dependency down) and every
 * record after it are named in {@code batchItemFailures}, so Lambda retries from there in shard
 * order; updates sent before the failure are recognized on the retry and not sent again.
 */
public final class ResidentUpdatesHandler implements RequestStreamHandler {
    private final SubscribeMessages wechat;
    private final SmsUpdates sms;

    public ResidentUpdatesHandler() {
        this(Aws.Settings.fromEnv(), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    private ResidentUpdatesHandler(Aws.Settings aws, Clock clock) {
        this(aws, new RequestStore(Aws.dynamoDb(aws), Env.require("REQUESTS_TABLE"), clock), FieldCrypto.fromEnv(() -> Aws.kms(aws)), clock);
    }

    private ResidentUpdatesHandler(Aws.Settings aws, RequestStore ledger, FieldCrypto crypto, Clock clock) {
        this(new SubscribeMessages(ledger, new AccountStore(Aws.dynamoDb(aws), Env.require("ACCOUNTS_TABLE")), crypto,
                        new WeChatApi(URI.create(Env.require("WECHAT_API_BASE_URL")),
                                WeChatApi.appFromSecret(Aws.secretsManager(aws), Env.require("WECHAT_SECRET_ARN")), clock),
                        Env.require("WECHAT_UPDATE_TEMPLATE_ID"), Env.require("WECHAT_UPDATE_PAGE")),
                new SmsUpdates(ledger, Aws.sns(aws), Env.require("ALERTS_TOPIC")));
    }

    ResidentUpdatesHandler(SubscribeMessages wechat, SmsUpdates sms) {
        this.wechat = wechat;
        this.sms = sms;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<StreamImages.Change> records = StreamImages.records(Json.MAPPER.readTree(input));
        List<Map<String, String>> failures = new ArrayList<>();
        Map<SubscribeMessages.Outcome, Integer> outcomes = new EnumMap<>(SubscribeMessages.Outcome.class);
        int smsSent = 0;
        for (StreamImages.Change record : records) {
            if (failures.isEmpty()) {
                try {
                    var update = Update.of(record);
                    if (update.isPresent()) {
                        outcomes.merge(wechat.send(update.get()), 1, Integer::sum);
                        if (sms.send(update.get())) smsSent++;
                    }
                    continue;
                } catch (RuntimeException e) {
                    Log.error("updates.record_failed", e, "sequenceNumber", record.sequenceNumber());
                }
            }
            failures.add(Map.of("itemIdentifier", record.sequenceNumber()));
        }
        Log.info("updates.batch", "records", records.size(), "wechat", outcomes.toString(), "sms", smsSent, "failed", failures.size());
        output.write(Json.write(Map.of("batchItemFailures", failures)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads what a batch loads without writing and without sending: the assignment of a request of
     * the priming community, whose requester has no account, through the stream entry point (the
     * GetItem of its sent record, the GetItem of the consent: none, so no openid opened, no WeChat
     * call, nothing written; no SMS asked for), then the subscribe message's body and the SMS's
     * Publish request built, neither sent. Never the app secret or WeChat's access token: fetching
     * them calls Secrets Manager and WeChat, and the snapshot would carry them into every restored copy.
     */
    private void prime() {
        var response = Priming.invoke(this, PrimingBatch.json());
        var update = new Update(Update.Kind.ASSIGNED, PrimingBatch.assignment().get(1));
        int body = wechat.body(Priming.COMMUNITY, update).size();
        int attributes = sms.request(update, update.id("sms")).messageAttributes().size();
        Log.info("snapstart.primed_updates", "failures", response.path("batchItemFailures").size(), "body", body,
                "attributes", attributes, "sms", SmsUpdates.text(update).length());
    }
}
