package io.cloudbrowser.testing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.cloudbrowser.protocol.token.PublicKeyPem;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.protocol.token.TokenClaims;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Plays the control plane in tests: holds a fresh EC P-256 key pair and mints tokens with it.
 *
 * <pre>{@code
 * TestTokens tokens = TestTokens.generate();
 * env.put("BROWSERD_JWT_PUBLIC_KEY", tokens.publicKeyPem());
 * String viewer = tokens.session("s-1").role(Role.VIEWER).sub("alice").sign();
 * String claim = tokens.admin("s-1").sign();
 * }</pre>
 */
public final class TestTokens {
    private final ECPublicKey publicKey;
    private final Algorithm signer;
    private final Clock clock;

    private TestTokens(KeyPair keyPair, Clock clock) {
        this.publicKey = (ECPublicKey) keyPair.getPublic();
        this.signer = Algorithm.ECDSA256(publicKey, (ECPrivateKey) keyPair.getPrivate());
        this.clock = clock;
    }

    public static TestTokens generate() {
        return generate(Clock.systemUTC());
    }

    /** Tokens are issued at {@code clock.instant()}; pass the clock the verifier under test uses. */
    public static TestTokens generate(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestTokens(generator.generateKeyPair(), clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 unavailable", e);
        }
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The value for BROWSERD_JWT_PUBLIC_KEY. */
    public String publicKeyPem() {
        return PublicKeyPem.encode(publicKey);
    }

    /** The ES256 signer, for tests that hand-craft unusual tokens with {@code JWT.create()}. */
    public Algorithm signer() {
        return signer;
    }

    /** A controller token for user "user-1", valid 5 minutes. */
    public Builder session(String sessionId) {
        return new Builder(TokenClaims.SESSION_AUDIENCE, sessionId, "user-1", Duration.ofMinutes(5))
                .role(Role.CONTROLLER);
    }

    /** An admin token (claim, revoke) from "control-plane", valid 60 seconds. */
    public Builder admin(String sessionId) {
        return new Builder(TokenClaims.ADMIN_AUDIENCE, sessionId, TokenClaims.ADMIN_SUBJECT, TokenClaims.ADMIN_TOKEN_TTL);
    }

    public final class Builder {
        private final String audience;
        private String sessionId;
        private String sub;
        private Duration ttl;
        private Role role;
        private String jti = "jti-" + UUID.randomUUID();
        private String keyId;

        private Builder(String audience, String sessionId, String sub, Duration ttl) {
            this.audience = audience;
            this.sessionId = sessionId;
            this.sub = sub;
            this.ttl = ttl;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        public Builder sub(String sub) {
            this.sub = sub;
            return this;
        }

        /** Negative values mint an already expired token. */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** The {@code kid} header; none by default. */
        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder jti(String jti) {
            this.jti = jti;
            return this;
        }

        public String sign() {
            Instant now = clock.instant();
            var jwt = JWT.create()
                    .withIssuer(TokenClaims.ISSUER)
                    .withAudience(audience)
                    .withClaim(TokenClaims.SESSION_ID, sessionId)
                    .withSubject(sub)
                    .withIssuedAt(now)
                    .withExpiresAt(now.plus(ttl))
                    .withJWTId(jti);
            if (keyId != null) {
                jwt.withKeyId(keyId);
            }
            if (role != null) {
                jwt.withClaim(TokenClaims.ROLE, role.wireName());
            }
            return jwt.sign(signer);
        }
    }
}
