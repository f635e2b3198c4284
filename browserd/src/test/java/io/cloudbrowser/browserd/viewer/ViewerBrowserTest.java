package io.cloudbrowser.browserd.viewer;

import static io.cloudbrowser.testing.WsClient.obj;
import static io.cloudbrowser.browserd.viewer.PersonBrowser.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.TestPages;
import io.cloudbrowser.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The viewer (web-client's viewer.html, served by browserd itself) in a real browser, against a real browserd:
 * frames, clicks at several window sizes and pixel ratios, typing, the URL bar, takeover from a script, view-only
 * links and reconnecting. The person's browser is {@link PersonBrowser}; the agent is a {@link WsClient} script.
 */
class ViewerBrowserTest {
    /** A 4x3 grid of 320x240 cells; a press names the cell and the page point in the title. */
    static final String GRID = "<body style='margin:0'><script>"
            + "for(let r=0;r<3;r++)for(let c=0;c<4;c++){const d=document.createElement('div');"
            + "d.style.cssText=`position:absolute;left:${c*320}px;top:${r*240}px;width:320px;height:240px;"
            + "background:hsl(${(r*4+c)*30},70%,50%)`;"
            + "d.onmousedown=e=>document.title='cell-'+r+'-'+c+':'+e.clientX+','+e.clientY;document.body.appendChild(d)}"
            + "</script></body>";
    static final String FORM = "<body style='margin:0;font:32px sans-serif;background:#f4f6fb'>"
            + "<h1 style='margin:24px 40px'>A page inside cloudbrowser</h1>"
            + "<form onsubmit=\"document.title='sent:'+q.value;out.textContent='You typed: '+q.value;return false\">"
            + "<input id=q aria-label=query style='position:absolute;left:40px;top:120px;width:1200px;height:80px;font-size:40px'>"
            + "</form><p id=out style='position:absolute;left:40px;top:240px'></p></body>";
    /** A page-sized link: a click anywhere on it navigates to {@code target}. */
    static String link(String target, String color) {
        return "<body style='margin:0'><a href='" + target + "' style='display:block;width:1280px;height:720px;background:"
                + color + "'>go</a></body>";
    }

    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages.page("/grid", GRID).page("/form", FORM)
                    .page("/red", TestPages.solid("rgb(220,20,20)")).page("/green", TestPages.solid("rgb(20,200,20)"))
                    .page("/blue", TestPages.solid("rgb(20,20,220)")).page("/agent", link("/taken", "rgb(20,20,220)"))
                    .page("/taken", TestPages.solid("rgb(20,200,20)")))
            .daemon(TestDaemon::start);
    static WsClient script;
    static PersonBrowser person;

    @BeforeAll
    static void start() {
        script = browserd.controller();
        person = PersonBrowser.launch();
    }

    @AfterEach
    void closeViewer() {
        person.closeViewer();
    }

    @AfterAll
    static void stop() {
        if (person != null) {
            person.close();
        }
        script.close();
    }

    @Test
    void framesAppearOnTheCanvasAndFollowThePage() {
        Page page = person.openViewer(browserd, Role.CONTROLLER, 1280, 800, 1);
        navigate("/red");
        until("red on the canvas", () -> person.colorAt(640, 360).near(220, 20, 20));
        navigate("/green");
        until("green on the canvas", () -> person.colorAt(640, 360).near(20, 200, 20));
        until("fps in the status bar", () -> !page.textContent("#fps").equals("0 fps"));
        assertTrue(page.isHidden("#overlay"), "the 'Connecting...' overlay is gone once frames flow");
    }

    @ParameterizedTest(name = "window {0}x{1} at device scale factor {2}")
    @CsvSource({"1000,700,1", "1600,800,1", "1100,760,2"})
    void aClickLandsOnTheRemoteElementDrawnThere(int width, int height, int scale) {
        Page page = person.openViewer(browserd, Role.CONTROLLER, width, height, scale);
        navigate("/grid");
        until("the grid drawn", () -> person.colorAt(800, 360).near(38, 217, 217)); // hsl(180, 70%, 50%)
        assertEquals(scale, ((Number) page.evaluate("() => document.getElementById('screen').width / "
                + "document.getElementById('screen').getBoundingClientRect().width")).doubleValue(), 0.01,
                "the canvas backing store has device pixels, so frames stay crisp");
        clickAndExpect(800, 360, "cell-1-2");
        clickAndExpect(100, 650, "cell-2-0");
        clickAndExpect(1270, 10, "cell-0-3");
    }

    /** Clicks the page point (x, y) through the viewer; the remote press must land within 3 CSS px of it. */
    private static void clickAndExpect(int x, int y, String cell) {
        person.clickPagePoint(x, y);
        until(cell + " pressed near " + x + "," + y, () -> {
            String title = title();
            if (!title.startsWith(cell + ":")) {
                return false;
            }
            String[] xy = title.substring(cell.length() + 1).split(",");
            return Math.abs(Integer.parseInt(xy[0]) - x) <= 3 && Math.abs(Integer.parseInt(xy[1]) - y) <= 3;
        });
    }

    @Test
    void typingReachesARemoteInputWithBackspaceAndEnter() {
        Page page = person.openViewer(browserd, Role.CONTROLLER, 1280, 800, 1);
        navigate("/form");
        until("the form drawn", () -> person.colorAt(640, 300).near(0xf4, 0xf6, 0xfb));
        person.clickPagePoint(640, 160);
        page.keyboard().type("abx");
        page.keyboard().press("Backspace");
        page.keyboard().type("c");
        page.keyboard().press("Enter");
        until("the form submitted", () -> title().equals("sent:abc"));
        until("the result drawn", () -> person.hasDarkPixel(40, 250, 400, 50));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "viewer.png")));
    }

    @Test
    void theUrlBarNavigates() {
        Page page = person.openViewer(browserd, Role.CONTROLLER, 1280, 800, 1);
        navigate("/red");
        until("the URL bar shows the page", () -> page.inputValue("#url").equals(browserd.url("/red")));
        page.fill("#url", browserd.url("/blue"));
        page.press("#url", "Enter");
        until("the remote page followed", () -> state().path("url").asText().equals(browserd.url("/blue")));
        until("blue on the canvas", () -> person.colorAt(640, 360).near(20, 20, 220));
    }

    @Test
    void takeControlStopsTheScriptAndHandBackLetsItContinue() {
        Page page = person.openViewer(browserd, Role.CONTROLLER, 1280, 800, 1);
        navigate("/agent");
        until("the viewer watches the script's page", () -> person.colorAt(640, 360).near(20, 20, 220)
                && page.inputValue("#url").equals(browserd.url("/agent")));
        page.click("#take");
        until("the banner says you", () -> "you".equals(page.getAttribute("#control-banner", "data-control")));
        JsonNode refused = script.call("navigate", obj().put("url", browserd.url("/red")));
        assertEquals("control_held", refused.at("/error/code").asText(), refused.toString());

        person.clickPagePoint(640, 360);
        script.await(m -> "navigated".equals(m.path("name").asText())
                && m.at("/data/url").asText().equals(browserd.url("/taken")), Duration.ofSeconds(15));

        page.click("#release");
        until("the banner says nobody", () -> "nobody".equals(page.getAttribute("#control-banner", "data-control")));
        JsonNode ok = script.call("navigate", obj().put("url", browserd.url("/red")));
        assertTrue(ok.path("ok").asBoolean(), ok.toString());
        until("red on the canvas", () -> person.colorAt(640, 360).near(220, 20, 20));
    }

    @Test
    void theCommandBarRunsCommandsByRefAndAHandoffShowsProminently() {
        Page page = person.openViewer(browserd, Role.CONTROLLER, 1280, 900, 1);
        navigate("/form");
        page.click("#dev summary");
        page.click("#dev-refresh");
        until("the snapshot with refs", () -> page.textContent("#dev-snapshot").contains("textbox \"query\" [ref="));
        java.util.regex.Matcher ref = java.util.regex.Pattern.compile("textbox \"query\" \\[ref=(e\\d+)]")
                .matcher(page.textContent("#dev-snapshot"));
        assertTrue(ref.find());
        runInBar(page, "fill", "{\"ref\":\"" + ref.group(1) + "\",\"text\":\"from the bar\"}");
        until("its result", () -> page.textContent("#dev-result").startsWith("fill: ok"));
        assertTrue(script.call("press", obj().put("selector", "#q").put("key", "Enter")).path("ok").asBoolean());
        assertEquals("sent:from the bar", title(), "the bar's fill reached the remote input");
        runInBar(page, "click", "{\"ref\":\"e999999\"}");
        until("the error code shown", () -> page.textContent("#dev-result").startsWith("click: stale_ref"));
        runInBar(page, "click", "{not json");
        until("bad params explained", () -> page.textContent("#dev-result").startsWith("params are not JSON"));

        assertTrue(page.isHidden("#handoff-banner"));
        String asked = script.command("handoff", obj().put("reason", "solve the captcha").put("timeoutMs", 60_000));
        until("the request shown", () -> page.isVisible("#handoff-banner")
                && page.textContent("#handoff-text").endsWith("asks for a person: solve the captcha"));
        page.click("#handoff-take");
        until("the banner says you", () -> "you".equals(page.getAttribute("#control-banner", "data-control")));
        assertTrue(page.isHidden("#handoff-take"), "taken: the request is being answered");
        page.click("#release");
        JsonNode back = script.result(asked);
        assertTrue(back.at("/result/handedBack").asBoolean(), back.toString());
        until("the request gone", () -> page.isHidden("#handoff-banner"));
    }

    private static void runInBar(Page page, String method, String params) {
        page.fill("#dev-method", method);
        page.fill("#dev-params", params);
        page.click("#dev-form button[type=submit]");
    }

    @Test
    void aViewOnlyLinkShowsNoControlsAndCannotClickOrType() {
        Page page = person.openViewer(browserd, Role.VIEWER, 1280, 800, 1);
        navigate("/agent");
        until("frames for the viewer", () -> person.colorAt(640, 360).near(20, 20, 220));
        assertEquals("viewonly", page.getAttribute("#control-banner", "data-control"));
        for (String control : List.of("#toolbar", "#take", "#release", "#screen-help", "#dev")) {
            assertTrue(page.isHidden(control), control + " is hidden on a view-only page");
        }
        person.clickPagePoint(640, 360);
        page.keyboard().type("x");
        page.keyboard().press("Enter");
        assertEquals(List.of(), person.sentTypes().stream().filter(t -> !t.equals("stream") && !t.equals("ping")).toList());
        assertEquals(browserd.url("/agent"), state().path("url").asText(), "the click did not follow the link");
        assertTrue(page.isHidden("#notice"), "a view-only page has nothing to explain");
    }

    @Test
    void aDroppedSocketShowsReconnectingThenLiveFramesAgain() {
        Page page = person.openViewer(browserd, Role.CONTROLLER, 1280, 800, 1);
        navigate("/red");
        until("red on the canvas", () -> person.colorAt(640, 360).near(220, 20, 20));
        person.overflowSocket(); // browserd closes a connection that sends an oversized message with 1009
        until("'reconnecting' shown", () -> person.states().stream().anyMatch(s -> s.startsWith("reconnecting:Connection lost")));
        until("live again", () -> "live".equals(page.getAttribute("#conn-state", "data-state")));
        assertEquals(2, person.socketCount(), "a new socket, same page");
        navigate("/green");
        until("live frames again", () -> person.colorAt(640, 360).near(20, 200, 20));
    }

    private static void navigate(String path) {
        JsonNode r = script.call("navigate", obj().put("url", browserd.url(path)));
        assertTrue(r.path("ok").asBoolean(), r.toString());
    }

    private static JsonNode state() {
        return script.call("state", null).path("result");
    }

    private static String title() {
        return state().path("title").asText();
    }
}
