package io.cloudbrowser.browserd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.WsClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.cloudbrowser.testing.WsClient.obj;
import static io.cloudbrowser.testing.SnapshotRefs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code snapshot} and actions by ref against real pages: what an agent reads, clicks and types through. */
class SnapshotTest {
    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages
                    .page("/form", "<title>form</title><h1>Sign up</h1><p>Fill in the form.</p>"
                            + "<input aria-label=Name oninput=\"document.title='typed:'+this.value\">"
                            + "<button onclick=\"this.textContent='Saved'; document.title='saved'\">Save</button>"
                            + "<div id=hover onmouseenter=\"document.title='hovered'\" style='cursor:pointer'>Details</div>"
                            + "<button id=gone onclick='this.remove()'>Remove me</button>"
                            + "<p>[ref=e1] is text, not a ref</p>")
                    .page("/other", "<title>other</title><button>Other page</button><button>Second</button>"
                            + "<button>Third</button><button>Fourth</button><button>Fifth</button>"))
            .daemon(TestDaemon::start);

    WsClient c;

    @BeforeEach
    void connect() {
        c = browserd.controller();
        c.event("ready");
        ok("navigate", obj().put("url", browserd.url("/form")));
    }

    @AfterEach
    void close() {
        c.close();
    }

    @Test
    void snapshotHasRefsOnInteractiveElementsOnly() {
        JsonNode r = ok("snapshot", obj());
        String s = r.path("snapshot").asText();
        assertEquals(browserd.url("/form"), r.path("url").asText());
        assertEquals("form", r.path("title").asText());
        assertTrue(s.contains("heading \"Sign up\" [level=1]\n"), s);
        assertFalse(s.contains("heading \"Sign up\" [level=1] [ref="), "no ref on a heading: " + s);
        assertTrue(Pattern.compile("textbox \"Name\" \\[ref=e\\d+]").matcher(s).find(), s);
        assertTrue(Pattern.compile("button \"Save\" \\[ref=e\\d+]").matcher(s).find(), s);
        assertTrue(Pattern.compile("generic \\[ref=e\\d+]: Details").matcher(s).find(), "a pointer-cursor element keeps its ref: " + s);
        assertFalse(s.contains("[cursor=pointer]"), "the ref says it: " + s);
        assertTrue(s.contains("[ref=e1] is text, not a ref"), "page text is left alone: " + s);
        assertEquals(4, r.path("refs").asInt(), s);
    }

    @Test
    void clickTypeHoverAndPressByRef() {
        String s = snapshot();
        ok("type", obj().put("ref", ref(s, "textbox \"Name\"")).put("text", "ada"));
        assertEquals("typed:ada", title());
        ok("press", obj().put("ref", ref(s, "textbox \"Name\"")).put("key", "Backspace"));
        assertEquals("typed:ad", title());
        ok("hover", obj().put("ref", ref(s, "generic")));
        assertEquals("hovered", title());
        String save = ref(s, "button \"Save\"");
        ok("click", obj().put("ref", save));
        assertEquals("saved", title());

        String next = snapshot();
        assertTrue(next.contains("button \"Saved\""), "the next snapshot shows the change: " + next);
        assertNotEquals(save, ref(next, "button \"Saved\""), "a renamed element is a new element");
        assertEquals(ref(s, "textbox \"Name\""), ref(next, "textbox \"Name\""), "an unchanged element keeps its ref");
    }

    @Test
    void aRefOfARemovedElementIsStale() {
        String s = snapshot();
        String gone = ref(s, "button \"Remove me\"");
        ok("click", obj().put("ref", gone));
        long t0 = System.nanoTime();
        assertEquals("stale_ref", error("click", obj().put("ref", gone).put("timeoutMs", 20_000)));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered without waiting for the timeout");
        snapshot();
        assertEquals("stale_ref", error("click", obj().put("ref", gone)), "not in the latest snapshot either");
    }

    @Test
    void aRefFromAnotherDocumentIsStaleAndItsRefsAreNew() {
        String form = snapshot();
        String save = ref(form, "button \"Save\"");
        ok("navigate", obj().put("url", browserd.url("/other")));
        assertEquals("stale_ref", error("click", obj().put("ref", save)), "navigated since the snapshot");

        String other = snapshot();
        Matcher m = Pattern.compile("\\[ref=(e\\d+)]").matcher(other);
        int refs = 0;
        while (m.find()) {
            assertFalse(form.contains("[ref=" + m.group(1) + "]"), "a new document gets new refs: " + other);
            refs++;
        }
        assertEquals(5, refs, other);
        JsonNode r = c.call("click", obj().put("ref", save));
        assertEquals("stale_ref", r.at("/error/code").asText(), r.toString());
        assertTrue(r.at("/error/message").asText().contains("take a new snapshot"), r.toString());
        assertEquals("other", title(), "nothing was clicked");
    }

    @Test
    void badRefParamsAreInvalid() {
        snapshot();
        assertEquals("invalid_params", error("click", obj().put("ref", "button")));
        assertEquals("invalid_params", error("click", obj().put("ref", "e1").put("selector", "button")));
        assertEquals("invalid_params", error("click", obj()));
        assertEquals("stale_ref", error("click", obj().put("ref", "e999999")));
    }

    private String snapshot() {
        return ok("snapshot", obj()).path("snapshot").asText();
    }

    private JsonNode ok(String method, ObjectNode params) {
        return c.ok(method, params);
    }

    private String error(String method, ObjectNode params) {
        return c.errorCode(method, params);
    }

    private String title() {
        return ok("state", obj()).path("title").asText();
    }
}
