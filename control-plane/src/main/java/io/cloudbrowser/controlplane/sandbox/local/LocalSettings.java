package io.cloudbrowser.controlplane.sandbox.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the local provider needs to start browserd.
 *
 * @param workDir        holds {@code logs/<id>.log} and each sandbox's temporary directory
 * @param owner          marks this control plane's processes (see {@link ProcessMarks})
 * @param allowedOrigins browser origins browserd accepts on /ws (the control plane's, for the gateway)
 * @param extraEnv       added to every sandbox's environment, after the inherited one
 */
public record LocalSettings(Path javaCommand, List<String> jvmOptions, Path browserdJar, Path workDir, String owner,
                            String publicKeyPem, List<String> allowedOrigins, Map<String, String> extraEnv,
                            Duration startTimeout, Duration stopTimeout) {
    public LocalSettings {
        Objects.requireNonNull(javaCommand, "javaCommand");
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(browserdJar, "browserdJar");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        allowedOrigins = List.copyOf(allowedOrigins);
        extraEnv = Map.copyOf(extraEnv);
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    Path logsDir() {
        return workDir.resolve("logs");
    }

    Path sandboxTempDir(String sandboxId) {
        return workDir.resolve("sandboxes").resolve(sandboxId);
    }
}
