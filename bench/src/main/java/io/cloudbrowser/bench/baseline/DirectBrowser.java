package io.cloudbrowser.bench.baseline;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.TimeoutError;
import io.cloudbrowser.bench.latency.ChangeProbe;
import io.cloudbrowser.bench.latency.LatencyTarget;
import io.cloudbrowser.browserd.browser.ChromiumInstance;
import io.cloudbrowser.browserd.display.Xvfb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The in-process baseline: what a Playwright user gets without browserd. Same Chromium binary, flags, Xvfb
 * screen size, viewport and screencast settings as browserd; input through Playwright's own CDPSession, frames
 * from the same session's {@code Page.screencastFrame} events. Used on the thread that created it only.
 */
public final class DirectBrowser implements LatencyTarget, AutoCloseable {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    private final Xvfb xvfb;
    private final Path profile;
    private final Playwright playwright;
    private final BrowserContext context;
    private final Page page;
    private final CDPSession cdp;

    private DirectBrowser(Xvfb xvfb, Path profile, Playwright playwright, BrowserContext context) {
        this.xvfb = xvfb;
        this.profile = profile;
        this.playwright = playwright;
        this.context = context;
        this.page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
        this.cdp = context.newCDPSession(page);
    }

    /** Starts Xvfb (sized as browserd sizes its own), Playwright and Chromium; frames go to {@code probe}. */
    public static DirectBrowser launch(Path chromium, ChangeProbe probe) throws IOException {
        Xvfb xvfb = Xvfb.start(Math.max(1920, WIDTH + 200), Math.max(1080, HEIGHT + 300));
        Path profile = Files.createTempDirectory("bench-profile-");
        Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = new ArrayList<>(ChromiumInstance.QUIET_FLAGS);
        args.add("--window-position=0,0");
        args.add("--window-size=" + WIDTH + "," + (HEIGHT + 120));
        BrowserContext ctx = pw.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(chromium).setHeadless(false).setArgs(args).setViewportSize(WIDTH, HEIGHT)
                .setDeviceScaleFactor(1).setEnv(Map.of("DISPLAY", xvfb.display())));
        DirectBrowser b = new DirectBrowser(xvfb, profile, pw, ctx);
        b.startScreencast(probe);
        return b;
    }

    private void startScreencast(ChangeProbe probe) {
        cdp.on("Page.screencastFrame", p -> {
            long arrival = System.nanoTime();
            JsonObject ack = new JsonObject();
            ack.addProperty("sessionId", p.get("sessionId").getAsInt());
            cdp.send("Page.screencastFrameAck", ack);
            probe.onFrame(arrival, 0, Base64.getDecoder().decode(p.get("data").getAsString()));
        });
        JsonObject start = new JsonObject();
        start.addProperty("format", "jpeg");
        start.addProperty("quality", 70);
        start.addProperty("maxWidth", WIDTH);
        start.addProperty("maxHeight", HEIGHT);
        start.addProperty("everyNthFrame", 1);
        cdp.send("Page.startScreencast", start);
    }

    public void navigate(String url) {
        page.navigate(url);
    }

    /** The cheapest call that really reaches the page: the driver asks the renderer for document.title. */
    public String title() {
        return page.title();
    }

    @Override
    public void mouse(String action) {
        JsonObject e = new JsonObject();
        e.addProperty("type", action.equals("down") ? "mousePressed" : "mouseReleased");
        e.addProperty("x", WIDTH / 2);
        e.addProperty("y", HEIGHT / 2);
        e.addProperty("button", "left");
        e.addProperty("clickCount", 1);
        cdp.send("Input.dispatchMouseEvent", e);
    }

    @Override
    public void awaitUntil(BooleanSupplier done, long timeoutMs) {
        try {
            page.waitForCondition(done, new Page.WaitForConditionOptions().setTimeout(timeoutMs));
        } catch (TimeoutError e) {
            // the sampler counts the sample as lost
        }
    }

    @Override
    public void pause(long millis) {
        page.waitForTimeout(millis);
    }

    @Override
    public void close() {
        try {
            context.close();
            playwright.close();
        } finally {
            xvfb.close();
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("bench: could not delete " + profile);
            }
        }
    }
}
