package community.linli.auth;

import community.linli.platform.Log;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.Problem;
import community.linli.tables.accounts.AccountStore;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A resident's consent to WeChat subscribe messages (订阅消息), as the mini-program reports it after
 * {@code wx.requestSubscribeMessage}. Each {@code accept} of one of the app's templates
 * ({@code templateIds}) allows one more message (a one-time subscription); {@code reject} and
 * {@code ban} allow none any more; {@code filter} (WeChat did not show the template) and templates
 * the app does not send change nothing. The body's {@code wx.login} code proves the WeChat user: its
 * openid must be the one the caller's account signs in with; it is stored sealed, for the sends.
 */
final class Subscriptions {
    /** What {@code POST /auth/subscriptions} returns: the messages now allowed per template of the app. */
    record View(Map<String, Long> templates) {}

    private final AccountStore accounts;
    private final WeChat wechat;
    private final FieldCrypto crypto;
    private final Set<String> templateIds;
    private final Clock clock;

    Subscriptions(AccountStore accounts, WeChat wechat, FieldCrypto crypto, Set<String> templateIds, Clock clock) {
        this.accounts = accounts;
        this.wechat = wechat;
        this.crypto = crypto;
        this.templateIds = templateIds;
        this.clock = clock;
    }

    View record(String accountId, SubscriptionsBody body) {
        String openId = wechat.openId(body.code());
        String stored = accounts.openIdHash(accountId).orElseThrow(Problem::unauthorized);
        if (!stored.equals(crypto.lookupHash(AccountStore.OPENID, openId))) {
            Log.warn("auth.subscription_other_wechat_user", "account", accountId);
            throw Problem.unauthorized("code", "wechat_code_invalid");
        }
        Set<String> accepted = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        body.templates().forEach((template, answer) -> {
            if (!templateIds.contains(template)) return;
            switch (answer) {
                case "accept" -> accepted.add(template);
                case "reject", "ban" -> refused.add(template);
                default -> { }
            }
        });
        if (accepted.isEmpty() && refused.isEmpty()) return new View(Map.of());
        Map<String, Long> remaining = accounts.recordSubscriptions(accountId, crypto.seal(AccountStore.OPENID_FIELD, openId), accepted, refused,
                clock.instant());
        Log.info("auth.subscriptions_recorded", "account", accountId, "accepted", accepted.size(), "refused", refused.size());
        return new View(remaining);
    }
}
