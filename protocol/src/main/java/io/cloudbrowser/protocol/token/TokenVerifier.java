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
import java.util.Objects;

/**
 * Verifies the ES256 tokens the control plane mints (PROTOCOL.md section 1). browserd holds only
 * the public key, so a compromised sandbox cannot mint tokens for another one.
 *
 * <p>Only ES256 is accepted: java-jwt refuses any token whose header names another algorithm
 * ({@code none}, {@code HS256} keyed with the public key, ...) before it looks at the signature.
 * java-jwt checks {@code exp} and {@code iat} only when present, so both are required here.
 * Thread-safe.
 */
public final class TokenVerifier {
    static final int MAX_REVOKED = 10_000;
    /** Real tokens are ~500 chars; anything this long is junk we need not decode. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private final JWTVerifier sessionVerifier;
    private final JWTVerifier adminVerifier;
    private final RevocationList revocations;

    public TokenVerifier(ECPublicKey publicKey, Clock clock) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(clock, "clock");
        Algorithm es256 = Algorithm.ECDSA256(publicKey, null);
        this.sessionVerifier = verifier(es256, TokenClaims.SESSION_AUDIENCE, clock, "sub", TokenClaims.ROLE);
        this.adminVerifier = verifier(es256, TokenClaims.ADMIN_AUDIENCE, clock);
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
        DecodedJWT jwt = verify(sessionVerifier, token);
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
        DecodedJWT jwt = verify(adminVerifier, token);
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

    private static DecodedJWT verify(JWTVerifier verifier, String token) throws AuthException {
        if (token == null || token.isBlank()) {
            throw new AuthException(Reason.MISSING_TOKEN, "missing token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthException(Reason.MALFORMED_TOKEN, "token too long");
        }
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
