package io.cloudbrowser.browserd.viewer;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.testing.DaemonAccess;
import io.cloudbrowser.testing.HeadlessChromium;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The person's own browser ({@link HeadlessChromium}: Playwright on the test thread, every wait polled in that
 * thread too) with browserd's viewer open. Knows where the viewer draws the remote page, so tests speak in the
 * remote page's CSS pixels.
 */
final class PersonBrowser implements AutoCloseable {
    /** browserd's default viewport, which the viewer letterboxes into its canvas. */
    static final double REMOTE_W = 1280;
    static final double REMOTE_H = 720;
    /**
     * Test instrumentation, run before the viewer's modules: keeps the viewer's sockets, the types of the messages
     * it sends, and every connection state the status bar shows (a state may last only half a second).
     */
    private static final String INSTRUMENT = """
            (() => {
              const Native = window.WebSocket;
              Object.assign(window, { __sockets: [], __sent: [], __states: [] });
              window.WebSocket = class extends Native {
                constructor(...args) { super(...args); window.__sockets.push(this); }
                send(data) {
                  try { window.__sent.push(JSON.parse(data).type); } catch { window.__sent.push('raw'); }
                  super.send(data);
                }
              };
              document.addEventListener('DOMContentLoaded', () => {
                const el = document.getElementById('conn-state');
                const record = () => window.__states.push(el.dataset.state + ':' + el.textContent);
                new MutationObserver(record).observe(el, { attributes: true, childList: true, subtree: true });
              });
            })();
            """;
    private static final String COLOR_AT = """
            ([x, y]) => {
              const c = document.getElementById('screen');
              const box = c.getBoundingClientRect();
              const px = Math.floor((x - box.left) * c.width / box.width);
              const py = Math.floor((y - box.top) * c.height / box.height);
              return Array.from(c.getContext('2d').getImageData(px, py, 1, 1).data.slice(0, 3));
            }""";

    private static final String DARK_IN = """
            ([x0, y0, x1, y1]) => {
              const c = document.getElementById('screen');
              const box = c.getBoundingClientRect();
              const sx = c.width / box.width, sy = c.height / box.height;
              const left = Math.floor((x0 - box.left) * sx), top = Math.floor((y0 - box.top) * sy);
              const w = Math.ceil((x1 - x0) * sx), h = Math.ceil((y1 - y0) * sy);
              const d = c.getContext('2d').getImageData(left, top, w, h).data;
              for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 120) return true;
              return false;
            }""";

    private final HeadlessChromium chromium;
    private BrowserContext context;
    private Page page;

    private PersonBrowser(HeadlessChromium chromium) {
        this.chromium = chromium;
    }

    static PersonBrowser launch() {
        return new PersonBrowser(HeadlessChromium.launch());
    }

    /** Opens browserd's own viewer with a fresh token of that role, in a window of that size, and waits for live. */
    Page openViewer(DaemonAccess daemon, Role role, int width, int height, double deviceScaleFactor) {
        context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setDeviceScaleFactor(deviceScaleFactor));
        page = context.newPage();
        page.addInitScript(INSTRUMENT);
        String ws = URLEncoder.encode(daemon.wsUrl(), StandardCharsets.UTF_8);
        page.navigate(daemon.httpUrl("/viewer.html#ws=" + ws + "&token=" + daemon.token(role)));
        until("the viewer is live", () -> "live".equals(page.getAttribute("#conn-state", "data-state")));
        return page;
    }

    void closeViewer() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /**
     * The viewer-page point (CSS px) where the remote page point (x, y) is drawn: the canvas letterboxes the remote
     * viewport (largest rectangle of its aspect, whole CSS pixels, centred; web-client/README.md).
     */
    double[] viewerPoint(double x, double y) {
        List<?> box = (List<?>) page.evaluate("() => { const r = document.getElementById('screen')"
                + ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }");
        double left = num(box.get(0));
        double top = num(box.get(1));
        double w = num(box.get(2));
        double h = num(box.get(3));
        double scale = Math.min(w / REMOTE_W, h / REMOTE_H);
        double imageW = Math.round(REMOTE_W * scale);
        double imageH = Math.round(REMOTE_H * scale);
        double imageX = left + Math.floor((w - imageW) / 2);
        double imageY = top + Math.floor((h - imageH) / 2);
        return new double[] {imageX + (x + 0.5) * imageW / REMOTE_W, imageY + (y + 0.5) * imageH / REMOTE_H};
    }

    void clickPagePoint(double x, double y) {
        double[] p = viewerPoint(x, y);
        page.mouse().click(p[0], p[1]);
    }

    /** The colour the canvas shows where the remote page point (x, y) is drawn. */
    Rgb colorAt(double x, double y) {
        double[] p = viewerPoint(x, y);
        List<?> rgb = (List<?>) page.evaluate(COLOR_AT, List.of(p[0], p[1]));
        return new Rgb((int) num(rgb.get(0)), (int) num(rgb.get(1)), (int) num(rgb.get(2)));
    }

    /** Whether some pixel drawn for this remote page rectangle is dark (text, on a light page). */
    boolean hasDarkPixel(double x, double y, double w, double h) {
        double[] from = viewerPoint(x, y);
        double[] to = viewerPoint(x + w, y + h);
        return (Boolean) page.evaluate(DARK_IN, List.of(from[0], from[1], to[0], to[1]));
    }

    /** Types of every message the viewer has sent ("raw" for non-JSON). */
    List<String> sentTypes() {
        return ((List<?>) page.evaluate("() => window.__sent")).stream().map(String::valueOf).toList();
    }

    /** Every "state:text" the status bar showed since the page loaded. */
    List<String> states() {
        return ((List<?>) page.evaluate("() => window.__states")).stream().map(String::valueOf).toList();
    }

    int socketCount() {
        return (int) num(page.evaluate("() => window.__sockets.length"));
    }

    /** Sends a message over browserd's 64 KiB limit on the viewer's socket, so that browserd closes it (1009). */
    void overflowSocket() {
        page.evaluate("() => window.__sockets.at(-1).send('x'.repeat(70000))");
    }

    /** Awaitility, polled in the calling thread: Playwright must not be called from Awaitility's own thread. */
    static void until(String what, Callable<Boolean> condition) {
        HeadlessChromium.until(what, Duration.ofSeconds(15), condition);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Override
    public void close() {
        closeViewer();
        chromium.close();
    }

    record Rgb(int r, int g, int b) {
        /** JPEG shifts colours a little; 40 per channel still tells red, green, blue and text apart. */
        boolean near(int er, int eg, int eb) {
            return Math.abs(r - er) <= 40 && Math.abs(g - eg) <= 40 && Math.abs(b - eb) <= 40;
        }
    }
}
