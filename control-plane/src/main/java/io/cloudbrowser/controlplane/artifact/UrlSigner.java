package io.cloudbrowser.controlplane.artifact;

import java.nio.charset.StandardCharsets;
import io.cloudbrowser.controlplane.token.SecretFile;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over {@code key + "\n" + expiresEpochSeconds}, with a 256-bit secret kept in the keys
 * directory ({@code artifact-url.key}, owner-only), so every replica that mounts it signs and checks alike. The
 * secret never leaves this class; signatures compare in constant time.
 */
public final class UrlSigner {
    private static final String FILE = "artifact-url.key";
    private final byte[] secret;

    public UrlSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an artifact URL secret has at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    /** The secret in {@code keysDir}, created on first use. */
    public static UrlSigner loadOrCreate(Path keysDir) {
        return new UrlSigner(Base64.getDecoder().decode(SecretFile.loadOrCreate(keysDir.resolve(FILE))));
    }

    public String sign(String key, long expiresEpochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal((key + "\n" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public boolean verify(String key, long expiresEpochSeconds, String signature) {
        return MessageDigest.isEqual(sign(key, expiresEpochSeconds).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
