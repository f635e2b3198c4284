package io.cloudbrowser.controlplane.token;

import io.cloudbrowser.protocol.token.KeyIds;
import io.cloudbrowser.protocol.token.PublicKeyPem;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * The control plane's ES256 keys: the pair tokens are signed with, and every public key a token may be signed
 * with: that one, the next (published ahead, so sandboxes started now already trust the key tokens will be
 * signed with after a rotation) and the previous ones (tokens signed before a rotation stay valid until they
 * expire). Sandboxes get {@link #trustedPem()}; the private key never leaves the control plane.
 *
 * @param trusted the signing key first, then the next one, then previous ones
 */
public record SigningKeys(ECPublicKey publicKey, ECPrivateKey privateKey, List<ECPublicKey> trusted) {
    public SigningKeys {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        trusted = List.copyOf(trusted);
        if (trusted.isEmpty() || !trusted.get(0).equals(publicKey)) {
            throw new IllegalArgumentException("trusted: the signing key must come first");
        }
    }

    /** The signing key's id, the {@code kid} header of every token signed with it. */
    public String keyId() {
        return KeyIds.of(publicKey);
    }

    /** The trusted public keys as PEM blocks, what {@code BROWSERD_JWT_PUBLIC_KEY} is set to. */
    public String trustedPem() {
        return PublicKeyPem.encodeAll(trusted);
    }

    @Override
    public String toString() {
        return "SigningKeys[kid=" + keyId() + ", trusted=" + trusted.stream().map(KeyIds::of).toList() + "]";
    }
}
