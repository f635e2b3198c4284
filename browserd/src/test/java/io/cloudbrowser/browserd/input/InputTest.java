package io.cloudbrowser.browserd.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.protocol.BrowserdEnv;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.WsClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Input from a viewer's surface lands on what is drawn there, and keys edit like a local keyboard. */
class InputTest {
    /** A 4x3 grid of 320x240 CSS-pixel cells; a press names the cell and the exact client point in the title. */
    static final String GRID = "<body style='margin:0'><script>"
            + "for(let r=0;r<3;r++)for(let c=0;c<4;c++){const d=document.createElement('div');d.id='cell-'+r+'-'+c;"
            + "d.style.cssText=`position:absolute;left:${c*320}px;top:${r*240}px;width:320px;height:240px;background:hsl(${(r*4+c)*30},70%,50%)`;"
            + "d.onmousedown=e=>document.title=d.id+':'+e.clientX+','+e.clientY+':'+e.button;document.body.appendChild(d)}"
            + "</script></body>";
    static final String FORM = "<body><form onsubmit=\"document.title=a.value+'|'+b.value;return false\">"
            + "<input id=a autofocus><input id=b><input type=submit></form></body>";

    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages.page("/grid", GRID).page("/form", FORM)
                    .page("/links", "<body style='margin:0'><a id=l href='/grid' target=_blank"
                            + " style='display:block;width:300px;height:100px'>new tab</a></body>"))
            .daemon(TestDaemon::start);
    /** The same pages at device pixel ratio 2, stopped with the first daemon. */
    static TestDaemon hidpi;

    @BeforeAll
    static void startHidpi() throws Exception {
        hidpi = browserd.startAnother(Map.of(BrowserdEnv.VIEWPORT, "1280x720@2"));
    }

    @ParameterizedTest(name = "surface {0}x{1}")
    @CsvSource({"640,360", "1920,1080", "1280,720"})
    void aClickLandsOnTheElementDrawnAtThatSurfacePoint(int surfaceW, int surfaceH) {
        try (WsClient c = browserd.controller()) {
            clickCellAndCheck(c, surfaceW, surfaceH);
        }
    }

    @Test
    void aClickLandsExactlyAtDevicePixelRatioTwo() {
        try (WsClient c = hidpi.controller()) {
            assertEquals(2, c.event("ready").at("/data/viewport/dpr").asDouble());
            clickCellAndCheck(c, 640, 360);
            clickCellAndCheck(c, 2560, 1440);
        }
    }

    /** Presses at the centre of cell (1,2), whose CSS centre is (800, 360), in the given surface space. */
    private static void clickCellAndCheck(WsClient c, int surfaceW, int surfaceH) {
        c.call("navigate", obj().put("url", browserd.url("/grid")));
        double x = 800.0 * surfaceW / 1280;
        double y = 360.0 * surfaceH / 720;
        c.send(mouse("down", x, y, surfaceW, surfaceH));
        c.send(mouse("up", x, y, surfaceW, surfaceH));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> c.call("state", null).at("/result/title").asText(), t -> t.equals("cell-1-2:800,360:0"));
        double rx = 1279.0 * surfaceW / 1280;
        c.send(mouse("down", rx, 0, surfaceW, surfaceH).put("button", "right"));
        c.send(mouse("up", rx, 0, surfaceW, surfaceH).put("button", "right"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> c.call("state", null).at("/result/title").asText(), t -> t.equals("cell-0-3:1279,0:2"));
    }

    @Test
    void typingWithShiftBackspaceArrowsTabAndEnter() {
        try (WsClient c = browserd.controller()) {
            c.call("navigate", obj().put("url", browserd.url("/form")));
            c.call("click", obj().put("selector", "#a"));
            key(c, "a", "KeyA", 0);
            key(c, "b", "KeyB", 0);
            key(c, "Backspace", "Backspace", 0);
            c.send(keyMsg("down", "Shift", "ShiftLeft", 8));
            key(c, "C", "KeyC", 8);
            c.send(keyMsg("up", "Shift", "ShiftLeft", 0));
            key(c, "ArrowLeft", "ArrowLeft", 0);
            key(c, "x", "KeyX", 0);
            key(c, "Tab", "Tab", 0);
            c.send(obj().put("type", "input").put("device", "key").put("action", "char").put("text", "é"));
            key(c, "Enter", "Enter", 0);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.call("state", null).at("/result/title").asText(), t -> t.equals("axC|é"));
        }
    }

    @Test
    void wheelScrollsThePage() {
        try (WsClient c = browserd.controller()) {
            browserd.pages().page("/tall", "<body style='height:5000px' onscroll=''><script>onscroll=()=>document.title='y'+scrollY</script></body>");
            c.call("navigate", obj().put("url", browserd.url("/tall")));
            c.send(mouse("wheel", 100, 100, 1280, 720).put("deltaY", 400));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.call("state", null).at("/result/title").asText(), t -> t.equals("y400"));
        }
    }

    @Test
    void aLinkToANewWindowOpensInTheSessionsPage() {
        try (WsClient c = browserd.controller()) {
            c.call("navigate", obj().put("url", browserd.url("/links")));
            c.send(mouse("down", 50, 50, 1280, 720));
            c.send(mouse("up", 50, 50, 1280, 720));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.call("state", null).at("/result/url").asText(), u -> u.equals(browserd.url("/grid")));
        }
    }

    private static ObjectNode mouse(String action, double x, double y, int w, int h) {
        ObjectNode m = obj().put("type", "input").put("device", "mouse").put("action", action).put("x", x).put("y", y);
        m.putObject("surface").put("w", w).put("h", h);
        return m;
    }

    private static void key(WsClient c, String key, String code, int modifiers) {
        c.send(keyMsg("down", key, code, modifiers));
        c.send(keyMsg("up", key, code, modifiers));
    }

    private static ObjectNode keyMsg(String action, String key, String code, int modifiers) {
        return obj().put("type", "input").put("device", "key").put("action", action).put("key", key).put("code", code)
                .put("modifiers", modifiers);
    }
}
