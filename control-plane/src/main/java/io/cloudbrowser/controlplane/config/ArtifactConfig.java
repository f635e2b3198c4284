package io.cloudbrowser.controlplane.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where job outputs are kept ({@code CP_ARTIFACT_STORE}): {@code filesystem} (a directory under the data directory,
 * URLs signed by the control plane) or {@code s3} (a bucket, presigned URLs).
 *
 * @param directory  filesystem: the directory; empty = {@code artifacts/} in the data directory
 * @param endpoint   s3: an S3-compatible endpoint; empty = AWS's for the region
 * @param pathStyle  s3: bucket in the path ({@code endpoint/bucket/key}), as S3-compatible servers need
 * @param encryption s3: server-side encryption ({@code AES256}, {@code aws:kms}) or empty for the bucket's default
 */
public record ArtifactConfig(Kind kind, Optional<String> directory, String bucket, String region,
                             Optional<URI> endpoint, boolean pathStyle, Optional<String> encryption) {
    /** The implementations. */
    public enum Kind {
        FILESYSTEM, S3;

        static Kind parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "filesystem" -> FILESYSTEM;
                case "s3" -> S3;
                default -> throw new IllegalArgumentException("'" + text + "' (expected: filesystem or s3)");
            };
        }
    }

    public ArtifactConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(encryption, "encryption");
        if (kind == Kind.S3 && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("s3Bucket: '" + bucket + "' (expected: an S3 bucket name)");
        }
        encryption.ifPresent(e -> {
            if (!e.equals("AES256") && !e.equals("aws:kms")) {
                throw new IllegalArgumentException("s3Encryption: '" + e + "' (expected: AES256 or aws:kms)");
            }
        });
    }
}
