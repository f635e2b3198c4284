package io.cloudbrowser.controlplane.artifact;

import io.cloudbrowser.controlplane.artifact.filesystem.FilesystemArtifactStore;
import io.cloudbrowser.controlplane.artifact.s3.S3ArtifactStore;
import io.cloudbrowser.controlplane.config.ArtifactConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Builds the {@link ArtifactStore} that {@code CP_ARTIFACT_STORE} names. */
public final class ArtifactStores {
    private ArtifactStores() {
    }

    /** S3 credentials come from the SDK's default chain (environment, profile, instance or pod role). */
    public static ArtifactStore create(ArtifactConfig config, Duration outputRetention, Path dataDir, Path keysDir,
                                       URI publicUrl, Clock clock) {
        return switch (config.kind()) {
            case FILESYSTEM -> new FilesystemArtifactStore(config.directory().map(Path::of)
                    .orElse(dataDir.resolve("artifacts")), publicUrl, UrlSigner.loadOrCreate(keysDir), clock);
            case S3 -> {
                S3ArtifactStore s3 = new S3ArtifactStore(config, DefaultCredentialsProvider.builder().build(), clock);
                s3.applyLifecycle(outputRetention);
                yield s3;
            }
        };
    }
}
