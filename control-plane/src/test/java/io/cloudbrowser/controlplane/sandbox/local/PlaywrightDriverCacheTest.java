package io.cloudbrowser.controlplane.sandbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class PlaywrightDriverCacheTest {
    private final Path cache = TestEnvironment.newDataDir("driver-cache");

    @Test
    void theDriverInTheBrowserdJarIsUnpackedOnceAndShared() {
        Path dir = PlaywrightDriverCache.prepare(TestEnvironment.browserdJar(), cache).orElseThrow();
        assertTrue(Files.isExecutable(dir.resolve("node")));
        assertTrue(Files.isRegularFile(dir.resolve("package").resolve("cli.js")));
        assertEquals(Optional.of(dir), PlaywrightDriverCache.prepare(TestEnvironment.browserdJar(), cache));
        LocalSandboxProvider.deleteTree(cache);
    }

    @Test
    void aJarWithoutADriverLeavesBrowserdToItsOwnWays() throws IOException {
        Path jar = cache.resolve("plain.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("driver/package/README.md"));
            zip.closeEntry();
        }
        assertEquals(Optional.empty(), PlaywrightDriverCache.prepare(jar, cache));
        assertEquals(Optional.empty(), PlaywrightDriverCache.prepare(cache.resolve("missing.jar"), cache));
    }
}
