package community.linli.tables.accounts;

import static community.linli.platform.store.Attr.s;

import community.linli.platform.auth.Role;
import community.linli.platform.store.Attr;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The AccountsTable: accounts, the link from a WeChat identity to an account, and refresh-token
 * families. Accounts are not keyed by community: a WeChat user exists before any community binds
 * them, and one account belongs to at most one community.
 *
 * <pre>
 * ACC#&lt;accountId&gt;  / ACC   the account: community, groups, grid ids, sealed phone and its lookup hash,
 *                           and the resident it is linked to (written by onboarding in the ResidentsFunction)
 * WX#&lt;openIdHash&gt;   / WX    which account a WeChat openid signs in to (only a keyed hash of the openid is stored)
 * FAM#&lt;familyId&gt;    / FAM   a refresh-token family: its account, revokedAt once revoked; TTL
 * RT#&lt;tokenHash&gt;    / RT    one refresh token (only its SHA-256): account, family, expiry, usedAt once rotated; TTL
 * SUB#&lt;accountId&gt;  / SUB   WeChat subscribe-message consent: the sealed openid, and per template id
 *                           ({@code t#<templateId>}) how many one-time sends the resident has allowed
 * </pre>
 *
 * Access patterns and round trips are in README.md; every one is a key lookup, nothing scans.
 */
public final class AccountStore {
    /** The lookup-hash kind of a WeChat openid ({@code FieldCrypto.lookupHash}); the WX# key holds only that hash. */
    public static final String OPENID = "wechat_openid";
    /** The field name a sealed openid ({@code FieldCrypto.seal}) of a subscription is bound to. */
    public static final String OPENID_FIELD = "account.openId";

    private static final String ACCOUNT = "ACC";
    private static final String WECHAT = "WX";
    private static final String FAMILY = "FAM";
    private static final String TOKEN = "RT";
    private static final String SUBSCRIPTIONS = "SUB";

    /** What rotating a refresh token came to. */
    public sealed interface Rotation {
        /** The old token is spent and {@code next} stored; {@code account} as it is now, for the new access token. */
        record Rotated(Account account) implements Rotation {}

        /** The token had been used before: its family is now revoked. */
        record Reused() implements Rotation {}

        /** Unknown, expired, of another account, or of a revoked family. */
        record Invalid() implements Rotation {}
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public AccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The account that {@code openIdHash} signs in to, created unbound (id from {@code newId}) on the
     * first sign-in, and a new refresh-token family for it holding its first token, whose hash
     * {@code firstTokenHash} gives for the account id. Two first sign-ins racing end on one
     * account: the link is written only if absent.
     */
    public Account signIn(String openIdHash, Supplier<String> newId, String familyId, Function<String, String> firstTokenHash,
                          Instant expiresAt, Instant now) {
        for (int attempt = 0; ; attempt++) {
            var link = dynamo.getItem(r -> r.tableName(table).key(key(WECHAT, openIdHash)).consistentRead(true)).item();
            if (link != null && !link.isEmpty()) {
                Account account = find(Attr.str(link, "accountId"))
                        .orElseThrow(() -> new IllegalStateException("A WeChat link names a missing account"));
                dynamo.transactWriteItems(r -> r.transactItems(
                        put(familyItem(familyId, account.id(), expiresAt), null),
                        put(tokenItem(firstTokenHash.apply(account.id()), account.id(), familyId, expiresAt), null)));
                return account;
            }
            Account account = Account.unbound(newId.get());
            Map<String, AttributeValue> linkItem = new HashMap<>(key(WECHAT, openIdHash));
            linkItem.put("accountId", s(account.id()));
            Map<String, AttributeValue> accountItem = accountItem(account, now);
            accountItem.put("openIdHash", s(openIdHash));
            try {
                dynamo.transactWriteItems(r -> r.transactItems(
                        put(linkItem, "attribute_not_exists(pk)"),
                        put(accountItem, "attribute_not_exists(pk)"),
                        put(familyItem(familyId, account.id(), expiresAt), null),
                        put(tokenItem(firstTokenHash.apply(account.id()), account.id(), familyId, expiresAt), null)));
                return account;
            } catch (TransactionCanceledException e) {
                if (attempt > 0 || !failedAt(e, 0)) throw e;
            }
        }
    }

    public Optional<Account> find(String accountId) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(ACCOUNT, accountId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(account(item));
    }

    /**
     * Spends the refresh token {@code oldHash} of {@code accountId} and stores {@code nextHash} in
     * its family, in one transaction; a token used before revokes its family instead.
     */
    public Rotation rotate(String accountId, String oldHash, String nextHash, Instant nextExpiresAt, Instant now) {
        var keys = KeysAndAttributes.builder().consistentRead(true).keys(key(TOKEN, oldHash), key(ACCOUNT, accountId)).build();
        var found = dynamo.batchGetItem(r -> r.requestItems(Map.of(table, keys))).responses().getOrDefault(table, List.of());
        Map<String, AttributeValue> token = null;
        Map<String, AttributeValue> accountItem = null;
        for (var item : found) {
            if (Attr.str(item, "pk").equals(TOKEN + "#" + oldHash)) token = item; else accountItem = item;
        }
        if (token == null || accountItem == null || !accountId.equals(Attr.str(token, "accountId"))
                || !Attr.time(token, "expiresAt").isAfter(now)) {
            return new Rotation.Invalid();
        }
        String familyId = Attr.str(token, "familyId");
        if (token.containsKey("usedAt")) {
            revokeFamily(familyId, now);
            return new Rotation.Reused();
        }
        Update spend = Update.builder().tableName(table).key(key(TOKEN, oldHash))
                .updateExpression("SET usedAt = :now")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(usedAt)")
                .expressionAttributeValues(Map.of(":now", Attr.instant(now))).build();
        Update extend = Update.builder().tableName(table).key(key(FAMILY, familyId))
                .updateExpression("SET #ttl = :ttl")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt)")
                .expressionAttributeNames(Map.of("#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":ttl", Attr.n(ttl(nextExpiresAt)))).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(spend).build(),
                    TransactWriteItem.builder().update(extend).build(),
                    put(tokenItem(nextHash, accountId, familyId, nextExpiresAt), null)));
        } catch (TransactionCanceledException e) {
            if (failedAt(e, 0)) {
                revokeFamily(familyId, now);
                return new Rotation.Reused();
            }
            if (failedAt(e, 1)) return new Rotation.Invalid();
            throw e;
        }
        return new Rotation.Rotated(account(accountItem));
    }

    /** Revokes the family of the refresh token {@code tokenHash} of {@code accountId}; false if there is no such token. */
    public boolean revokeFamilyOf(String accountId, String tokenHash, Instant now) {
        var token = dynamo.getItem(r -> r.tableName(table).key(key(TOKEN, tokenHash)).consistentRead(true)).item();
        if (token == null || token.isEmpty() || !accountId.equals(Attr.str(token, "accountId"))) return false;
        revokeFamily(Attr.str(token, "familyId"), now);
        return true;
    }

    private void revokeFamily(String familyId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(FAMILY, familyId))
                    .updateExpression("SET revokedAt = if_not_exists(revokedAt, :now)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":now", Attr.instant(now))));
        } catch (ConditionalCheckFailedException expired) {
            // The family is gone already (TTL): nothing is left to revoke.
        }
    }

    /**
     * Stores the verified phone of {@code accountId} (sealed, with its lookup hash) and, when it
     * matched a registered staff member or grid worker, the community, roles, grids and staff id of
     * {@code bound} (null when it matched nobody: the account keeps what it had). One conditional
     * UpdateItem; the account must exist.
     */
    public void bindPhone(String accountId, String sealedPhone, String phoneHash, Account bound, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":phone", s(sealedPhone));
        values.put(":hash", s(phoneHash));
        values.put(":now", Attr.instant(now));
        StringBuilder set = new StringBuilder("SET phone = :phone, phoneHash = :hash, updatedAt = :now");
        Map<String, String> names = new HashMap<>();
        if (bound != null) {
            set.append(", communityId = :community, #groups = :groups, gridIds = :grids");
            names.put("#groups", "groups");
            values.put(":community", s(bound.communityId()));
            values.put(":groups", Attr.strings(groups(bound.roles())));
            values.put(":grids", Attr.strings(bound.gridIds()));
            if (bound.staffId() != null) {
                set.append(", staffId = :staff");
                values.put(":staff", s(bound.staffId()));
            }
        }
        dynamo.updateItem(r -> r.tableName(table).key(key(ACCOUNT, accountId))
                .updateExpression(set.toString())
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values));
    }

    /**
     * What onboarding may know of an account: its community (null when in none), the lookup hash of
     * its verified phone (null before {@code POST /auth/phone}) and the resident it is linked to.
     * Never the sealed phone, the openid hash or anything of its tokens.
     */
    public record Membership(String accountId, String communityId, String phoneHash, String residentId) {}

    /** The attributes {@link #membership} reads: the only ones the ResidentsFunction's policy lets it read or write. */
    static final String MEMBERSHIP_ATTRIBUTES = "accountId, communityId, phoneHash, residentId";

    /** One GetItem of just the {@link Membership} attributes; empty when there is no such account. */
    public Optional<Membership> membership(String accountId) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(ACCOUNT, accountId)).consistentRead(true)
                .projectionExpression(MEMBERSHIP_ATTRIBUTES)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Membership(Attr.str(item, "accountId"), Attr.str(item, "communityId"), Attr.str(item, "phoneHash"),
                Attr.str(item, "residentId")));
    }

    /**
     * The part of a TransactWriteItems that makes {@code accountId} a resident of {@code communityId}
     * in {@code gridId}, linked to {@code residentId} of {@code householdId}: its next token carries
     * the community, the {@code residents} group, the grid, the resident and the household. Fails its
     * condition when the account is missing or already belongs to a community.
     */
    public TransactWriteItem linkResident(String accountId, String communityId, String gridId, String residentId, String householdId,
                                          Instant now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(ACCOUNT, accountId))
                .updateExpression("SET communityId = :c, #groups = :groups, gridIds = :grids, residentId = :r, householdId = :h, linkedAt = :now")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(communityId)")
                .expressionAttributeNames(Map.of("#groups", "groups"))
                .expressionAttributeValues(Map.of(":c", s(communityId), ":groups", Attr.strings(List.of(Role.RESIDENT.group)),
                        ":grids", Attr.strings(List.of(gridId)), ":r", s(residentId), ":h", s(householdId), ":now", Attr.instant(now)))
                .build()).build();
    }

    /**
     * The part of a TransactWriteItems that takes {@code accountId} out of the community it joined as
     * {@code residentId} (moved out, deceased, erased): its next token carries no community. Fails its
     * condition unless the account is linked to that resident.
     */
    public TransactWriteItem unlinkResident(String accountId, String residentId, Instant now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(ACCOUNT, accountId))
                .updateExpression("REMOVE communityId, residentId, householdId, linkedAt SET #groups = :none, gridIds = :none, unlinkedAt = :now")
                .conditionExpression("residentId = :r")
                .expressionAttributeNames(Map.of("#groups", "groups"))
                .expressionAttributeValues(Map.of(":none", Attr.strings(List.of()), ":r", s(residentId), ":now", Attr.instant(now)))
                .build()).build();
    }

    /**
     * The part of a TransactWriteItems that moves the resident account {@code accountId} of
     * {@code residentId} to household {@code householdId} in {@code gridId}.
     */
    public TransactWriteItem moveResident(String accountId, String residentId, String householdId, String gridId) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(ACCOUNT, accountId))
                .updateExpression("SET gridIds = :grids, householdId = :h")
                .conditionExpression("residentId = :r")
                .expressionAttributeValues(Map.of(":grids", Attr.strings(List.of(gridId)), ":h", s(householdId), ":r", s(residentId)))
                .build()).build();
    }

    /** The keyed hash of the openid that signs in to {@code accountId}; none for an unknown account. */
    public Optional<String> openIdHash(String accountId) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(ACCOUNT, accountId)).projectionExpression("openIdHash")).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Attr.str(item, "openIdHash"));
    }

    /** An account's consent to one subscribe-message template: its sealed openid, and the sends left. */
    public record Subscription(String sealedOpenId, long remaining) {}

    /**
     * Records what the resident answered {@code wx.requestSubscribeMessage}: each accepted template
     * allows one more send (WeChat's one-time subscriptions add up), each refused one none any more.
     * Stores the sealed openid the sends go to. Returns the sends now allowed per template named.
     */
    public Map<String, Long> recordSubscriptions(String accountId, String sealedOpenId, Set<String> accepted, Set<String> refused,
                                                 Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":openId", s(sealedOpenId), ":now", Attr.instant(now),
                ":account", s(accountId)));
        StringBuilder set = new StringBuilder("SET openId = :openId, updatedAt = :now, accountId = :account");
        StringBuilder add = new StringBuilder();
        int i = 0;
        for (String template : accepted) {
            names.put("#t" + i, templateAttribute(template));
            add.append(add.isEmpty() ? " ADD " : ", ").append("#t").append(i).append(" :one");
            values.put(":one", Attr.n(1));
            i++;
        }
        for (String template : refused) {
            names.put("#t" + i, templateAttribute(template));
            set.append(", #t").append(i).append(" = :zero");
            values.put(":zero", Attr.n(0));
            i++;
        }
        var update = software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder().tableName(table)
                .key(key(SUBSCRIPTIONS, accountId)).updateExpression(set + add.toString())
                .expressionAttributeValues(values).returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW);
        if (!names.isEmpty()) update.expressionAttributeNames(names);
        var item = dynamo.updateItem(update.build()).attributes();
        Map<String, Long> remaining = new java.util.TreeMap<>();
        for (String template : accepted) remaining.put(template, Attr.num(item, templateAttribute(template), 0));
        for (String template : refused) remaining.put(template, Attr.num(item, templateAttribute(template), 0));
        return remaining;
    }

    /** The account's consent to {@code templateId}, read strongly; none when it never answered. */
    public Optional<Subscription> subscription(String accountId, String templateId) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(SUBSCRIPTIONS, accountId)).consistentRead(true)
                .projectionExpression("openId, #t").expressionAttributeNames(Map.of("#t", templateAttribute(templateId)))).item();
        if (item == null || item.isEmpty() || Attr.str(item, "openId") == null) return Optional.empty();
        return Optional.of(new Subscription(Attr.str(item, "openId"), Attr.num(item, templateAttribute(templateId), 0)));
    }

    /**
     * Uses up one allowed send of {@code templateId} after WeChat accepted it ({@code refused}
     * false), or all of them after WeChat answered that the user refuses it (43101). False when
     * nothing was left to use up.
     */
    public boolean spendSubscription(String accountId, String templateId, boolean refused) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(SUBSCRIPTIONS, accountId))
                    .updateExpression(refused ? "SET #t = :zero" : "ADD #t :minusOne")
                    .conditionExpression("#t > :zero")
                    .expressionAttributeNames(Map.of("#t", templateAttribute(templateId)))
                    .expressionAttributeValues(refused ? Map.of(":zero", Attr.n(0)) : Map.of(":zero", Attr.n(0), ":minusOne", Attr.n(-1))));
            return true;
        } catch (ConditionalCheckFailedException nothingLeft) {
            return false;
        }
    }

    private static String templateAttribute(String templateId) {
        return "t#" + templateId;
    }

    /** Writes {@code account} and its WeChat link as they are, for seeding the demo community and tests. */
    public void put(Account account, String openIdHash, Instant now) {
        Map<String, AttributeValue> linkItem = new HashMap<>(key(WECHAT, openIdHash));
        linkItem.put("accountId", s(account.id()));
        Map<String, AttributeValue> accountItem = accountItem(account, now);
        accountItem.put("openIdHash", s(openIdHash));
        dynamo.transactWriteItems(r -> r.transactItems(put(linkItem, null), put(accountItem, null)));
    }

    /** The item attributes of one account, for tests that check what was (not) stored. */
    public Optional<Map<String, AttributeValue>> rawAccount(String accountId) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(ACCOUNT, accountId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(item));
    }

    private static Map<String, AttributeValue> accountItem(Account account, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(ACCOUNT, account.id()));
        item.put("accountId", s(account.id()));
        Attr.putIf(item, "communityId", account.communityId());
        item.put("groups", Attr.strings(groups(account.roles())));
        item.put("gridIds", Attr.strings(account.gridIds()));
        Attr.putIf(item, "staffId", account.staffId());
        item.put("createdAt", Attr.instant(now));
        return item;
    }

    private static Map<String, AttributeValue> familyItem(String familyId, String accountId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(FAMILY, familyId));
        item.put("accountId", s(accountId));
        item.put("ttl", Attr.n(ttl(expiresAt)));
        return item;
    }

    private static Map<String, AttributeValue> tokenItem(String tokenHash, String accountId, String familyId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(TOKEN, tokenHash));
        item.put("accountId", s(accountId));
        item.put("familyId", s(familyId));
        item.put("expiresAt", Attr.instant(expiresAt));
        item.put("ttl", Attr.n(ttl(expiresAt)));
        return item;
    }

    private static Account account(Map<String, AttributeValue> item) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : Attr.strList(item, "groups")) {
            Role role = Role.ofGroup(group);
            if (role != null) roles.add(role);
        }
        return new Account(Attr.str(item, "accountId"), Attr.str(item, "communityId"), roles, Attr.strList(item, "gridIds"),
                Attr.str(item, "residentId"), Attr.str(item, "householdId"), Attr.str(item, "staffId"));
    }

    private static List<String> groups(Set<Role> roles) {
        return roles.stream().sorted().map(role -> role.group).toList();
    }

    /** Kept a day past expiry, so that a reuse just after expiry is still recognised as one. */
    private static long ttl(Instant expiresAt) {
        return expiresAt.getEpochSecond() + 86_400;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        var put = Put.builder().tableName(table).item(item);
        if (condition != null) put.conditionExpression(condition);
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static Map<String, AttributeValue> key(String kind, String id) {
        return Map.of("pk", s(kind + "#" + id), "sk", s(kind));
    }

    private static boolean failedAt(TransactionCanceledException e, int index) {
        if (!e.hasCancellationReasons() || e.cancellationReasons().size() <= index) {
            return e.getMessage() != null && e.getMessage().contains("ConditionalCheckFailed");
        }
        return "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }
}
