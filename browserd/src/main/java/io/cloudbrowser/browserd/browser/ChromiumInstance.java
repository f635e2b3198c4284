package io.cloudbrowser.browserd.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import io.cloudbrowser.browserd.cdp.CdpClient;
import io.cloudbrowser.protocol.Viewport;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One launched Chromium: its Playwright context and page (for commands, used only on the browser thread) and a
 * raw CDP connection to the same page (for frames, input and events, used from any thread).
 */
public final class ChromiumInstance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChromiumInstance.class);
    /** Public so the benchmark's in-process baseline launches the very same browser. */
    public static final List<String> QUIET_FLAGS = List.of("--no-sandbox", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            "--disable-features=Translate,MediaRouter,OptimizationHints,IsolateOrigins,site-per-process", "--password-store=basic",
            "--use-mock-keychain", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1");

    private final Path profile;
    private final BrowserContext context;
    private final Page page;
    private final CdpClient cdp;
    private final int devtoolsPort;

    private ChromiumInstance(Path profile, BrowserContext context, Page page, CdpClient cdp, int devtoolsPort) {
        this.profile = profile;
        this.context = context;
        this.page = page;
        this.cdp = cdp;
        this.devtoolsPort = devtoolsPort;
    }

    /**
     * Launches Chromium; must run on the browser thread. Cleans up what it started if it fails.
     *
     * @param egressPort the egress proxy every request leaves through, loopback included ({@code <-loopback>}
     *                   undoes Chromium's built-in bypass of loopback destinations)
     */
    static ChromiumInstance launch(Playwright playwright, Path chromium, boolean headless, String display,
                                   Viewport viewport, EventLoopGroup cdpGroup, int egressPort) throws IOException {
        Path profile = Files.createTempDirectory("browserd-profile-");
        BrowserContext context = null;
        try {
            List<String> args = new ArrayList<>(QUIET_FLAGS);
            args.add("--proxy-server=http://127.0.0.1:" + egressPort);
            args.add("--proxy-bypass-list=<-loopback>");
            args.add("--window-position=0,0");
            args.add("--window-size=" + viewport.w() + "," + (viewport.h() + 120));
            BrowserType.LaunchPersistentContextOptions opts = new BrowserType.LaunchPersistentContextOptions()
                    .setExecutablePath(chromium).setHeadless(headless).setArgs(args)
                    .setViewportSize(viewport.w(), viewport.h())
                    .setDeviceScaleFactor(viewport.dpr())
                    .setServiceWorkers(ServiceWorkerPolicy.BLOCK)
                    .setHandleSIGINT(false).setHandleSIGTERM(false).setHandleSIGHUP(false);
            if (display != null) {
                opts.setEnv(Map.of("DISPLAY", display));
            }
            context = playwright.chromium().launchPersistentContext(profile, opts);
            Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
            CDPSession session = context.newCDPSession(page);
            String targetId = session.send("Target.getTargetInfo").getAsJsonObject("targetInfo").get("targetId").getAsString();
            session.detach();
            int port = Integer.parseInt(Files.readAllLines(profile.resolve("DevToolsActivePort")).get(0).trim());
            CdpClient cdp = CdpClient.connect(cdpGroup, URI.create("ws://127.0.0.1:" + port + "/devtools/page/" + targetId));
            return new ChromiumInstance(profile, context, page, cdp, port);
        } catch (RuntimeException | IOException e) {
            if (context != null) {
                closeQuietly(context);
            }
            deleteTree(profile);
            throw e instanceof IOException io ? io : new IOException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    public Page page() {
        return page;
    }

    public BrowserContext context() {
        return context;
    }

    public CdpClient cdp() {
        return cdp;
    }

    /** The port of Chromium's DevTools server, which the browser itself must never reach. */
    public int devtoolsPort() {
        return devtoolsPort;
    }

    /** Closes the browser; must run on the browser thread. Safe on a crashed browser. */
    @Override
    public void close() {
        cdp.close();
        closeQuietly(context);
        deleteTree(profile);
    }

    private static void closeQuietly(BrowserContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            log.debug("closing a browser context failed (it may have crashed): {}", e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir);
        }
    }
}
