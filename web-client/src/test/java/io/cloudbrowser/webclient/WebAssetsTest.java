package io.cloudbrowser.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the real files under /web. */
class WebAssetsTest {
    private final WebAssets files = new WebAssets("/index.html");

    @Test
    void rootIsTheSessionsPage() {
        WebAssets.Asset index = files.find("/").orElseThrow();
        assertEquals("text/html; charset=utf-8", index.contentType());
        assertTrue(new String(index.content()).contains("<html") || new String(index.content()).contains("<!doctype"));
    }

    @Test
    void viewerAndModulesHaveTheirContentTypes() {
        assertEquals("text/html; charset=utf-8", files.find("/viewer.html").orElseThrow().contentType());
        assertEquals("text/javascript; charset=utf-8", files.find("/viewer.js").orElseThrow().contentType());
        assertEquals("text/css; charset=utf-8", files.find("/style.css").orElseThrow().contentType());
    }

    @Test
    void theIndexIsChosenByTheServer() {
        assertTrue(new String(new WebAssets("/viewer.html").find("/").orElseThrow().content()).contains("viewer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../web/index.html", "/..", "/a/../index.html", "//etc/passwd", "/.hidden.js",
            "/index.html/", "/ws\\index.html", "/io/cloudbrowser/controlplane/Main.class", "/logback.xml",
            "/db/migration/V1__sessions_tokens_api_keys.sql", "/web", "/missing.js", "/index.html\0.js"})
    void nothingOutsideWebAndNothingButKnownFiles(String path) {
        assertTrue(files.find(path).isEmpty(), path);
    }
}
