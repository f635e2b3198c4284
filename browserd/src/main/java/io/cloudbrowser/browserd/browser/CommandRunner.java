package io.cloudbrowser.browserd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.ScreenshotType;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import io.cloudbrowser.browserd.cdp.CdpClient;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one command (PROTOCOL.md section 6) against the page, on the browser thread, and maps Playwright's
 * failures to the protocol's error codes.
 */
final class CommandRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_TIMEOUT_MS = 30_000;
    private static final int MAX_TIMEOUT_MS = 300_000;
    private static final Set<String> WAIT_UNTIL = Set.of("load", "domcontentloaded", "networkidle", "commit");
    private static final int REF_FIRST_TRY_MS = 1000;
    private static final Set<String> STATES = Set.of("attached", "detached", "visible", "hidden");

    private final UrlPolicy urlPolicy;
    private final boolean allowEvaluate;
    private final Consumer<Viewport> viewportChanged;
    private final PageRefs refs = new PageRefs();

    CommandRunner(UrlPolicy urlPolicy, boolean allowEvaluate, Consumer<Viewport> viewportChanged) {
        this.urlPolicy = urlPolicy;
        this.allowEvaluate = allowEvaluate;
        this.viewportChanged = viewportChanged;
    }

    JsonNode run(ChromiumInstance browser, Viewport viewport, String method, ObjectNode rawParams) throws ProtocolException {
        Params p = new Params(rawParams);
        Page page = browser.page();
        Target target = new Target(browser);
        try {
            return switch (method) {
                case "navigate" -> navigate(page, p);
                case "reload" -> navigated(page.reload(new Page.ReloadOptions().setTimeout(timeout(p)).setWaitUntil(waitUntil(p))), page);
                case "goBack" -> navigated(page.goBack(new Page.GoBackOptions().setTimeout(timeout(p)).setWaitUntil(waitUntil(p))), page);
                case "goForward" -> navigated(page.goForward(new Page.GoForwardOptions().setTimeout(timeout(p)).setWaitUntil(waitUntil(p))), page);
                case "click" -> act(target, p, (l, t) -> l.click(new Locator.ClickOptions().setTimeout(t)));
                case "dblclick" -> act(target, p, (l, t) -> l.dblclick(new Locator.DblclickOptions().setTimeout(t)));
                case "hover" -> act(target, p, (l, t) -> l.hover(new Locator.HoverOptions().setTimeout(t)));
                case "type" -> type(target, p);
                case "fill" -> fill(target, p);
                case "press" -> press(target, p);
                case "snapshot" -> snapshot(browser, p);
                case "waitForSelector" -> waitForSelector(page, p);
                case "setViewport" -> setViewport(page, viewport, p);
                case "evaluate" -> evaluate(page, p);
                case "screenshot" -> screenshot(browser, p);
                case "state" -> state(page, viewport);
                default -> throw new ProtocolException(ErrorCode.UNKNOWN_METHOD, "unknown method '" + clip(method) + "'");
            };
        } catch (TimeoutError e) {
            throw new ProtocolException(ErrorCode.TIMEOUT, firstLine(e));
        } catch (PlaywrightException e) {
            throw mapFailure(e);
        }
    }

    private JsonNode navigate(Page page, Params p) throws ProtocolException {
        String url = p.string("url");
        UrlPolicy.Decision d = urlPolicy.check(url);
        if (!d.allowed()) {
            throw new ProtocolException(ErrorCode.URL_BLOCKED, "url refused: " + d.reason());
        }
        Response r = page.navigate(url, new Page.NavigateOptions().setTimeout(timeout(p)).setWaitUntil(waitUntil(p)));
        return navigated(r, page);
    }

    /** An action on one element, within {@code timeoutMs}. */
    private interface LocatorAction {
        void apply(Locator l, double timeoutMs) throws ProtocolException;
    }

    /** The element an action targets: {@code selector} (first match) or {@code ref} from the latest snapshot. */
    private final class Target {
        private final ChromiumInstance browser;

        Target(ChromiumInstance browser) {
            this.browser = browser;
        }

        /** True when the params name an element (press without one goes to the focused element). */
        boolean named(Params p) throws ProtocolException {
            boolean selector = p.optString("selector") != null;
            boolean ref = p.optString("ref") != null;
            if (selector && ref) {
                throw Params.invalid("ref", "either selector or ref, not both");
            }
            return selector || ref;
        }

        /**
         * By ref, the element first gets at most {@value #REF_FIRST_TRY_MS} ms to be attached: a ref whose element left
         * the page makes Playwright wait for it to come back, so a wait that times out asks whether it is gone
         * ({@code stale_ref}) before the rest of the timeout is spent. The action itself runs once, with what is left of
         * the timeout: typing is not repeatable (a retried action typed its text twice on a loaded machine).
         */
        void act(Params p, LocatorAction action) throws ProtocolException {
            String ref = p.optString("ref");
            Page page = browser.page();
            double timeout = timeout(p);
            if (ref == null) {
                String selector = p.string("selector");
                try {
                    action.apply(page.locator(selector).first(), timeout);
                } catch (TimeoutError e) {
                    throw notFoundOrTimeout(page, selector, e);
                }
                return;
            }
            long started = System.nanoTime();
            Locator l = refs.resolve(browser.cdp(), ref, page);
            double first = Math.min(timeout, REF_FIRST_TRY_MS);
            try {
                l.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(first));
            } catch (TimeoutError e) {
                if (refs.gone(page, ref)) {
                    throw PageRefs.stale(ref, "its element is no longer in the page");
                }
                if (timeout <= first) {
                    throw new ProtocolException(ErrorCode.TIMEOUT, firstLine(e));
                }
            }
            double left = Math.max(1, timeout - (System.nanoTime() - started) / 1e6);
            try {
                action.apply(l, left);
            } catch (TimeoutError e) {
                throw refs.gone(page, ref) ? PageRefs.stale(ref, "its element left the page while waiting")
                        : new ProtocolException(ErrorCode.TIMEOUT, firstLine(e));
            }
        }
    }

    private JsonNode act(Target target, Params p, LocatorAction action) throws ProtocolException {
        if (!target.named(p)) {
            throw Params.invalid("selector", "a non-empty string (or params.ref)");
        }
        target.act(p, action);
        return JSON.createObjectNode();
    }

    private JsonNode type(Target target, Params p) throws ProtocolException {
        String text = p.text("text");
        int delay = p.optInt("delayMs", 0, 0, 1000);
        return act(target, p, (l, t) -> l.pressSequentially(text, new Locator.PressSequentiallyOptions().setDelay(delay).setTimeout(t)));
    }

    private JsonNode fill(Target target, Params p) throws ProtocolException {
        String text = p.text("text");
        return act(target, p, (l, t) -> l.fill(text, new Locator.FillOptions().setTimeout(t)));
    }

    private JsonNode press(Target target, Params p) throws ProtocolException {
        String key = p.string("key");
        if (!target.named(p)) {
            target.browser.page().keyboard().press(key);
            return JSON.createObjectNode();
        }
        return act(target, p, (l, t) -> l.press(key, new Locator.PressOptions().setTimeout(t)));
    }

    private JsonNode snapshot(ChromiumInstance browser, Params p) throws ProtocolException {
        Page page = browser.page();
        String text = refs.snapshot(page, browser.cdp(), timeout(p));
        return JSON.createObjectNode().put("url", page.url()).put("title", page.title()).put("refs", refs.size())
                .put("snapshot", text);
    }

    private JsonNode waitForSelector(Page page, Params p) throws ProtocolException {
        String selector = p.string("selector");
        String state = p.oneOf("state", STATES, "visible");
        page.locator(selector).first().waitFor(new Locator.WaitForOptions().setTimeout(timeout(p))
                .setState(WaitForSelectorState.valueOf(state.toUpperCase(Locale.ROOT))));
        return JSON.createObjectNode().put("state", state);
    }

    private JsonNode setViewport(Page page, Viewport current, Params p) throws ProtocolException {
        int w = p.integer("width", Viewport.MIN_SIDE, Viewport.MAX_WIDTH);
        int h = p.integer("height", Viewport.MIN_SIDE, Viewport.MAX_HEIGHT);
        page.setViewportSize(w, h);
        viewportChanged.accept(current.withSize(w, h));
        return JSON.createObjectNode().put("width", w).put("height", h);
    }

    private JsonNode evaluate(Page page, Params p) throws ProtocolException {
        if (!allowEvaluate) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "evaluate is disabled on this daemon (BROWSERD_ALLOW_EVALUATE)");
        }
        Object value = page.evaluate(p.string("expression"));
        return JSON.createObjectNode().set("value", JSON.valueToTree(value));
    }

    /**
     * The viewport straight from CDP, whose base64 passes through untouched (Playwright would decode it, and we
     * would encode it again); a full page through Playwright, which measures and stitches it.
     */
    private JsonNode screenshot(ChromiumInstance browser, Params p) throws ProtocolException {
        String format = p.oneOf("format", Set.of("png", "jpeg"), "png");
        boolean fullPage = p.optBool("fullPage", false);
        int quality = format.equals("jpeg") ? p.optInt("quality", 80, 1, 100) : -1;
        if (quality == -1 && p.optInt("quality", -1, 1, 100) != -1) {
            throw Params.invalid("quality", "no quality with format png");
        }
        ObjectNode result = JSON.createObjectNode().put("format", format);
        if (fullPage) {
            Page.ScreenshotOptions opts = new Page.ScreenshotOptions().setFullPage(true)
                    .setType(format.equals("png") ? ScreenshotType.PNG : ScreenshotType.JPEG);
            if (quality != -1) {
                opts.setQuality(quality);
            }
            return result.put("data", Base64.getEncoder().encodeToString(browser.page().screenshot(opts)));
        }
        ObjectNode params = CdpClient.params().put("format", format);
        if (quality != -1) {
            params.put("quality", quality);
        }
        try {
            JsonNode shot = browser.cdp().send("Page.captureScreenshot", params).get((long) timeout(p), TimeUnit.MILLISECONDS);
            return result.put("data", shot.path("data").asText());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ProtocolException(ErrorCode.TIMEOUT, "the screenshot took longer than " + (long) timeout(p) + " ms");
        } catch (ExecutionException e) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "screenshot failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "interrupted");
        }
    }

    private JsonNode state(Page page, Viewport viewport) {
        ObjectNode n = JSON.createObjectNode().put("url", page.url()).put("title", page.title());
        n.putObject("viewport").put("w", viewport.w()).put("h", viewport.h()).put("dpr", viewport.dpr());
        return n;
    }

    /** The page's URL after a navigation, and the HTTP status when there was a response (none for same-document). */
    private static ObjectNode navigated(Response r, Page page) {
        ObjectNode result = JSON.createObjectNode().put("url", page.url());
        if (r != null) {
            result.put("status", r.status());
        }
        return result;
    }

    private static double timeout(Params p) throws ProtocolException {
        return p.optInt("timeoutMs", DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
    }

    private static WaitUntilState waitUntil(Params p) throws ProtocolException {
        return WaitUntilState.valueOf(p.oneOf("waitUntil", WAIT_UNTIL, "load").toUpperCase(Locale.ROOT));
    }

    /** A selector that matches nothing is {@code not_found}; one that matches but never became ready is a timeout. */
    private static ProtocolException notFoundOrTimeout(Page page, String selector, TimeoutError e) {
        try {
            if (page.locator(selector).count() == 0) {
                return new ProtocolException(ErrorCode.NOT_FOUND, "no element matches selector " + clip(selector));
            }
        } catch (PlaywrightException ignored) {
            // fall through to the timeout
        }
        return new ProtocolException(ErrorCode.TIMEOUT, firstLine(e));
    }

    private static ProtocolException mapFailure(PlaywrightException e) {
        String m = firstLine(e);
        if (m.contains("ERR_BLOCKED_BY_CLIENT")) {
            return new ProtocolException(ErrorCode.URL_BLOCKED, "the browser refused a request by the URL policy: " + m);
        }
        if (m.contains("net::ERR_") || m.contains("NS_ERROR")) {
            return new ProtocolException(ErrorCode.NAVIGATION_FAILED, m);
        }
        if (m.contains("Unexpected token") || m.contains("is not a valid selector") || m.contains("Unknown engine")
                || m.contains("Unknown key") || m.contains("Unsupported token")) {
            return new ProtocolException(ErrorCode.INVALID_PARAMS, m);
        }
        if (m.contains("Target crashed") || m.contains("has been closed")) {
            return new ProtocolException(ErrorCode.BROWSER_CRASHED, m);
        }
        return new ProtocolException(ErrorCode.COMMAND_FAILED, m);
    }

    /**
     * The driver's own message, first line only. Playwright for Java wraps driver errors as
     * {@code Error {\n  message='...'\n  name=...\n  stack=...}}, so the useful text is inside.
     */
    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int start = m.indexOf("message='");
        if (start >= 0) {
            m = m.substring(start + "message='".length());
        }
        int nl = m.indexOf('\n');
        return clip(nl < 0 ? m : m.substring(0, nl), 300);
    }

    private static String clip(String s) {
        return clip(s, 80);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
