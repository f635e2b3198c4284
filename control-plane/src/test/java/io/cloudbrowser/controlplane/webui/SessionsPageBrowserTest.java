package io.cloudbrowser.controlplane.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.HeadlessChromium;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.TestPages;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sessions page (web-client's index.html, served by a real control plane at {@code /}) in a
 * person's real browser ({@link HeadlessChromium}: Playwright on the test thread, every wait polled
 * in that thread too): API key, create, the list, open the viewer through the gateway, a view-only
 * link, end; and the jobs page: a screenshot job, its thumbnail and log.
 */
@ExtendWith(LeftoverProcesses.class)
class SessionsPageBrowserTest {
    private static final Pattern CREATED = Pattern.compile("Session (s-[0-9a-f]+) is ready\\.");
    /** The canvas pixel at its centre, which letterboxing keeps inside the remote page's image. */
    private static final String CENTRE_COLOUR = """
            () => {
              const c = document.getElementById('screen');
              if (c.width === 0 || c.height === 0) return [0, 0, 0];
              const d = c.getContext('2d').getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
              return [d[0], d[1], d[2]];
            }""";

    private static final Pattern SUBMITTED = Pattern.compile("Job (j-[0-9a-f]+) is QUEUED\\.");
    /** A thumbnail's centre pixel, drawn on a canvas (same origin: the filesystem store's URLs are the server's). */
    private static final String THUMBNAIL_CENTRE = """
            (img) => {
              if (!img.complete || img.naturalWidth === 0) return [0, 0, 0];
              const c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              const g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              const d = g.getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
              return [d[0], d[1], d[2]];
            }""";

    private static PageServer pages;
    private static ControlPlane plane;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws IOException {
        pages = new PageServer().page("/red", TestPages.solid("rgb(220,20,20)"));
        plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("sessions-page")));
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        plane.close();
        pages.close();
    }

    @Test
    void aPersonCreatesOpensSharesAndEndsASession() {
        try (BrowserContext person = newContext(); BrowserContext friend = newContext()) {
            Page sessions = person.newPage();
            sessions.navigate(plane.publicUrl() + "/");
            enterApiKey(sessions);
            String id = createSession(sessions);
            until("the list shows it ready", () -> "ready".equals(status(sessions, id)));

            Page viewer = person.waitForPage(() -> sessions.click(button("Open", id)));
            until("the viewer is live", () -> "live".equals(viewer.getAttribute("#conn-state", "data-state")));
            assertTrue(URLDecoder.decode(viewer.url(), StandardCharsets.UTF_8)
                    .contains("/api/sessions/" + id + "/ws"), "the viewer goes through the gateway: " + viewer.url());
            assertTrue(viewer.isVisible("#toolbar"), "the owner's viewer has controls");
            viewer.fill("#url", pages.url("/red"));
            viewer.press("#url", "Enter");
            until("red frames on the viewer's canvas", () -> isRed(viewer));

            String link = copyViewOnlyLink(sessions, id);
            Page watcher = friend.newPage();
            watcher.navigate(link);
            until("frames for the view-only link", () -> isRed(watcher));
            assertEquals("viewonly", watcher.getAttribute("#control-banner", "data-control"));
            for (String control : List.of("#toolbar", "#take", "#release", "#screen-help")) {
                assertTrue(watcher.isHidden(control), control + " is hidden on a view-only page");
            }

            sessions.click(button("End", id));
            until("the list shows it stopped", () -> status(sessions, id).startsWith("stopped"));
        }
    }

    /** The jobs page: submit a screenshot job, see it complete, its output as a thumbnail showing the page, its log. */
    @Test
    void aPersonSubmitsAScreenshotJobAndSeesItsOutputAndLog() {
        try (BrowserContext person = newContext()) {
            Page page = person.newPage();
            page.navigate(plane.publicUrl() + "/");
            enterApiKey(page);
            page.click("a[href='jobs.html']");
            until("the jobs page with the key", () -> page.isVisible("#submit-form"));

            page.fill("#job-url", pages.url("/red"));
            page.click("#submit-form button[type=submit]");
            String[] id = new String[1];
            until("the job submitted", () -> {
                Matcher m = SUBMITTED.matcher(page.textContent("#submit-status"));
                id[0] = m.matches() ? m.group(1) : null;
                return id[0] != null || page.isVisible("#error");
            });
            assertTrue(id[0] != null, "submit failed: " + page.textContent("#error"));
            String row = "tr[data-job-id='" + id[0] + "']";
            HeadlessChromium.until("the list shows it completed", Duration.ofSeconds(90),
                    () -> "COMPLETED".equals(cell(page, row, "status")));
            assertTrue(cell(page, row, "attempts").matches("[123] / 3"), cell(page, row, "attempts"));
            assertTrue(!cell(page, row, "created").isEmpty() && !cell(page, row, "ended").isEmpty());
            until("the thumbnail shows the red page", () -> {
                List<?> rgb = (List<?>) page.locator(row + " img.thumbnail").evaluate(THUMBNAIL_CENTRE);
                return ((Number) rgb.get(0)).intValue() > 180 && ((Number) rgb.get(1)).intValue() < 60
                        && ((Number) rgb.get(2)).intValue() < 60;
            });

            page.click("button[aria-label='Log: job " + id[0] + "']");
            until("the log shows the steps", () -> page.isVisible("#job-log")
                    && page.textContent("#job-log").contains("step 2 screenshot: ok, output screenshot.png"));
        }
    }

    private static String cell(Page page, String row, String column) {
        String cell = row + " td[data-col='" + column + "']";
        return page.isVisible(cell) ? page.textContent(cell) : "";
    }

    private static BrowserContext newContext() {
        return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    private static void enterApiKey(Page page) {
        page.fill("#api-key", TestEnvironment.ALICE_KEY);
        page.click("#key-form button[type=submit]");
        until("the signed-in part shows", () -> page.isVisible("#signed-in"));
        assertEquals(TestEnvironment.ALICE_KEY,
                page.evaluate("() => localStorage.getItem('cloudbrowser.apiKey')"), "the key is kept in the browser");
    }

    /** Submits the form with a small viewport and returns the new session's id from the status line. */
    private static String createSession(Page page) {
        page.fill("#width", "800");
        page.fill("#height", "600");
        page.fill("#ttl", "600");
        page.click("#create-form button[type=submit]");
        String[] id = new String[1];
        HeadlessChromium.until("the session created", Duration.ofSeconds(40), () -> {
            Matcher m = CREATED.matcher(page.textContent("#create-status"));
            id[0] = m.matches() ? m.group(1) : null;
            return id[0] != null || page.isVisible("#error");
        });
        assertTrue(id[0] != null, "create failed: " + page.textContent("#error"));
        return id[0];
    }

    /** The view-only link as the page shows it (headless Chromium may refuse the clipboard). */
    private static String copyViewOnlyLink(Page page, String id) {
        page.click(button("Copy view-only link", id));
        until("the link shown", () -> page.isVisible("#link-output") && !page.inputValue("#link").isEmpty());
        String link = page.inputValue("#link");
        assertTrue(link.startsWith(plane.publicUrl() + "/viewer.html#"), link);
        return link;
    }

    private static String button(String label, String id) {
        return "button[aria-label='" + label + ": session " + id + "']";
    }

    private static String status(Page page, String id) {
        String cell = "tr[data-session-id='" + id + "'] td.status";
        return page.isVisible(cell) ? page.textContent(cell) : "";
    }

    private static boolean isRed(Page page) {
        List<?> rgb = (List<?>) page.evaluate(CENTRE_COLOUR);
        int r = ((Number) rgb.get(0)).intValue();
        int g = ((Number) rgb.get(1)).intValue();
        int b = ((Number) rgb.get(2)).intValue();
        // JPEG shifts colours a little; 40 per channel still tells red from anything else.
        return Math.abs(r - 220) <= 40 && g <= 60 && b <= 60;
    }

    /** Awaitility, polled in the calling thread: Playwright must not be called from Awaitility's own thread. */
    private static void until(String what, Callable<Boolean> condition) {
        HeadlessChromium.until(what, Duration.ofSeconds(20), condition);
    }
}
