package community.linli.notices;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Aws;
import community.linli.platform.Json;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.files.FileStore;
import community.linli.tables.accounts.Account;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.notices.NoticeStore;
import community.linli.tables.residents.ResidentStore;
import community.linli.testkit.ApiReply;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.Invoke;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MutableClock;
import community.linli.testkit.OpenApiContract;
import community.linli.testkit.Persona;
import community.linli.testkit.QrImages;
import community.linli.testkit.RoundTrips;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * NoticesFunction as a client sees it, for tests: the demo community's directory seeded, events
 * built from the fixtures in events/, each response read back as the runtime serializes it and
 * checked against openapi.yaml, the DynamoDB round trips each call made, and the AlertsTopic's
 * messages read back from an SQS queue subscribed to it.
 */
final class NoticesApi {
    static final OpenApiContract CONTRACT = OpenApiContract.load();
    static final Instant NOW = Instant.parse("2026-11-30T01:00:00.000Z");
    static final String EXPIRES = "2026-12-31T16:00:00.000Z";
    static final String CHECK_IN_URL = "https://linli.community/m/check-in";

    final LocalAws aws;
    final MutableClock clock = new MutableClock(NOW);
    final RoundTrips dynamoTrips = new RoundTrips();
    final NoticeStore store;
    final FileStore files;
    final NoticesHandler handler;
    private final String queueUrl;

    NoticesApi(LocalAws aws) {
        this.aws = aws;
        DemoCommunity.seed(aws);
        this.store = new NoticeStore(aws.dynamoDb(), aws.name("NoticesTable"));
        this.files = new FileStore(aws::s3, () -> Aws.s3Presigner(aws.settings()), aws.name("FilesBucket"), clock);
        this.handler = new NoticesHandler(aws.countingDynamoDb(dynamoTrips), aws.sns(), aws.name("NoticesTable"),
                aws.name("DirectoryTable"), aws.name("AccountsTable"), aws.name("ResidentsTable"), files,
                aws.provisioned().ref("AlertsTopic"), NoticesApi.CHECK_IN_URL, clock);
        String queue = "alerts-" + java.util.UUID.randomUUID();
        this.queueUrl = aws.sqs().createQueue(r -> r.queueName(queue)).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.sns().subscribe(r -> r.topicArn(aws.provisioned().ref("AlertsTopic")).protocol("sqs").endpoint(queueArn));
    }

    /** A resident of {@code grid}, as onboarding's token describes them (not linked to a registry record). */
    static Persona residentOf(String grid) {
        return new Persona("resident-" + java.util.UUID.randomUUID(), DemoCommunity.ID, List.of("residents"), List.of(grid));
    }

    /**
     * Seeds the demo registry as the ResidentsFunction writes it (sealed with FieldKey; the test
     * must provision that function too) and links {@code who}'s account to the resident
     * {@code residentId} of {@code householdId}, as onboarding does; returns {@code who}.
     */
    Persona linkedTo(Persona who, String residentId, String householdId) {
        var crypto = new FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
        DemoCommunity.seedResidents(new ResidentStore(aws.dynamoDb(), aws.name("ResidentsTable"), crypto, clock));
        var accounts = new AccountStore(aws.dynamoDb(), aws.name("AccountsTable"));
        accounts.put(Account.unbound(who.sub()), "openid-hash-" + who.sub(), NOW);
        aws.dynamoDb().transactWriteItems(r -> r.transactItems(
                accounts.linkResident(who.sub(), DemoCommunity.ID, who.gridIds().getFirst(), residentId, householdId, NOW)));
        return who;
    }

    ApiReply call(APIGatewayV2HTTPEvent event) {
        return ApiReply.call(handler, event);
    }

    // ---------------------------------------------------------------- routes, from the fixtures

    static HttpEvents draftEvent(Object body) {
        HttpEvents events = HttpEvents.from("notices-draft.json");
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents listEvent() {
        return HttpEvents.from("notices-list.json").clearQuery();
    }

    static HttpEvents getEvent(String id) {
        return HttpEvents.from("notices-get.json").pathParameter("id", id);
    }

    static HttpEvents patchEvent(String id, Object body) {
        HttpEvents events = HttpEvents.from("notices-patch.json").pathParameter("id", id);
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents publishEvent(String id, Object body) {
        return HttpEvents.from("notices-publish.json").pathParameter("id", id).json(body);
    }

    static HttpEvents withdrawEvent(String id, Object body) {
        return HttpEvents.from("notices-withdraw.json").pathParameter("id", id).json(body);
    }

    /** A valid draft addressed to {@code grids} (none: the whole community). */
    static Map<String, Object> draft(String title, String... grids) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("body", "因管道检修，周二9:00至17:00停水，请提前储水。");
        body.put("kind", "announcement");
        body.put("audience", grids.length == 0 ? Map.of("kind", "community") : Map.of("kind", "grids", "gridIds", List.of(grids)));
        body.put("expiresAt", EXPIRES);
        return body;
    }

    /** A valid activity of {@code capacity} seats addressed to {@code grids}, sign-up open until 2026-12-05. */
    static Map<String, Object> activity(String title, int capacity, String... grids) {
        Map<String, Object> body = draft(title, grids);
        body.put("kind", "activity");
        body.put("activity", new LinkedHashMap<>(Map.of("capacity", capacity, "maxCompanions", 2,
                "signUpDeadline", "2026-12-05T00:00:00.000Z", "startsAt", "2026-12-06T01:00:00.000Z", "place", "社区活动室")));
        return body;
    }

    static HttpEvents signUpEvent(String id, Object body) {
        return HttpEvents.from("notices-signup.json").pathParameter("id", id).json(body);
    }

    static HttpEvents cancelSignUpEvent(String id) {
        return HttpEvents.from("notices-cancel-signup.json").pathParameter("id", id);
    }

    static HttpEvents checkInQrEvent(String id) {
        return HttpEvents.from("notices-check-in-qr.json").pathParameter("id", id).clearQuery();
    }

    static HttpEvents checkInEvent(String id, Object body) {
        HttpEvents events = HttpEvents.from("notices-check-in.json").pathParameter("id", id);
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents checkInByHandEvent(String id, String accountId) {
        return HttpEvents.from("notices-check-in-by-hand.json").pathParameter("id", id).pathParameter("accountId", accountId);
    }

    static HttpEvents listSignUpsEvent(String id) {
        return HttpEvents.from("notices-list-signups.json").pathParameter("id", id).clearQuery();
    }

    static HttpEvents exportSignUpsEvent(String id) {
        return HttpEvents.from("notices-export-signups.json").pathParameter("id", id);
    }

    /** The check-in QR route's response as the runtime serializes it, checked against openapi.yaml (a PNG when 200). */
    APIGatewayV2HTTPResponse checkInQr(Persona who, String id, Map<String, String> query) {
        HttpEvents events = checkInQrEvent(id).as(who);
        query.forEach(events::query);
        return raw(events.build());
    }

    /** The export route's response, checked against openapi.yaml. */
    APIGatewayV2HTTPResponse exportSignUps(Persona who, String id) {
        return raw(exportSignUpsEvent(id).as(who).build());
    }

    /** The text the activity's check-in QR code carries, read back from the PNG. */
    String checkInUrl(String id) {
        return QrImages.text(QrImages.png(checkInQr(Persona.staff(), id, Map.of())));
    }

    /** The check-in code ({@code k}) of the activity's QR code. */
    String checkInCode(String id) {
        String url = checkInUrl(id);
        return url.substring(url.indexOf("&k=") + 3);
    }

    ApiReply checkIn(Persona who, String id, String code) {
        return call(checkInEvent(id, Map.of("code", code)).as(who).build());
    }

    ApiReply checkInByHand(Persona who, String id, String accountId) {
        return call(checkInByHandEvent(id, accountId).as(who).build());
    }

    ApiReply listSignUps(Persona who, String id, Map<String, String> query) {
        HttpEvents events = listSignUpsEvent(id).as(who);
        query.forEach(events::query);
        return call(events.build());
    }

    APIGatewayV2HTTPResponse raw(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = Invoke.http(handler, event);
        String[] route = event.getRouteKey().split(" ", 2);
        CONTRACT.assertResponse(route[0], route[1], response);
        return response;
    }

    ApiReply signUp(Persona who, String id, int companions) {
        return call(signUpEvent(id, Map.of("companions", companions)).as(who).build());
    }

    ApiReply cancelSignUp(Persona who, String id) {
        return call(cancelSignUpEvent(id).as(who).build());
    }

    ApiReply draft(Persona who, Object body) {
        return call(draftEvent(body).as(who).build());
    }

    ApiReply list(Persona who, Map<String, String> query) {
        HttpEvents events = listEvent().as(who);
        query.forEach(events::query);
        return call(events.build());
    }

    ApiReply get(Persona who, String id) {
        return call(getEvent(id).as(who).build());
    }

    ApiReply patch(Persona who, String id, Object body) {
        return call(patchEvent(id, body).as(who).build());
    }

    ApiReply publish(Persona who, String id, long version) {
        return call(publishEvent(id, Map.of("version", version)).as(who).build());
    }

    ApiReply withdraw(Persona who, String id, long version) {
        return call(withdrawEvent(id, Map.of("version", version)).as(who).build());
    }

    /** A notice drafted and published now by staff; returns its id. */
    String published(Map<String, Object> body) {
        String id = draft(Persona.staff(), body).expect(201).text("/id");
        publish(Persona.staff(), id, 1).expect(200);
        return id;
    }

    // ---------------------------------------------------------------- emergency notices

    /** A resident as onboarding links them: their grid, and the resident and household claims of their token. */
    record Member(Persona persona, String residentId, String householdId) {
        /** The member's event: the persona's claims plus {@code resident_id} and {@code household_id}. */
        APIGatewayV2HTTPEvent on(HttpEvents events) {
            APIGatewayV2HTTPEvent event = events.as(persona).build();
            var claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
            claims.put("resident_id", residentId);
            claims.put("household_id", householdId);
            return event;
        }
    }

    /** A member of {@code householdId} in {@code grid}, signed in with a fresh account. */
    static Member memberOf(String grid, String householdId) {
        return new Member(residentOf(grid), "r-" + java.util.UUID.randomUUID().toString().substring(0, 8), householdId);
    }

    /** A valid emergency notice to {@code grids} (none: the community) with a form of two questions. */
    static Map<String, Object> emergency(String title, String... grids) {
        Map<String, Object> body = draft(title, grids);
        body.put("kind", "emergency");
        body.put("form", List.of(
                new LinkedHashMap<>(Map.of("id", "returned", "label", "家中是否有外地返回人员", "type", "single_choice",
                        "required", true, "options", List.of("是", "否"))),
                new LinkedHashMap<>(Map.of("id", "medicine", "label", "需要代购的药品", "type", "multi_choice",
                        "options", List.of("降压药", "降糖药", "感冒药")))));
        return body;
    }

    static HttpEvents acknowledgeEvent(String id) {
        return HttpEvents.from("notices-acknowledge.json").pathParameter("id", id);
    }

    static HttpEvents answerEvent(String id, Object body) {
        HttpEvents events = HttpEvents.from("notices-answer.json").pathParameter("id", id);
        return body instanceof String raw ? events.body(raw) : events.json(body);
    }

    static HttpEvents getAnswerEvent(String id) {
        return HttpEvents.from("notices-get-answer.json").pathParameter("id", id);
    }

    static HttpEvents householdsEvent(String id) {
        return HttpEvents.from("notices-households.json").pathParameter("id", id).clearQuery();
    }

    static HttpEvents answersEvent(String id) {
        return HttpEvents.from("notices-answers.json").pathParameter("id", id).clearQuery();
    }

    ApiReply acknowledge(Member who, String id) {
        return call(who.on(acknowledgeEvent(id)));
    }

    ApiReply answer(Member who, String id, Object body) {
        return call(who.on(answerEvent(id, body)));
    }

    ApiReply myAnswer(Member who, String id) {
        return call(who.on(getAnswerEvent(id)));
    }

    ApiReply households(Persona who, String id, Map<String, String> query) {
        HttpEvents events = householdsEvent(id).as(who);
        query.forEach(events::query);
        return call(events.build());
    }

    /** The CSV export as the runtime serializes it (checked against openapi.yaml); a refusal's body is JSON. */
    com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse answers(Persona who, String id, Map<String, String> query) {
        HttpEvents events = answersEvent(id).as(who);
        query.forEach(events::query);
        var response = community.linli.testkit.Invoke.http(handler, events.build());
        CONTRACT.assertResponse("GET", "/notices/{id}/answers", response);
        return response;
    }

    /** A CSV response's text, decoded as API Gateway decodes a base64 body, without Excel's byte-order mark. */
    static String csv(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response) {
        String text = response.getIsBase64Encoded()
                ? new String(java.util.Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8) : response.getBody();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Runs the schedule as EventBridge Scheduler invokes it, with the fixture's input. */
    JsonNode runSchedule() {
        var out = new java.io.ByteArrayOutputStream();
        try {
            handler.handleRequest(new java.io.ByteArrayInputStream(HttpEvents.fixtureJson("notices-schedule.json").getBytes(StandardCharsets.UTF_8)),
                    out, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Json.parse(out.toString(StandardCharsets.UTF_8), JsonNode.class);
    }

    /** The AlertsTopic's messages so far, as SNS delivered them to the queue (envelopes with Message and MessageAttributes). */
    List<JsonNode> alerts() {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) return out;
            for (var m : messages) {
                out.add(Json.parse(m.body(), JsonNode.class));
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Every item of the NoticesTable: what "nothing written" is checked against. */
    /** How many items the NoticesTable holds (a consistent Scan that counts, so moto sends no items back). */
    int itemCount() {
        int count = 0;
        for (var page : aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("NoticesTable")).consistentRead(true).select(Select.COUNT))) {
            count += page.count();
        }
        return count;
    }

    List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(aws.name("NoticesTable")).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
