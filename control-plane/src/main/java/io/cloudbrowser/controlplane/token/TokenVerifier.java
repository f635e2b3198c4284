package io.cloudbrowser.controlplane.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.Optional;

/**
 * Checks a session token the way browserd does (PROTOCOL.md section 1), so the gateway can refuse a
 * bad one before it opens a connection to a sandbox.
 */
public final class TokenVerifier {
    private static final long LEEWAY_SECONDS = 5;

    private final Algorithm algorithm;

    public TokenVerifier(SigningKeys keys) {
        this.algorithm = Algorithm.ECDSA256(keys.publicKey(), null);
    }

    /** The token's role and jti when it is valid for {@code sessionId}; empty otherwise. */
    public Optional<VerifiedToken> verifySessionToken(String jwt, String sessionId) {
        try {
            DecodedJWT decoded = JWT.require(algorithm)
                    .withIssuer(TokenMinter.ISSUER)
                    .withAudience(TokenMinter.SESSION_AUDIENCE)
                    .withClaim("sid", sessionId)
                    .withClaimPresence("exp")
                    .withClaimPresence("iat")
                    .withClaimPresence("jti")
                    .withClaimPresence("sub")
                    .acceptLeeway(LEEWAY_SECONDS)
                    .build()
                    .verify(jwt);
            String role = decoded.getClaim("role").asString();
            if (role == null) {
                return Optional.empty();
            }
            return Optional.of(new VerifiedToken(decoded.getId(), decoded.getSubject(), TokenRole.fromWireName(role)));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Who a valid token speaks for. */
    public record VerifiedToken(String jti, String subject, TokenRole role) {
    }
}
