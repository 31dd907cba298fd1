package community.linli.smssender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.Priming;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.staff.StaffStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SmsSenderFunction: delivers every SMS of the AlertsTopic (its messages with {@code channel: sms},
 * staff alerts and residents' updates alike) to the person's own phone. The topic's subscription
 * {@code SmsSenderSubscription} (filter {@code {"channel": ["sms"]}}, raw delivery) fills the
 * {@code SmsQueue}, and Lambda's SQS poller delivers its messages here, up to ten a batch. Each is
 * sent once ({@link Sender}) to the phone opened from the StaffTable or the request
 * ({@link Phones}), through the provider the template's {@code SmsProvider} names: {@code sns}
 * (SNS Publish to the number; the global regions), {@code aliyun} or {@code tencent} (the China
 * regions, whose SNS has no SMS). It reads the sealed phones, reads and writes only the SMS's sent
 * records, and reads the provider's credentials from Secrets Manager.
 *
 * <p>Returns an {@code SQSBatchResponse}: each message whose delivery threw (the provider throttling
 * or failing, a dependency down) is named in {@code batchItemFailures} and comes back after the
 * queue's visibility timeout; the others are done. A record without the attributes an SMS needs is
 * logged and dropped, since no retry gives it them.
 */
public final class SmsSenderHandler implements RequestStreamHandler {
    private final Sender sender;

    public SmsSenderHandler() {
        this(Aws.Settings.fromEnv(), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    private SmsSenderHandler(Aws.Settings aws, Clock clock) {
        this(sender(aws, clock));
    }

    SmsSenderHandler(Sender sender) {
        this.sender = sender;
    }

    static Sender sender(Aws.Settings aws, Clock clock) {
        var dynamo = Aws.dynamoDb(aws);
        RequestStore requests = new RequestStore(dynamo, Env.require("REQUESTS_TABLE"), clock);
        Phones phones = new Phones(StaffStore.reader(dynamo, Env.require("STAFF_TABLE")), requests, FieldCrypto.fromEnv(() -> Aws.kms(aws)));
        return new Sender(requests, phones, provider(aws, clock), templates(Env.optional("SMS_TEMPLATES").orElse("{}")));
    }

    static SmsProvider provider(Aws.Settings aws, Clock clock) {
        String name = Env.require("SMS_PROVIDER");
        return switch (name) {
            case "sns" -> new SnsSms(Aws.sns(aws));
            case "aliyun" -> new AliyunSms(URI.create(Env.optional("SMS_API_BASE_URL").orElse(AliyunSms.DEFAULT_BASE)),
                    new ProviderSecret(Aws.secretsManager(aws), Env.require("SMS_SECRET_ARN"), "accessKeyId", "accessKeySecret"),
                    Env.require("SMS_SIGN_NAME"), clock, new ProviderHttp());
            case "tencent" -> new TencentSms(URI.create(Env.optional("SMS_API_BASE_URL").orElse(TencentSms.DEFAULT_BASE)),
                    new ProviderSecret(Aws.secretsManager(aws), Env.require("SMS_SECRET_ARN"), "secretId", "secretKey"),
                    Env.require("SMS_SIGN_NAME"), Env.require("SMS_APP_ID"), clock, new ProviderHttp());
            default -> throw new IllegalStateException("SMS_PROVIDER must be sns, aliyun or tencent, not " + name);
        };
    }

    /** {@code SMS_TEMPLATES}: a JSON object from each kind of SMS to its registered template's id. */
    static Map<String, String> templates(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Json.parse(json, JsonNode.class).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        List<Map<String, String>> failures = new ArrayList<>();
        Map<Sender.Outcome, Integer> outcomes = new EnumMap<>(Sender.Outcome.class);
        int malformed = 0;
        for (JsonNode record : event.path("Records")) {
            SmsMessage message = SmsMessage.of(record);
            if (message == null) {
                malformed++;
                Log.warn("sms.malformed", "messageId", record.path("messageId").asText());
                continue;
            }
            try {
                outcomes.merge(sender.deliver(message), 1, Integer::sum);
            } catch (RuntimeException e) {
                Log.error("sms.message_failed", e, "messageId", message.messageId(), "alertId", message.alertId());
                failures.add(Map.of("itemIdentifier", message.messageId()));
            }
        }
        Log.info("sms.batch", "records", event.path("Records").size(), "outcomes", outcomes.toString(), "malformed", malformed,
                "failed", failures.size(), "provider", sender.provider().name());
        output.write(Json.write(Map.of("batchItemFailures", failures)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads what a delivery loads and writes nothing: the batch path through the stream entry point
     * with a record lacking its attributes (dropped), the reads of a delivery for the community
     * {@code priming} (no record, no member, no request: nothing opened, nothing sent), and both
     * providers' request signatures in memory. No KMS key and no secret is asked for.
     */
    private void prime() {
        var response = Priming.invoke(this, Json.write(Map.of("Records", List.of(Map.of("messageId", "priming", "body", "",
                "messageAttributes", Map.of("community", Map.of("stringValue", Priming.COMMUNITY, "dataType", "String")))))));
        sender.prime(Priming.COMMUNITY);
        String aliyun = AliyunSms.signature("priming", AliyunSms.canonical(Map.of("Action", "SendSms", "TemplateParam", "{\"id\":\"000000-0000\"}")));
        String tencent = TencentSms.authorization(new ProviderSecret.Credentials("priming", "priming"), "sms.tencentcloudapi.com", 0L, "{}");
        Log.info("snapstart.primed_sms_paths", "failures", response.path("batchItemFailures").size(),
                "signatures", aliyun.length() + tencent.length() > 0 ? 2 : 0);
    }
}
