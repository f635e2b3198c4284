package io.cloudbrowser.protocol.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.cloudbrowser.protocol.token.AuthException.Reason;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Verifies the ES256 tokens the control plane mints (PROTOCOL.md section 1). browserd holds only
 * the public key, so a compromised sandbox cannot mint tokens for another one.
 *
 * <p>Only ES256 is accepted: java-jwt refuses any token whose header names another algorithm
 * ({@code none}, {@code HS256} keyed with the public key, ...) before it looks at the signature.
 * java-jwt checks {@code exp} and {@code iat} only when present, so both are required here.
 *
 * <p>Several public keys may be trusted at once (the signing key, the next one, previous ones: keys
 * rotate without ending live sessions). A token's {@code kid} header ({@link KeyIds}) names its key; a
 * token without one is tried against each. Thread-safe.
 */
public final class TokenVerifier {
    static final int MAX_REVOKED = 10_000;
    /** Real tokens are ~500 chars; anything this long is junk we need not decode. */
    static final int MAX_TOKEN_LENGTH = 8192;

    /** One trusted key's verifiers. */
    private record KeyVerifiers(JWTVerifier session, JWTVerifier admin) {
    }

    private final Map<String, KeyVerifiers> byKeyId = new LinkedHashMap<>();
    private final RevocationList revocations;

    public TokenVerifier(ECPublicKey publicKey, Clock clock) {
        this(List.of(publicKey), clock);
    }

    /** @param trusted every key a valid token may be signed with; at least one */
    public TokenVerifier(List<ECPublicKey> trusted, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("trusted keys: none (expected: at least one public key)");
        }
        for (ECPublicKey key : trusted) {
            Algorithm es256 = Algorithm.ECDSA256(Objects.requireNonNull(key, "publicKey"), null);
            byKeyId.put(KeyIds.of(key), new KeyVerifiers(
                    verifier(es256, TokenClaims.SESSION_AUDIENCE, clock, "sub", TokenClaims.ROLE),
                    verifier(es256, TokenClaims.ADMIN_AUDIENCE, clock)));
        }
        // A revoked token must stay refused while the skew still lets its exp pass.
        this.revocations = new RevocationList(clock, TokenClaims.CLOCK_LEEWAY, MAX_REVOKED);
    }

    /**
     * Verifies a session token for the session this daemon serves.
     *
     * @param expectedSessionId the session browserd is bound to; {@code null} (pool mode, not yet
     *                          claimed) refuses every token
     */
    public Principal verifySession(String token, String expectedSessionId) throws AuthException {
        DecodedJWT jwt = verify(token, KeyVerifiers::session);
        if (expectedSessionId == null) {
            throw new AuthException(Reason.UNCLAIMED, "this browserd is not bound to a session yet");
        }
        requireSession(jwt, expectedSessionId);
        String roleName = requiredString(jwt, TokenClaims.ROLE);
        Role role = Role.fromWireName(roleName)
                .orElseThrow(() -> new AuthException(Reason.UNKNOWN_ROLE, "claim 'role' is not a known role"));
        String jti = requireNotRevoked(jwt);
        return new Principal(requiredString(jwt, "sub"), role, jti, jwt.getExpiresAtAsInstant());
    }

    /**
     * Verifies an admin token (claim, revoke) and returns its {@code sid}.
     *
     * @param expectedSessionIdOrNull when not null, the token's {@code sid} must equal it
     */
    public String verifyAdmin(String token, String expectedSessionIdOrNull) throws AuthException {
        DecodedJWT jwt = verify(token, KeyVerifiers::admin);
        String sid = requiredString(jwt, TokenClaims.SESSION_ID);
        if (expectedSessionIdOrNull != null) {
            requireSession(jwt, expectedSessionIdOrNull);
        }
        requireNotRevoked(jwt);
        return sid;
    }

    /** Refuses the token with this {@code jti} from now on, until it has expired anyway. */
    public void revoke(String jti, Instant expiresAt) {
        revocations.revoke(jti, expiresAt);
    }

    public boolean isRevoked(String jti) {
        return revocations.isRevoked(jti);
    }

    private static JWTVerifier verifier(Algorithm algorithm, String audience, Clock clock, String... extraClaims) {
        var verification = JWT.require(algorithm)
                .withIssuer(TokenClaims.ISSUER)
                .withAudience(audience)
                .acceptLeeway(TokenClaims.CLOCK_LEEWAY.toSeconds())
                .withClaimPresence("exp")
                .withClaimPresence("iat")
                .withClaimPresence("jti")
                .withClaimPresence(TokenClaims.SESSION_ID);
        for (String claim : extraClaims) {
            verification.withClaimPresence(claim);
        }
        // build(Clock) exists only on the implementation, not on the Verification interface.
        return ((JWTVerifier.BaseVerification) verification).build(clock);
    }

    private DecodedJWT verify(String token, Function<KeyVerifiers, JWTVerifier> kind) throws AuthException {
        if (token == null || token.isBlank()) {
            throw new AuthException(Reason.MISSING_TOKEN, "missing token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthException(Reason.MALFORMED_TOKEN, "token too long");
        }
        String keyId;
        try {
            keyId = JWT.decode(token).getKeyId();
        } catch (JWTDecodeException e) {
            throw new AuthException(Reason.MALFORMED_TOKEN, "malformed token");
        }
        if (keyId != null) {
            KeyVerifiers named = byKeyId.get(keyId);
            if (named == null) {
                throw new AuthException(Reason.BAD_SIGNATURE, "token signed with a key this service does not trust");
            }
            return verifyWith(kind.apply(named), token);
        }
        AuthException last = null;
        for (KeyVerifiers key : byKeyId.values()) {
            try {
                return verifyWith(kind.apply(key), token);
            } catch (AuthException e) {
                if (e.reason() != Reason.BAD_SIGNATURE) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static DecodedJWT verifyWith(JWTVerifier verifier, String token) throws AuthException {
        try {
            return verifier.verify(token);
        } catch (JWTVerificationException e) {
            throw translate(e);
        }
    }

    /** Turns java-jwt's exceptions, whose messages may quote token content, into safe ones. */
    private static AuthException translate(JWTVerificationException e) {
        if (e instanceof AlgorithmMismatchException) {
            return new AuthException(Reason.ALGORITHM_NOT_ALLOWED, "token algorithm is not ES256");
        }
        if (e instanceof SignatureVerificationException) {
            return new AuthException(Reason.BAD_SIGNATURE, "invalid token signature");
        }
        if (e instanceof TokenExpiredException) {
            return new AuthException(Reason.EXPIRED, "token expired");
        }
        if (e instanceof MissingClaimException missing) {
            return new AuthException(Reason.MISSING_CLAIM, "missing claim '" + missing.getClaimName() + "'");
        }
        if (e instanceof IncorrectClaimException incorrect) {
            return incorrectClaim(incorrect.getClaimName());
        }
        if (e instanceof JWTDecodeException) {
            return new AuthException(Reason.MALFORMED_TOKEN, "malformed token");
        }
        return new AuthException(Reason.MALFORMED_TOKEN, "invalid token");
    }

    private static AuthException incorrectClaim(String claim) {
        return switch (claim) {
            case "iss" -> new AuthException(Reason.WRONG_ISSUER, "token has the wrong issuer");
            case "aud" -> new AuthException(Reason.WRONG_AUDIENCE, "token is not meant for this service");
            case "iat", "nbf" -> new AuthException(Reason.NOT_YET_VALID, "token is not valid yet ('" + claim + "')");
            default -> new AuthException(Reason.MALFORMED_TOKEN, "invalid claim '" + claim + "'");
        };
    }

    private static void requireSession(DecodedJWT jwt, String expectedSessionId) throws AuthException {
        if (!expectedSessionId.equals(requiredString(jwt, TokenClaims.SESSION_ID))) {
            throw new AuthException(Reason.WRONG_SESSION, "token is for another session");
        }
    }

    private String requireNotRevoked(DecodedJWT jwt) throws AuthException {
        String jti = requiredString(jwt, "jti");
        if (revocations.isRevoked(jti)) {
            throw new AuthException(Reason.REVOKED, "token revoked");
        }
        return jti;
    }

    /** Presence is checked by java-jwt; this also refuses non-string and empty values. */
    private static String requiredString(DecodedJWT jwt, String claim) throws AuthException {
        String value = jwt.getClaim(claim).asString();
        if (value == null || value.isEmpty()) {
            throw new AuthException(Reason.MISSING_CLAIM, "claim '" + claim + "' must be a non-empty string");
        }
        return value;
    }
}
