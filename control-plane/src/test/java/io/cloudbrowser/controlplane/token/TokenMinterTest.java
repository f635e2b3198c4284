package io.cloudbrowser.controlplane.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.protocol.token.AuthException.Reason;
import io.cloudbrowser.protocol.token.AuthException;
import io.cloudbrowser.protocol.token.PublicKeyPem;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.protocol.token.TokenClaims;
import io.cloudbrowser.protocol.token.TokenVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenMinterTest {
    private final Path keysDir = TestEnvironment.newDataDir("keys").resolve("keys");
    private final SigningKeys keys = KeyPairFiles.loadOrCreate(keysDir);
    private final TokenMinter minter = new TokenMinter(keys, Clock.systemUTC());
    private final TokenVerifier verifier = new TokenVerifier(keys.publicKey(), Clock.systemUTC());

    @Test
    void keysAreGeneratedOnceAndThePrivateOneIsOwnerOnly() throws Exception {
        SigningKeys again = KeyPairFiles.loadOrCreate(keysDir);
        assertEquals(keys.publicKey(), again.publicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keysDir.resolve(KeyPairFiles.PRIVATE_FILE))));
        assertTrue(keys.trustedPem().startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(keys.trusted(), PublicKeyPem.parseAll(keys.trustedPem()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                keysDir.resolve(KeyPairFiles.NEXT_DIR).resolve(KeyPairFiles.PRIVATE_FILE))));
    }

    @Test
    void aRotationSignsWithTheNextKeyAndKeepsTrustingThePreviousOnes() throws AuthException {
        Path dir = TestEnvironment.newDataDir("rotate").resolve("keys");
        SigningKeys before = KeyPairFiles.loadOrCreate(dir);
        assertEquals(2, before.trusted().size(), "the signing key and the next one");
        String oldToken = new TokenMinter(before, Clock.systemUTC())
                .sessionToken("s-1", "alice", Role.VIEWER, Instant.now().plusSeconds(600)).jwt();

        SigningKeys after = KeyPairFiles.rotate(dir);
        assertEquals(before.trusted().get(1), after.publicKey(), "the published next key signs now");
        assertTrue(after.trusted().contains(before.publicKey()), "the old key is trusted as a previous one");
        assertEquals(after, KeyPairFiles.loadOrCreate(dir), "the rotation is on disk");
        TokenVerifier sandboxStartedBefore = new TokenVerifier(before.trusted(), Clock.systemUTC());
        TokenVerifier sandboxStartedAfter = new TokenVerifier(after.trusted(), Clock.systemUTC());
        String newToken = new TokenMinter(after, Clock.systemUTC())
                .sessionToken("s-1", "alice", Role.VIEWER, Instant.now().plusSeconds(600)).jwt();
        assertEquals(Role.VIEWER, sandboxStartedBefore.verifySession(newToken, "s-1").role());
        assertEquals(Role.VIEWER, sandboxStartedAfter.verifySession(oldToken, "s-1").role());

        KeyPairFiles.rotate(dir);
        SigningKeys third = KeyPairFiles.rotate(dir);
        assertEquals(4, third.trusted().size(), "signing, next and the newest two previous keys");
        assertTrue(!third.trusted().contains(before.publicKey()), "three rotations later the first key is gone");
    }

    @Test
    void sessionTokenCarriesTheContractsClaims() {
        Instant expiresAt = Instant.now().plusSeconds(600);
        MintedToken token = minter.sessionToken("s-1", "alice", Role.VIEWER, expiresAt);
        DecodedJWT jwt = JWT.require(Algorithm.ECDSA256(keys.publicKey(), null)).build().verify(token.jwt());
        assertEquals("ES256", jwt.getAlgorithm());
        assertEquals(keys.keyId(), jwt.getKeyId());
        assertEquals("cloudbrowser-control-plane", jwt.getIssuer());
        assertEquals(List.of("browserd"), jwt.getAudience());
        assertEquals("s-1", jwt.getClaim("sid").asString());
        assertEquals("alice", jwt.getSubject());
        assertEquals("viewer", jwt.getClaim("role").asString());
        assertEquals(token.jti(), jwt.getId());
        assertEquals(expiresAt.getEpochSecond(), jwt.getExpiresAtAsInstant().getEpochSecond());
        assertTrue(jwt.getIssuedAtAsInstant() != null);
        assertNotEquals(token.jti(), minter.sessionToken("s-1", "alice", Role.VIEWER, expiresAt).jti());
        assertTrue(!token.toString().contains(token.jwt()), "toString must not leak the token");
    }

    @Test
    void adminTokenIsShortLivedForTheAdminAudience() {
        DecodedJWT jwt = JWT.decode(minter.adminToken("s-9"));
        assertEquals(List.of("browserd-admin"), jwt.getAudience());
        assertEquals("control-plane", jwt.getSubject());
        assertEquals("s-9", jwt.getClaim("sid").asString());
        assertTrue(jwt.getExpiresAtAsInstant().isBefore(Instant.now().plusSeconds(61)));
    }

    /** What the control plane mints is what browserd's (shared) verifier accepts, and nothing else. */
    @Test
    void theSharedVerifierAcceptsOnlyValidTokensForTheirSession() throws AuthException {
        MintedToken token = minter.sessionToken("s-1", "alice", Role.CONTROLLER, Instant.now().plusSeconds(60));
        assertEquals(Role.CONTROLLER, verifier.verifySession(token.jwt(), "s-1").role());
        assertEquals("s-1", verifier.verifyAdmin(minter.adminToken("s-1"), "s-1"));
        assertRefused(Reason.WRONG_SESSION, token.jwt(), "s-2");
        assertRefused(Reason.WRONG_AUDIENCE, minter.adminToken("s-1"), "s-1");
        assertRefused(Reason.MALFORMED_TOKEN, "not.a.jwt", "s-1");
        TokenMinter past = new TokenMinter(keys, Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC));
        MintedToken expired = past.sessionToken("s-1", "alice", Role.VIEWER, Instant.now().minusSeconds(1800));
        assertRefused(Reason.EXPIRED, expired.jwt(), "s-1");
        SigningKeys other = KeyPairFiles.loadOrCreate(TestEnvironment.newDataDir("other-keys"));
        MintedToken forged = new TokenMinter(other, Clock.systemUTC())
                .sessionToken("s-1", "alice", Role.CONTROLLER, Instant.now().plusSeconds(60));
        assertRefused(Reason.BAD_SIGNATURE, forged.jwt(), "s-1");
        String hs256 = JWT.create().withIssuer(TokenClaims.ISSUER).withAudience("browserd").withClaim("sid", "s-1")
                .withSubject("alice").withClaim("role", "controller").withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(60)).withJWTId("x").sign(Algorithm.HMAC256("secret"));
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, hs256, "s-1");
    }

    private void assertRefused(Reason reason, String jwt, String sessionId) {
        assertEquals(reason, assertThrows(AuthException.class, () -> verifier.verifySession(jwt, sessionId)).reason());
    }
}
