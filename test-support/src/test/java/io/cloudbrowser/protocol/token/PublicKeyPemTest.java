package io.cloudbrowser.protocol.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.testing.TestTokens;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyPemTest {
    private final TestTokens tokens = TestTokens.generate();

    @Test
    void readsAnEcP256PublicKey() {
        assertEquals(tokens.publicKey(), PublicKeyPem.parse(tokens.publicKeyPem()));
    }

    @Test
    void toleratesSurroundingWhitespaceAndCrlf() {
        String pem = "\n  " + tokens.publicKeyPem().replace("\n", "\r\n") + "\n\n";
        assertEquals(tokens.publicKey(), PublicKeyPem.parse(pem));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  \n"})
    void refusesAnEmptyValue(String pem) {
        assertMessage(pem, "empty");
    }

    @Test
    void refusesTextThatIsNotAPublicKeyBlock() {
        String body = tokens.publicKeyPem().replace("-----BEGIN PUBLIC KEY-----", "");
        assertMessage(body, "BEGIN PUBLIC KEY");
        assertMessage("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "private keys are refused");
    }

    @Test
    void refusesABodyThatIsNotBase64OrNotAKey() {
        assertMessage(pem("!!!not base64!!!"), "not valid base64");
        assertMessage(pem("AAAAAAAA"), "does not hold an EC public key");
    }

    @Test
    void refusesAnRsaKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        assertMessage(pem(generator.generateKeyPair().getPublic().getEncoded()), "RSA");
    }

    @Test
    void refusesAnotherCurve() throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        assertMessage(pem(generator.generateKeyPair().getPublic().getEncoded()), "P-256");
    }

    private static void assertMessage(String pem, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> PublicKeyPem.parse(pem));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static String pem(byte[] der) {
        return pem(Base64.getMimeEncoder().encodeToString(der));
    }

    private static String pem(String body) {
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
