package community.linli.local;

import community.linli.testkit.LocalTokens;
import java.util.Map;

/** The checks of the JWT authorizer for one issuer: the token's claims, or the reason API Gateway would refuse it. */
@FunctionalInterface
interface TokenVerifier {
    Map<String, Object> verify(String token) throws LocalTokens.InvalidToken;
}
