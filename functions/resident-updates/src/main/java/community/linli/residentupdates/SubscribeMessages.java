package community.linli.residentupdates;

import community.linli.platform.Log;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.wechat.WeChatApi;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.requests.RequestStore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends an update as a WeChat subscribe message (订阅消息, {@code message/subscribe/send}) when the
 * requester allowed one ({@code POST /auth/subscriptions}), once.
 *
 * <p>Per update: a strongly consistent GetItem of its sent record; the requester's consent
 * (GetItem, AccountsTable); with a send left, the sealed openid opened (one KMS Decrypt per
 * container and data key), the send, then the consent used up (UpdateItem) and the sent record
 * written (PutItem). No consent, or none left, sends nothing and writes nothing.
 *
 * <p>WeChat's answers: 0 sent; 43101 (the user refuses, or cancelled the subscription) recorded as
 * not sent, the consent set to none; an expired access token (40001, 42001) fetched again and the
 * send made once more ({@link WeChatApi}); "system busy" (-1), the rate limit (45011), a timeout or
 * a token rejected twice thrown, so the record fails and Lambda retries it; any other code (a bad
 * openid 40003, template 40037, data 47003 or page 41030: the deployment's configuration) logged
 * as an error and recorded as not sent, as retrying cannot help.
 *
 * <p>The message names the tracking number, the new status, the time of the change and a fixed
 * hint: never the description, a phone, an ID number or a name.
 */
final class SubscribeMessages {
    static final String API = "subscribe_send";
    static final String PATH = "/cgi-bin/message/subscribe/send";
    static final int USER_REFUSES = 43101;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(CHINA);

    /** What became of one update. */
    enum Outcome { SENT, ALREADY_SENT, NOT_ALLOWED, REFUSED, UNDELIVERABLE }

    private final RequestStore ledger;
    private final AccountStore accounts;
    private final FieldCrypto crypto;
    private final WeChatApi wechat;
    private final String templateId;
    private final String page;

    SubscribeMessages(RequestStore ledger, AccountStore accounts, FieldCrypto crypto, WeChatApi wechat, String templateId, String page) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.crypto = crypto;
        this.wechat = wechat;
        this.templateId = templateId;
        this.page = page;
    }

    Outcome send(Update update) {
        String community = update.request().communityId();
        String id = update.id("wechat");
        if (ledger.alertSent(community, id)) return Outcome.ALREADY_SENT;
        String account = update.request().requesterSub();
        var consent = accounts.subscription(account, templateId);
        if (consent.isEmpty() || consent.get().remaining() <= 0) return Outcome.NOT_ALLOWED;
        String openId = crypto.open(AccountStore.OPENID_FIELD, consent.get().sealedOpenId());
        try {
            var answer = wechat.postWithToken(API, PATH, body(openId, update));
            accounts.spendSubscription(account, templateId, false);
            ledger.recordAlertSent(community, id, "wechat:" + answer.path("msgid").asText("sent"));
            return Outcome.SENT;
        } catch (WeChatApi.Failure e) {
            switch (e.errcode()) {
                case USER_REFUSES -> {
                    accounts.spendSubscription(account, templateId, true);
                    ledger.recordAlertSent(community, id, "wechat:refused");
                    Log.info("updates.wechat_refused", "requestId", update.request().id(), "account", account);
                    return Outcome.REFUSED;
                }
                case -1, 45011, 0, WeChatApi.INVALID_TOKEN, WeChatApi.EXPIRED_TOKEN -> throw e;
                default -> {
                    ledger.recordAlertSent(community, id, "wechat:errcode_" + e.errcode());
                    Log.warn("updates.wechat_undeliverable", "requestId", update.request().id(), "errcode", e.errcode());
                    return Outcome.UNDELIVERABLE;
                }
            }
        }
    }

    /** The send's body, as WeChat documents it; {@code data}'s keys are the template's keywords. */
    Map<String, Object> body(String openId, Update update) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("character_string1", Map.of("value", update.request().id()));
        data.put("phrase2", Map.of("value", update.kind().status));
        data.put("time3", Map.of("value", time(update.request().updatedAt())));
        data.put("thing4", Map.of("value", update.kind().hint));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", openId);
        body.put("template_id", templateId);
        body.put("page", page + "?id=" + update.request().id());
        body.put("miniprogram_state", "formal");
        body.put("lang", "zh_CN");
        body.put("data", data);
        return body;
    }

    static String time(Instant at) {
        return TIME.format(at);
    }
}
