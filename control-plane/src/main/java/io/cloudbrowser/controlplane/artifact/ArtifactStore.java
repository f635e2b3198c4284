package io.cloudbrowser.controlplane.artifact;

import java.net.URI;
import java.time.Instant;

/**
 * Where job outputs are kept and how a client downloads one: a URL valid until an expiry, which needs no API key.
 * Implementations: {@code filesystem/} (a directory; URLs signed by the control plane and served by it) and
 * {@code s3/} (a bucket; presigned URLs), chosen by {@code CP_ARTIFACT_STORE} through {@link ArtifactStores}.
 * Every implementation passes {@code ArtifactStoreContract}. Keys are {@link ArtifactKeys} ({@code jobId/attempt/name}).
 */
public interface ArtifactStore extends AutoCloseable {
    String kind();

    /** Stores the bytes under {@code key}; replaces what was there. */
    void put(String key, String contentType, byte[] bytes);

    /** Deletes the object; idempotent. */
    void delete(String key);

    /** A URL anyone may GET the object with until {@code expiresAt}. */
    URI url(String key, Instant expiresAt);

    /** What the control plane serves itself (the filesystem store's signed URLs); none for S3. */
    default ArtifactDownloads downloads() {
        return ArtifactDownloads.NONE;
    }

    @Override
    default void close() {
    }
}
