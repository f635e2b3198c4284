package io.cloudbrowser.browserd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.testing.RequestTrap;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.Loopback;
import io.cloudbrowser.testing.ReceivedFrame;
import io.cloudbrowser.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command of PROTOCOL.md section 6 against real pages, each effect read back from the page, and the URL
 * policy as commands meet it. A {@link RequestTrap} stands for every refused destination: after each test it must
 * have seen no request at all.
 */
class CommandsTest {
    // Started with the class, before the extension: its pages and URL policy name them.
    static final RequestTrap trap = RequestTrap.start();
    /** Allowlisted, but nothing listens there. */
    static final int closedPort = Loopback.unusedPort();

    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages
                    .page("/a", "<title>A</title><body>a</body>")
                    .page("/b", "<title>B</title><body>b</body>")
                    .page("/events", "<title>events</title><body style='margin:0'>"
                            + "<button id=click style='width:200px;height:40px' onclick=\"document.title='clicked'\">click</button>"
                            + "<div id=dbl style='height:40px' ondblclick=\"document.title='dblclicked'\">dbl</div>"
                            + "<div id=hover style='height:40px' onmouseenter=\"document.title='hovered'\">hover</div>"
                            + "<input id=name oninput=\"document.title='typed:'+this.value\">"
                            + "<form onsubmit=\"event.preventDefault();document.title='submitted:'+q.value\"><input id=q></form>"
                            + "<button id=invisible style='display:none'>x</button></body>")
                    .page("/late", "<title>late</title><body><div id=spinner>loading</div><script>setTimeout(() => {"
                            + "spinner.style.display='none'; const d = document.createElement('div'); d.id = 'late';"
                            + "d.textContent = 'here'; document.body.appendChild(d) }, 300)</script></body>")
                    .page("/tall", "<body style='margin:0'><div style='height:3000px;background:#0a0'></div></body>")
                    .page("/with-img", "<title>img</title><body><img src='" + trap.url("/x.png")
                            + "' onload=\"document.title='img-loaded'\" onerror=\"document.title='img-blocked'\"></body>")
                    .page("/with-fetch", "<title>fetch</title><body><script>fetch('" + trap.url("/api")
                            + "').then(() => document.title = 'fetch-ok', () => document.title = 'fetch-blocked')</script></body>"))
            .allow("127.0.0.1:" + closedPort)
            .daemon(TestDaemon::start);

    WsClient c;

    @AfterAll
    static void closeTrap() {
        trap.close();
    }

    @BeforeEach
    void connect() {
        c = browserd.controller();
        c.event("ready");
    }

    @AfterEach
    void nothingReachedTheTrap() {
        c.close();
        assertEquals(List.of(), trap.requests(), "a refused destination received traffic");
    }

    @Test
    void navigateAnswersUrlAndStatus() {
        JsonNode r = ok("navigate", obj().put("url", browserd.url("/a")));
        assertEquals(browserd.url("/a"), r.path("url").asText());
        assertEquals(200, r.path("status").asInt());
        assertEquals(404, ok("navigate", obj().put("url", browserd.url("/missing"))).path("status").asInt());
        JsonNode state = ok("state", obj());
        assertEquals(browserd.url("/missing"), state.path("url").asText());
        assertEquals(1280, state.at("/viewport/w").asInt());
        assertEquals(720, state.at("/viewport/h").asInt());
    }

    @Test
    void reloadGoBackAndGoForward() {
        ok("navigate", obj().put("url", browserd.url("/events")));
        ok("click", obj().put("selector", "#click"));
        assertEquals("clicked", title());
        assertEquals(browserd.url("/events"), ok("reload", obj()).path("url").asText());
        assertEquals("events", title(), "the reload gave a fresh page");

        ok("navigate", obj().put("url", browserd.url("/a")));
        ok("navigate", obj().put("url", browserd.url("/b")));
        assertEquals(browserd.url("/a"), ok("goBack", obj()).path("url").asText());
        assertEquals("A", title());
        assertEquals(browserd.url("/b"), ok("goForward", obj()).path("url").asText());
        assertEquals("B", title());
    }

    @Test
    void clickDblclickAndHoverReachThePage() {
        ok("navigate", obj().put("url", browserd.url("/events")));
        ok("hover", obj().put("selector", "#hover"));
        assertEquals("hovered", title());
        ok("dblclick", obj().put("selector", "#dbl"));
        assertEquals("dblclicked", title());
        ok("click", obj().put("selector", "#click"));
        assertEquals("clicked", title());
    }

    @Test
    void typeAndPress() {
        ok("navigate", obj().put("url", browserd.url("/events")));
        ok("type", obj().put("selector", "#name").put("text", "hello world"));
        assertEquals("typed:hello world", title());

        ok("type", obj().put("selector", "#q").put("text", "abc").put("delayMs", 5));
        ok("press", obj().put("selector", "#q").put("key", "Enter"));
        assertEquals("submitted:abc", title());

        ok("type", obj().put("selector", "#q").put("text", "d"));
        ok("press", obj().put("key", "Enter")); // no selector: the focused element, still #q
        assertEquals("submitted:abcd", title());
    }

    @Test
    void waitForSelectorFindsLateElementsAndHiddenOnes() {
        ok("navigate", obj().put("url", browserd.url("/late")));
        assertEquals("visible", ok("waitForSelector", obj().put("selector", "#late").put("timeoutMs", 5000)).path("state").asText());
        assertEquals("hidden", ok("waitForSelector", obj().put("selector", "#spinner").put("state", "hidden")
                .put("timeoutMs", 5000)).path("state").asText());
        assertEquals("timeout", error("waitForSelector", obj().put("selector", "#never").put("timeoutMs", 500)));
    }

    @Test
    void aSelectorMatchingNothingIsNotFoundAndOneNeverReadyIsTimeout() {
        ok("navigate", obj().put("url", browserd.url("/events")));
        assertEquals("not_found", error("click", obj().put("selector", "#nothing").put("timeoutMs", 500)));
        assertEquals("not_found", error("hover", obj().put("selector", "#nothing").put("timeoutMs", 500)));
        assertEquals("timeout", error("click", obj().put("selector", "#invisible").put("timeoutMs", 500)));
    }

    @Test
    void setViewportChangesStateAndFrames() {
        ok("navigate", obj().put("url", browserd.url("/a")));
        try {
            JsonNode r = ok("setViewport", obj().put("width", 800).put("height", 600));
            assertEquals(800, r.path("width").asInt());
            JsonNode state = ok("state", obj());
            assertEquals(800, state.at("/viewport/w").asInt());
            assertEquals(600, state.at("/viewport/h").asInt());
            await().atMost(Duration.ofSeconds(10)).until(() -> lastFrameWidth() == 800);
        } finally {
            ok("setViewport", obj().put("width", 1280).put("height", 720));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> lastFrameWidth() == 1280);
    }

    @Test
    void evaluateIsForbiddenByDefault() {
        assertEquals("forbidden", error("evaluate", obj().put("expression", "1+2")));
    }

    @Test
    void screenshotsArePngOrJpeg() throws Exception {
        ok("navigate", obj().put("url", browserd.url("/tall")));
        JsonNode png = ok("screenshot", obj());
        assertEquals("png", png.path("format").asText());
        BufferedImage image = decode(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertEquals(1280, image.getWidth());
        assertEquals(720, image.getHeight());

        JsonNode jpeg = ok("screenshot", obj().put("format", "jpeg").put("quality", 50));
        assertEquals("jpeg", jpeg.path("format").asText());
        assertEquals(1280, decode(jpeg, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}).getWidth());

        BufferedImage full = decode(ok("screenshot", obj().put("fullPage", true)), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertTrue(full.getHeight() >= 3000, "fullPage covers the whole page: " + full.getHeight());
    }

    static Stream<String> refusedUrls() {
        int t = trap.port();
        return Stream.of("file:///etc/passwd", "chrome://version", "javascript:alert(1)",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]:" + t + "/",
                "http://127.0.0.1:" + t + "/", "http://localhost:" + t + "/", "http://2130706433:" + t + "/",
                "http://0x7f.0.0.1:" + t + "/", "http://[::ffff:127.0.0.1]:" + t + "/",
                "http://127.0.0.1:" + browserd.pages().port() + "@127.0.0.1:" + t + "/");
    }

    @ParameterizedTest
    @MethodSource("refusedUrls")
    void refusedUrlsAreBlockedBeforeAnyRequest(String url) {
        ok("navigate", obj().put("url", browserd.url("/a")));
        JsonNode r = c.call("navigate", obj().put("url", url));
        assertEquals("url_blocked", r.at("/error/code").asText(), r.toString());
        assertTrue(r.at("/error/message").asText().startsWith("url refused"), "refused by the policy, not the browser: " + r);
        assertEquals(browserd.url("/a"), ok("state", obj()).path("url").asText(), "the page did not move");
    }

    @Test
    void aRedirectToARefusedAddressNeverReachesIt() {
        String target = URLEncoder.encode(trap.url("/secret"), StandardCharsets.UTF_8);
        JsonNode r = c.call("navigate", obj().put("url", browserd.url("/redirect-to/" + target)));
        assertFalse(r.path("ok").asBoolean(), r.toString());
        // nothingReachedTheTrap() checks that the browser never sent the redirected request
    }

    @Test
    void aRedirectToARefusedAddressIsUrlBlocked() {
        String target = URLEncoder.encode(trap.url("/secret"), StandardCharsets.UTF_8);
        JsonNode r = c.call("navigate", obj().put("url", browserd.url("/redirect-to/" + target)));
        assertEquals("url_blocked", r.at("/error/code").asText(), r.toString());
    }

    @Test
    void anUnreachablePageIsNavigationFailed() {
        JsonNode r = c.call("navigate", obj().put("url", "http://127.0.0.1:" + closedPort + "/"));
        assertEquals("navigation_failed", r.at("/error/code").asText(), r.toString());
    }

    @Test
    void anInvalidSelectorIsInvalidParams() {
        ok("navigate", obj().put("url", browserd.url("/a")));
        JsonNode r = c.call("click", obj().put("selector", "div[[").put("timeoutMs", 500));
        assertEquals("invalid_params", r.at("/error/code").asText(), r.toString());
    }

    @Test
    void refusedSubresourcesAreNotFetched() {
        ok("navigate", obj().put("url", browserd.url("/with-img")));
        await().atMost(Duration.ofSeconds(10)).until(() -> title().equals("img-blocked"));
        ok("navigate", obj().put("url", browserd.url("/with-fetch")));
        await().atMost(Duration.ofSeconds(10)).until(() -> title().equals("fetch-blocked"));
    }

    @Test
    void eachConnectionsResultsComeInItsOrderUnderConcurrentSenders() throws Exception {
        ok("navigate", obj().put("url", browserd.url("/a")));
        List<WsClient> clients = List.of(browserd.controller(), browserd.controller(), browserd.controller());
        ExecutorService senders = Executors.newFixedThreadPool(clients.size());
        try {
            CyclicBarrier go = new CyclicBarrier(clients.size());
            List<Future<List<String>>> sent = new ArrayList<>();
            for (WsClient client : clients) {
                client.event("ready");
                sent.add(senders.submit(() -> sendMix(client, go)));
            }
            for (int i = 0; i < clients.size(); i++) {
                WsClient client = clients.get(i);
                List<String> ids = sent.get(i).get();
                await().atMost(Duration.ofSeconds(30)).until(() -> results(client).size() == ids.size());
                List<JsonNode> results = results(client);
                assertEquals(ids, results.stream().map(m -> m.path("id").asText()).toList(), "connection " + i);
                for (int k = 0; k < results.size(); k++) {
                    boolean expectTimeout = k % 3 == 0;
                    assertEquals(expectTimeout ? "timeout" : "", results.get(k).at("/error/code").asText(), results.get(k).toString());
                }
            }
        } finally {
            senders.shutdownNow();
            clients.forEach(WsClient::close);
        }
    }

    /** 15 commands: a short waitForSelector that times out, a state, one that finds its element; in that rhythm. */
    private static List<String> sendMix(WsClient client, CyclicBarrier go) throws Exception {
        go.await();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            ids.add(switch (i % 3) {
                case 0 -> client.command("waitForSelector", obj().put("selector", "#never").put("timeoutMs", 30 + 10 * (i % 4)));
                case 1 -> client.command("state", obj());
                default -> client.command("waitForSelector", obj().put("selector", "body").put("timeoutMs", 5000));
            });
        }
        return ids;
    }

    private static List<JsonNode> results(WsClient client) {
        return client.messages().stream().filter(m -> "result".equals(m.path("type").asText())).toList();
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

    private int lastFrameWidth() {
        ReceivedFrame latest = c.latestFrame();
        return latest == null ? -1 : latest.header().at("/viewport/w").asInt();
    }

    private static BufferedImage decode(JsonNode shot, byte[] magic) throws Exception {
        byte[] bytes = Base64.getDecoder().decode(shot.path("data").asText());
        byte[] head = new byte[magic.length];
        System.arraycopy(bytes, 0, head, 0, magic.length);
        assertArrayEquals(magic, head, "magic bytes");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(image != null, "decodes");
        return image;
    }
}
