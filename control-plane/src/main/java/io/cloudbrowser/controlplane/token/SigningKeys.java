package io.cloudbrowser.controlplane.token;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/** The control plane's ES256 key pair; {@code publicKeyPem} is what sandboxes are given. */
public record SigningKeys(ECPublicKey publicKey, ECPrivateKey privateKey, String publicKeyPem) {
}
