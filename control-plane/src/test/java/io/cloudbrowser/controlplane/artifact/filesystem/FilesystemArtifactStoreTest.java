package io.cloudbrowser.controlplane.artifact.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.artifact.ArtifactDownloads;
import io.cloudbrowser.controlplane.artifact.ArtifactKeys;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.artifact.ArtifactStoreContract;
import io.cloudbrowser.controlplane.artifact.UrlSigner;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.protocol.ErrorCode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract on the filesystem store, whose URLs the control plane serves itself ({@link ArtifactDownloads}),
 * and what only its signatures decide: another key's signature, a changed expiry, a changed key.
 */
class FilesystemArtifactStoreTest extends ArtifactStoreContract {
    private static final URI BASE = URI.create("http://127.0.0.1:8080");
    private Path root;
    private Path keys;

    @Override
    protected ArtifactStore open() {
        Path dataDir = TestEnvironment.newDataDir("artifacts");
        root = dataDir.resolve("artifacts");
        keys = dataDir.resolve("keys");
        return new FilesystemArtifactStore(root, BASE, UrlSigner.loadOrCreate(keys), Clock.systemUTC());
    }

    @Override
    protected Fetched fetch(URI url) {
        Map<String, List<String>> query = Arrays.stream(url.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.groupingBy(p -> p[0], Collectors.mapping(p -> p[1], Collectors.toList())));
        try {
            Optional<ArtifactDownloads.Download> found = store.downloads().find(url.getRawPath(), query);
            return found.map(d -> new Fetched(200, d.bytes(), d.contentType())).orElse(new Fetched(404, new byte[0], null));
        } catch (ApiException e) {
            return new Fetched(e.code().httpStatus(), e.code().wireName().getBytes(), "application/json");
        }
    }

    private ErrorCode refusal(URI url) {
        return ErrorCode.fromWireName(new String(fetch(url).body())).orElseThrow();
    }

    @Test
    void aUrlSignedWithAnotherSecretOrChangedIsInvalidAndAnOldOneExpired() throws Exception {
        String key = ArtifactKeys.of("j-9", 1, "screenshot.png");
        store.put(key, "image/png", new byte[] {1});
        Instant later = Instant.now().plusSeconds(600);
        URI good = store.url(key, later);
        FilesystemArtifactStore other = new FilesystemArtifactStore(root, BASE,
                UrlSigner.loadOrCreate(TestEnvironment.newDataDir("other-keys")), Clock.systemUTC());
        assertEquals(ErrorCode.SIGNED_URL_INVALID, refusal(other.url(key, later)));
        assertEquals(ErrorCode.SIGNED_URL_INVALID, refusal(URI.create(good.toString()
                .replaceFirst("expires=\\d+", "expires=" + (later.getEpochSecond() + 1)))));
        assertEquals(ErrorCode.SIGNED_URL_INVALID, refusal(URI.create(good.toString().replace("j-9/1", "j-9/2"))));
        assertEquals(ErrorCode.SIGNED_URL_EXPIRED, refusal(store.url(key, Instant.now().minusSeconds(1))));
        assertEquals(200, fetch(good).status());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("artifact-url.key"))));
    }

    @Test
    void deletingTheLastObjectOfAJobRemovesItsDirectories() {
        String key = ArtifactKeys.of("j-10", 1, "screenshot.png");
        store.put(key, "image/png", new byte[] {1});
        store.delete(key);
        assertFalse(Files.exists(root.resolve("j-10")));
    }
}
