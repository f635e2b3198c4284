package io.cloudbrowser.controlplane.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ArtifactStore} must do: keep an object, hand out a URL that downloads it with its content type
 * until it expires (and not after), delete it, and refuse keys that could leave the store.
 */
public abstract class ArtifactStoreContract {
    /** What a GET of a URL answered: the status, the body and its content type. */
    public record Fetched(int status, byte[] body, String contentType) {
    }

    protected ArtifactStore store;

    protected abstract ArtifactStore open();

    /** GETs the URL as a client would (no credentials). */
    protected abstract Fetched fetch(URI url);

    @BeforeEach
    void start() {
        store = open();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aStoredObjectDownloadsThroughItsUrlWithItsContentType() {
        byte[] png = "\u0089PNG not really".getBytes(StandardCharsets.ISO_8859_1);
        String key = ArtifactKeys.of("j-1", 1, "screenshot.png");
        store.put(key, "image/png", png);
        Fetched got = fetch(store.url(key, Instant.now().plusSeconds(600)));
        assertEquals(200, got.status());
        assertArrayEquals(png, got.body());
        assertEquals("image/png", got.contentType());
    }

    @Test
    void aUrlIsRefusedOnceItExpired() {
        String key = ArtifactKeys.of("j-2", 1, "a.jpeg");
        store.put(key, "image/jpeg", new byte[] {1, 2, 3});
        URI url = store.url(key, Instant.now().plusSeconds(2));
        assertEquals(200, fetch(url).status());
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> fetch(url).status() == 403);
    }

    @Test
    void aDeletedObjectIsGone() {
        String key = ArtifactKeys.of("j-3", 2, "step-1.png");
        store.put(key, "image/png", new byte[] {9});
        URI url = store.url(key, Instant.now().plusSeconds(600));
        store.delete(key);
        store.delete(key);
        assertTrue(fetch(url).status() == 404 || fetch(url).status() == 403, "gone: " + fetch(url).status());
    }

    @Test
    void keysThatCouldLeaveTheStoreAreRefused() {
        for (String bad : new String[] {"../x", "a/../../b", "/abs", ".hidden", "a//b", "a\\b", ""}) {
            assertThrows(IllegalArgumentException.class, () -> store.put(bad, "image/png", new byte[1]), bad);
        }
    }
}
