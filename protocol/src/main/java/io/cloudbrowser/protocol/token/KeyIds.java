package io.cloudbrowser.protocol.token;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A public key's id, the {@code kid} header of the tokens it verifies: the first 16 bytes of the SHA-256 of its
 * DER encoding (SubjectPublicKeyInfo), base64url without padding. Both sides compute it from the key itself, so
 * nothing has to be configured beside the keys.
 */
public final class KeyIds {
    private KeyIds() {
    }

    public static String of(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
