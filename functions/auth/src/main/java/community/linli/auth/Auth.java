package community.linli.auth;

import community.linli.platform.Log;
import community.linli.platform.Masks;
import community.linli.platform.auth.Role;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.Problem;
import community.linli.tables.accounts.Account;
import community.linli.tables.accounts.AccountStore;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Sign-in and tokens. An access token is an RS256 JWT valid {@link #ACCESS_TOKEN_VALIDITY}; a
 * refresh token is {@code <accountId>.<32 random bytes>}, valid {@link #REFRESH_TOKEN_VALIDITY}
 * from its issue, stored only as its SHA-256, and spent on first use. The WeChat openid is stored
 * only as a keyed lookup hash ({@link FieldCrypto#lookupHash}), never returned and never logged.
 */
final class Auth {
    static final Duration ACCESS_TOKEN_VALIDITY = Duration.ofMinutes(15);
    static final Duration REFRESH_TOKEN_VALIDITY = Duration.ofDays(30);
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** What sign-in and refresh return. */
    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {}

    /** What {@code POST /auth/phone} returns: the masked phone and what the account's next token will carry. */
    record PhoneView(String phone, boolean registered, String communityId, List<String> groups, List<String> gridIds) {}

    /** The field name sealed phones of accounts are bound to. */
    static final String PHONE_FIELD = "account.phone";

    private final AccountStore accounts;
    private final StaffStore staff;
    private final KmsTokens tokens;
    private final WeChat wechat;
    private final FieldCrypto crypto;
    private final String audience;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Auth(AccountStore accounts, StaffStore staff, KmsTokens tokens, WeChat wechat, FieldCrypto crypto, String audience, Clock clock) {
        this.accounts = accounts;
        this.staff = staff;
        this.tokens = tokens;
        this.wechat = wechat;
        this.crypto = crypto;
        this.audience = audience;
        this.clock = clock;
    }

    Tokens signIn(String issuer, CodeBody body) {
        String openIdHash = crypto.lookupHash(AccountStore.OPENID, wechat.openId(body.code()));
        Instant now = clock.instant();
        String familyId = randomId(16);
        String secret = randomId(32);
        Account account = accounts.signIn(openIdHash, () -> "u" + randomId(16), familyId,
                id -> hash(id + "." + secret), now.plus(REFRESH_TOKEN_VALIDITY), now);
        Log.info("auth.signed_in", "account", account.id());
        return issue(issuer, account, account.id() + "." + secret, now);
    }

    Tokens refresh(String issuer, RefreshTokenBody body) {
        String accountId = accountOf(body.refreshToken());
        Instant now = clock.instant();
        String next = accountId + "." + randomId(32);
        return switch (accounts.rotate(accountId, hash(body.refreshToken()), hash(next), now.plus(REFRESH_TOKEN_VALIDITY), now)) {
            case AccountStore.Rotation.Rotated rotated -> issue(issuer, rotated.account(), next, now);
            case AccountStore.Rotation.Reused reused -> {
                Log.warn("auth.refresh_token_reused", "account", accountId);
                throw Problem.unauthorized("refreshToken", "refresh_token_invalid");
            }
            case AccountStore.Rotation.Invalid invalid -> throw Problem.unauthorized("refreshToken", "refresh_token_invalid");
        };
    }

    /**
     * Revokes the refresh token's family; an unknown token, also one that is no refresh token at
     * all, is already as good as logged out.
     */
    void logout(RefreshTokenBody body) {
        Optional<String> accountId = accountIdOf(body.refreshToken());
        if (accountId.isPresent() && accounts.revokeFamilyOf(accountId.get(), hash(body.refreshToken()), clock.instant())) {
            Log.info("auth.logged_out", "account", accountId.get());
        }
    }

    /**
     * Stores the WeChat-verified phone of the phone-number button's code on {@code accountId},
     * sealed, with its lookup hash. When it is the phone of registered, active staff members or grid
     * workers, the account takes their community, roles, grids and staff id (of the first community,
     * when a phone is registered in several; a community registers a phone once, so one member);
     * its next token carries them.
     */
    PhoneView phone(String accountId, CodeBody body) {
        WeChat.Phone verified = wechat.phone(body.code());
        String phone = "86".equals(verified.countryCode()) ? verified.number() : "+" + verified.countryCode() + verified.number();
        String hash = staff.phoneHash(phone);
        List<StaffMember> registrations = staff.findByPhoneHash(hash).stream().filter(StaffMember::active).toList();
        Account bound = null;
        if (!registrations.isEmpty()) {
            String community = registrations.getFirst().communityId();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            Set<String> grids = new LinkedHashSet<>();
            for (StaffMember member : registrations) {
                if (!member.communityId().equals(community)) continue;
                roles.add(member.role().role());
                grids.addAll(member.gridIds());
            }
            bound = new Account(accountId, community, roles, List.copyOf(grids), null, null, registrations.getFirst().staffId());
        }
        try {
            accounts.bindPhone(accountId, crypto.seal(PHONE_FIELD, phone), hash, bound, clock.instant());
        } catch (ConditionalCheckFailedException noSuchAccount) {
            throw Problem.unauthorized();
        }
        Log.info("auth.phone_verified", "account", accountId, "registered", bound != null);
        Account now = bound != null ? bound : accounts.find(accountId).orElseThrow(Problem::unauthorized);
        return new PhoneView(Masks.phone(phone), bound != null, now.communityId(),
                now.roles().stream().sorted().map(role -> role.group).toList(), now.gridIds());
    }

    Map<String, Object> discovery(String issuer) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint", issuer + "/auth/refresh");
        document.put("grant_types_supported", List.of("refresh_token"));
        document.put("claims_supported", List.of("iss", "aud", "sub", "exp", "iat", "community_id", "groups", "grid_ids",
                "resident_id", "household_id", "staff_id"));
        return document;
    }

    Map<String, Object> jwks() {
        return tokens.jwks();
    }

    private Tokens issue(String issuer, Account account, String refreshToken, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", account.id());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ACCESS_TOKEN_VALIDITY).getEpochSecond());
        if (account.communityId() != null) claims.put("community_id", account.communityId());
        claims.put("groups", account.roles().stream().sorted().map(role -> role.group).toList());
        claims.put("grid_ids", account.gridIds());
        if (account.residentId() != null) claims.put("resident_id", account.residentId());
        if (account.householdId() != null) claims.put("household_id", account.householdId());
        if (account.staffId() != null) claims.put("staff_id", account.staffId());
        return new Tokens(tokens.sign(claims), "Bearer", ACCESS_TOKEN_VALIDITY.toSeconds(), refreshToken,
                REFRESH_TOKEN_VALIDITY.toSeconds());
    }

    private static String accountOf(String refreshToken) {
        return accountIdOf(refreshToken).orElseThrow(() -> Problem.unauthorized("refreshToken", "refresh_token_invalid"));
    }

    /** The account a refresh token ({@code <accountId>.<secret>}) names, if it has that shape. */
    private static Optional<String> accountIdOf(String refreshToken) {
        int dot = refreshToken.lastIndexOf('.');
        String accountId = dot < 0 ? "" : refreshToken.substring(0, dot);
        return ACCOUNT_ID.matcher(accountId).matches() ? Optional.of(accountId) : Optional.empty();
    }

    static String hash(String token) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomId(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }
}
