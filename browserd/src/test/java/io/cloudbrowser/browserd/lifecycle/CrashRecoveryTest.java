package io.cloudbrowser.browserd.lifecycle;

import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A killed renderer or a killed Chromium is reported within seconds and replaced by a fresh browser. */
class CrashRecoveryTest {
    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages.page("/p", "<body style='background:#0a0'><h1>alive</h1></body>")
                    .page("/q", "<body style='background:#00a'><h1>streaming again</h1></body>"))
            .daemon(TestDaemon::start);

    @Test
    void aKilledRendererIsReportedAndTheSessionRecovers() {
        crashAndRecover(CrashRecoveryTest::isRenderer);
    }

    @Test
    void aKilledBrowserIsReportedAndTheSessionRecovers() {
        crashAndRecover(p -> isChromium(p) && !command(p).contains("--type="));
    }

    private static void crashAndRecover(Predicate<ProcessHandle> victim) {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            assertTrue(c.call("navigate", obj().put("url", browserd.url("/p"))).path("ok").asBoolean());
            List<ProcessHandle> targets = ProcessHandle.current().descendants().filter(victim).toList();
            assertFalse(targets.isEmpty(), "found the process to kill");
            targets.forEach(ProcessHandle::destroyForcibly);

            c.await(m -> "error".equals(m.path("name").asText()) && "browser_crashed".equals(m.at("/data/code").asText()),
                    Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> c.messages().stream()
                    .filter(m -> "ready".equals(m.path("name").asText())).count() == 2);
            assertTrue(c.call("navigate", obj().put("url", browserd.url("/p"))).path("ok").asBoolean(), "drivable again");
            assertEquals("running", browserd.health().path("browser").asText());
            int frames = c.frameCount();
            c.call("navigate", obj().put("url", browserd.url("/q")));
            await().atMost(Duration.ofSeconds(10)).until(() -> c.frameCount() > frames);
        }
    }

    private static boolean isRenderer(ProcessHandle p) {
        return isChromium(p) && command(p).contains("--type=renderer") && !command(p).contains("--extension-process");
    }

    private static boolean isChromium(ProcessHandle p) {
        return p.info().command().orElse("").contains("chromium");
    }

    /** Chromium rewrites its children's argv in place, so read the raw command line. */
    private static String command(ProcessHandle p) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(p.pid()), "cmdline"))
                    .replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
