package io.cloudbrowser.controlplane.artifact.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.artifact.ArtifactKeys;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.artifact.ArtifactStoreContract;
import io.cloudbrowser.controlplane.config.ArtifactConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The contract on the S3 store against S3Proxy (in-process, its filesystem store, signatures checked), through
 * presigned URLs fetched like any client would; a tampered URL or one presigned with other credentials is 403.
 */
class S3ArtifactStoreTest extends ArtifactStoreContract {
    private static final String BUCKET = "cloudbrowser-test";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    final S3ProxyExtension s3 = S3ProxyExtension.builder()
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret-0123456789")
            .withBlobStoreProvider("filesystem").build();

    /** S3Proxy's filesystem store keeps no encryption: it refuses the header (501), which shows it is sent. */
    private ArtifactConfig config(Optional<String> encryption) {
        return new ArtifactConfig(ArtifactConfig.Kind.S3, Optional.empty(), BUCKET, "us-east-1",
                Optional.of(s3.getUri()), true, encryption);
    }

    private ArtifactConfig config() {
        return config(Optional.empty());
    }

    private StaticCredentialsProvider credentials(String access, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
    }

    @Override
    protected ArtifactStore open() {
        try (S3Client admin = S3Client.builder().region(Region.US_EAST_1).endpointOverride(s3.getUri())
                .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials(s3.getAccessKey(), s3.getSecretKey())).build()) {
            admin.createBucket(b -> b.bucket(BUCKET));
        }
        return new S3ArtifactStore(config(), credentials(s3.getAccessKey(), s3.getSecretKey()), Clock.systemUTC());
    }

    @Override
    protected Fetched fetch(URI url) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Fetched(response.statusCode(), response.body(),
                    response.headers().firstValue("content-type").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTamperedUrlOrOnePresignedWithOtherCredentialsIsRefused() {
        String key = ArtifactKeys.of("j-7", 1, "screenshot.png");
        store.put(key, "image/png", new byte[] {7});
        URI good = store.url(key, Instant.now().plus(Duration.ofMinutes(10)));
        assertEquals(200, fetch(good).status());
        assertEquals(403, fetch(URI.create(good.toString().replace("j-7/1", "j-7/2"))).status());
        assertEquals(403, fetch(URI.create(good.toString().replaceFirst("X-Amz-Expires=\\d+", "X-Amz-Expires=604800")))
                .status());
        try (S3ArtifactStore other = new S3ArtifactStore(config(), credentials(s3.getAccessKey(), "another-secret-0123"),
                Clock.systemUTC())) {
            assertEquals(403, fetch(other.url(key, Instant.now().plusSeconds(600))).status());
        }
    }

    @Test
    void serverSideEncryptionIsAskedForOnEveryPut() {
        try (S3ArtifactStore encrypting = new S3ArtifactStore(config(Optional.of("AES256")),
                credentials(s3.getAccessKey(), s3.getSecretKey()), Clock.systemUTC())) {
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> encrypting.put(ArtifactKeys.of("j-6", 1, "a.png"), "image/png", new byte[] {6}));
            assertEquals(501, refused.statusCode());
            assertTrue(refused.getMessage().contains("Server-side encryption"), refused.getMessage());
        }
    }

    @Test
    void aLifecycleRuleIsAskedForAndItsRefusalIsNoFailure() {
        ((S3ArtifactStore) store).applyLifecycle(Duration.ofDays(7));
        String key = ArtifactKeys.of("j-8", 1, "screenshot.png");
        store.put(key, "image/png", new byte[] {8});
        assertEquals(200, fetch(store.url(key, Instant.now().plusSeconds(60))).status());
    }
}
