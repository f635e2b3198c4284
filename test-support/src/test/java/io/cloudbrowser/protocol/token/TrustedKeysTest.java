package io.cloudbrowser.protocol.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.protocol.token.AuthException.Reason;
import io.cloudbrowser.testing.TestTokens;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several trusted keys at once, as during a key rotation: the {@code kid} header picks the key. */
class TrustedKeysTest {
    private final TestTokens current = TestTokens.generate();
    private final TestTokens next = TestTokens.generate();
    private final TestTokens stranger = TestTokens.generate();
    private final TokenVerifier verifier = new TokenVerifier(List.of(current.publicKey(), next.publicKey()),
            Clock.systemUTC());

    @Test
    void aTokenNamingATrustedKeyIsVerifiedWithIt() throws AuthException {
        String byNext = next.session("s-1").keyId(KeyIds.of(next.publicKey())).sign();
        assertEquals(Role.CONTROLLER, verifier.verifySession(byNext, "s-1").role());
        String byCurrent = current.admin("s-1").keyId(KeyIds.of(current.publicKey())).sign();
        assertEquals("s-1", verifier.verifyAdmin(byCurrent, "s-1"));
    }

    @Test
    void aTokenWithoutKeyIdIsTriedAgainstEveryTrustedKey() throws AuthException {
        assertEquals(Role.VIEWER, verifier.verifySession(next.session("s-1").role(Role.VIEWER).sign(), "s-1").role());
        assertRefused(Reason.BAD_SIGNATURE, stranger.session("s-1").sign());
    }

    @Test
    void aKeyIdOfAnotherKeyOrAnUntrustedKeyIsRefused() {
        assertRefused(Reason.BAD_SIGNATURE, next.session("s-1").keyId(KeyIds.of(current.publicKey())).sign());
        assertRefused(Reason.BAD_SIGNATURE, stranger.session("s-1").keyId(KeyIds.of(stranger.publicKey())).sign());
        assertRefused(Reason.BAD_SIGNATURE, next.session("s-1").keyId("not-a-key-we-know").sign());
    }

    @Test
    void otherFaultsAreNotHiddenBehindTheKeySearch() {
        assertRefused(Reason.EXPIRED, next.session("s-1").ttl(java.time.Duration.ofMinutes(-5)).sign());
        assertRefused(Reason.WRONG_SESSION, next.session("s-2").sign());
    }

    @Test
    void keyIdsAreStableAndDistinct() {
        assertEquals(KeyIds.of(current.publicKey()), KeyIds.of(PublicKeyPem.parse(current.publicKeyPem())));
        assertTrue(!KeyIds.of(current.publicKey()).equals(KeyIds.of(next.publicKey())));
        assertEquals(22, KeyIds.of(current.publicKey()).length());
    }

    @Test
    void aPemBundleHoldsSeveralKeysInOrder() {
        String bundle = PublicKeyPem.encodeAll(List.of(current.publicKey(), next.publicKey()));
        assertEquals(List.of(current.publicKey(), next.publicKey()), PublicKeyPem.parseAll(bundle));
        String broken = bundle + "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PublicKeyPem.parseAll(broken)).getMessage()
                .contains("base64"));
        assertThrows(IllegalArgumentException.class, () -> new TokenVerifier(List.of(), Clock.systemUTC()));
    }

    private void assertRefused(Reason reason, String token) {
        assertEquals(reason, assertThrows(AuthException.class, () -> verifier.verifySession(token, "s-1")).reason());
    }
}
