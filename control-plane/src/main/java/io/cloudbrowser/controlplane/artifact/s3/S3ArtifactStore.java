package io.cloudbrowser.controlplane.artifact.s3;

import io.cloudbrowser.controlplane.artifact.ArtifactKeys;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.config.ArtifactConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * Outputs in an S3 bucket (AWS, or an S3-compatible server with path-style URLs), through the AWS SDK v2 with its
 * URL-connection HTTP client (no Netty or Apache client beside ours). Objects are written with server-side
 * encryption when configured; URLs are presigned GETs (SigV4) that S3 itself refuses after their expiry. A bucket
 * lifecycle rule expiring objects after the output retention is set where the credentials permit it; the
 * retention sweeper deletes them either way.
 */
public final class S3ArtifactStore implements ArtifactStore {
    private static final Logger log = LoggerFactory.getLogger(S3ArtifactStore.class);
    /** SigV4 presigned URLs live at most 7 days. */
    private static final Duration MAX_PRESIGN = Duration.ofDays(7);

    private final S3Client client;
    private final S3Presigner presigner;
    private final ArtifactConfig config;
    private final Clock clock;

    public S3ArtifactStore(ArtifactConfig config, AwsCredentialsProvider credentials, Clock clock) {
        this.config = config;
        this.clock = clock;
        S3Configuration s3 = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
        var clientBuilder = S3Client.builder().region(Region.of(config.region())).credentialsProvider(credentials)
                .serviceConfiguration(s3).httpClientBuilder(UrlConnectionHttpClient.builder());
        var presignerBuilder = S3Presigner.builder().region(Region.of(config.region())).credentialsProvider(credentials)
                .serviceConfiguration(s3);
        config.endpoint().ifPresent(e -> {
            clientBuilder.endpointOverride(e);
            presignerBuilder.endpointOverride(e);
        });
        this.client = clientBuilder.build();
        this.presigner = presignerBuilder.build();
    }

    /** Sets the bucket's lifecycle rule (outputs expire after {@code retention}) if the credentials may. */
    public void applyLifecycle(Duration retention) {
        int days = (int) Math.max(1, (retention.toHours() + 23) / 24);
        try {
            client.putBucketLifecycleConfiguration(b -> b.bucket(config.bucket()).lifecycleConfiguration(
                    BucketLifecycleConfiguration.builder().rules(LifecycleRule.builder().id("cloudbrowser-outputs")
                            .status(ExpirationStatus.ENABLED).filter(LifecycleRuleFilter.builder().prefix("").build())
                            .expiration(LifecycleExpiration.builder().days(days).build()).build()).build()));
            log.info("bucket {}: objects expire after {} days", config.bucket(), days);
        } catch (SdkException e) {
            log.info("bucket {}: no lifecycle rule set ({}); the retention sweeper deletes outputs", config.bucket(),
                    e.getMessage());
        }
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public void put(String key, String contentType, byte[] bytes) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(config.bucket())
                .key(ArtifactKeys.check(key)).contentType(contentType);
        config.encryption().ifPresent(sse -> request.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
        client.putObject(request.build(), RequestBody.fromBytes(bytes));
    }

    @Override
    public void delete(String key) {
        client.deleteObject(b -> b.bucket(config.bucket()).key(ArtifactKeys.check(key)));
    }

    @Override
    public URI url(String key, Instant expiresAt) {
        Duration valid = Duration.between(clock.instant(), expiresAt);
        Duration duration = valid.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : valid.compareTo(MAX_PRESIGN) > 0 ? MAX_PRESIGN : valid;
        GetObjectRequest get = GetObjectRequest.builder().bucket(config.bucket()).key(ArtifactKeys.check(key)).build();
        try {
            return presigner.presignGetObject(GetObjectPresignRequest.builder().signatureDuration(duration)
                    .getObjectRequest(get).build()).url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigns valid URLs", e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
