package io.cloudbrowser.browserd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Playwright;
import io.cloudbrowser.browserd.cdp.CdpClient;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.egress.EgressProxy;
import io.cloudbrowser.browserd.input.InputMapper;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.screencast.Screencast;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.Viewport;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the browser: Playwright on its one {@link BrowserThread}, the launched {@link ChromiumInstance}, and its
 * recovery after a crash. Commands run on the browser thread; input goes straight to the raw CDP connection
 * from the caller's thread, so it never waits behind a long command.
 */
public final class BrowserHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrowserHost.class);
    private static final int MAX_RESTARTS = 3;
    private static final long RESTART_WINDOW_MS = 5 * 60_000;

    /** What the session hears from the browser. Called from browser or CDP threads. */
    public interface Listener {
        void onBrowserEvent(String name, JsonNode data);

        void onCrashed(String message);

        void onRecovered();

        void onUnrecoverable(String message);
    }

    public enum State { STARTING, RUNNING, RESTARTING, STOPPED }

    private final BrowserdConfig config;
    private final String display;
    private final EventLoopGroup cdpGroup;
    private final Screencast screencast;
    private final Listener listener;
    private final BrowserThread thread = new BrowserThread();
    private final CommandRunner runner;
    private final PageEvents pageEvents;
    private final EgressProxy egress;
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();
    private Playwright playwright;
    private volatile ChromiumInstance instance;
    private volatile Viewport viewport;
    private volatile State state = State.STARTING;

    public BrowserHost(BrowserdConfig config, String display, EventLoopGroup cdpGroup, Screencast screencast,
                       Listener listener) {
        this.config = config;
        this.display = display;
        this.cdpGroup = cdpGroup;
        this.screencast = screencast;
        this.listener = listener;
        this.viewport = config.viewport();
        this.runner = new CommandRunner(config.urlPolicy(), config.allowEvaluate(), this::viewportChanged);
        this.pageEvents = new PageEvents(config.urlPolicy(), listener::onBrowserEvent);
        this.egress = new EgressProxy(config.urlPolicy(), cdpGroup);
    }

    /** Starts the egress proxy, creates Playwright and launches Chromium; blocks until the browser is up. */
    public void start() throws IOException {
        egress.start();
        try {
            thread.submit(() -> {
                playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                launch();
                return null;
            }).get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the browser", e);
        } catch (TimeoutException e) {
            throw new IOException("the browser did not start within 90 s", e);
        }
        thread.setIdlePump(this::pump);
    }

    private void launch() throws IOException {
        ChromiumInstance next = ChromiumInstance.launch(playwright, config.chromiumPath(), config.headless(), display,
                viewport, cdpGroup, egress.port());
        config.urlPolicy().reservedPorts().reserve("Chromium DevTools", next.devtoolsPort());
        CdpClient cdp = next.cdp();
        cdp.on("Inspector.targetCrashed", p -> onCrash(next, "the page's renderer crashed"));
        cdp.closeFuture().thenRun(() -> onCrash(next, "the browser process exited"));
        pageEvents.attach(cdp);
        screencast.attach(cdp);
        keepOneTab(next);
        instance = next;
        state = State.RUNNING;
        log.info("Chromium running ({}x{}@{}, {})", viewport.w(), viewport.h(), viewport.dpr(),
                config.headless() ? "headless" : "headful on " + display);
    }

    /**
     * A session shows one page. A new window (window.open, target=_blank) is closed and its URL opened in the
     * session's page instead, through the same URL policy as {@code navigate}, so viewers see where it went.
     */
    private void keepOneTab(ChromiumInstance next) {
        next.cdp().on("Page.windowOpen", p -> {
            String url = p.path("url").asText("");
            if (url.startsWith("http:") || url.startsWith("https:")) {
                navigateQuietly(url);
            }
        });
        next.context().onPage(popup -> {
            if (popup != next.page()) {
                popup.close();
            }
        });
    }

    /** Chromium need not send a frame after a resize of a still page; viewers need one at the new size. */
    private void viewportChanged(Viewport v) {
        viewport = v;
        screencast.restart();
    }

    /** Runs a command on the browser thread; results complete in submission order. */
    public CompletableFuture<JsonNode> command(String method, ObjectNode params) {
        return thread.submit(() -> {
            ChromiumInstance current = instance;
            if (state != State.RUNNING || current == null) {
                throw new ProtocolException(ErrorCode.BROWSER_CRASHED,
                        "the browser is restarting; retry the command");
            }
            return runner.run(current, viewport, method, params);
        });
    }

    /** Navigates to a start URL after launch or a claim; failures are logged, not fatal. */
    public void navigateQuietly(String url) {
        command("navigate", Outbound.object().put("url", url))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        log.warn("start url not loaded: {}", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                    }
                });
    }

    public void mouse(Inbound.Mouse m) {
        ChromiumInstance current = instance;
        if (current != null && state == State.RUNNING) {
            Viewport v = viewport;
            current.cdp().send("Input.dispatchMouseEvent", InputMapper.mouse(m, v.w(), v.h()));
        }
    }

    public void key(Inbound.Key k) {
        ChromiumInstance current = instance;
        if (current != null && state == State.RUNNING) {
            current.cdp().send("Input.dispatchKeyEvent", InputMapper.key(k));
        }
    }

    public Viewport viewport() {
        return viewport;
    }

    public State state() {
        return state;
    }

    private void pump() {
        ChromiumInstance current = instance;
        if (current != null && state == State.RUNNING) {
            try {
                current.page().waitForTimeout(1);
            } catch (RuntimeException e) {
                log.debug("idle pump: {}", e.getMessage());
            }
        }
    }

    private void onCrash(ChromiumInstance crashed, String message) {
        synchronized (this) {
            if (instance != crashed || state != State.RUNNING) {
                return;
            }
            state = State.RESTARTING;
        }
        log.warn("browser crashed: {}", message);
        listener.onCrashed(message);
        thread.execute(() -> recover(crashed));
    }

    private void recover(ChromiumInstance crashed) {
        crashed.close();
        long now = System.currentTimeMillis();
        while (!restarts.isEmpty() && restarts.peekFirst() < now - RESTART_WINDOW_MS) {
            restarts.removeFirst();
        }
        if (restarts.size() >= MAX_RESTARTS) {
            giveUp("the browser crashed " + MAX_RESTARTS + " times in 5 minutes");
            return;
        }
        restarts.addLast(now);
        try {
            launch();
            listener.onRecovered();
        } catch (IOException | RuntimeException e) {
            giveUp("the browser could not be restarted: " + e.getMessage());
        }
    }

    private void giveUp(String message) {
        state = State.STOPPED;
        instance = null;
        log.error("{}", message);
        listener.onUnrecoverable(message);
    }

    /** Closes the browser and Playwright; idempotent. */
    @Override
    public void close() {
        if (thread.isCurrent()) {
            throw new IllegalStateException("close() from the browser thread");
        }
        try {
            thread.submit(() -> {
                state = State.STOPPED;
                ChromiumInstance current = instance;
                instance = null;
                if (current != null) {
                    current.close();
                }
                if (playwright != null) {
                    playwright.close();
                    playwright = null;
                }
                return null;
            }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("closing the browser: {}", e.getMessage());
        }
        thread.close();
        pageEvents.close();
        egress.close();
    }
}
