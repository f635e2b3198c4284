package io.cloudbrowser.controlplane.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What every sandbox provider is given beside its settings.
 *
 * @param dataDir        the control plane's data directory (providers keep logs and working files under it)
 * @param publicKeyPem   the token-signing public key browserd verifies with (never the private key)
 * @param allowedOrigins browser origins browserd accepts on /ws (the control plane's, for the gateway)
 * @param browserd       the control plane's HTTP client for browserd's /health and admin endpoints
 */
public record SandboxContext(Path dataDir, String publicKeyPem, List<String> allowedOrigins, BrowserdClient browserd) {
    public SandboxContext {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(browserd, "browserd");
    }
}
