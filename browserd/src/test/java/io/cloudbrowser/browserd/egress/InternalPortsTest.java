package io.cloudbrowser.browserd.egress;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.Main;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.BrowserdProcess;
import io.cloudbrowser.testing.ListeningSockets;
import io.cloudbrowser.testing.WsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With loopback allowlisted (the documented setting for development and tests), the browser still cannot reach
 * browserd's own ports: Chromium's DevTools server, the egress proxy, browserd's HTTP/WebSocket port. A real
 * browserd child process; its listening sockets are read from /proc, so the test knows every port it opened
 * without browserd telling.
 */
class InternalPortsTest {
    @RegisterExtension
    static final BrowserdExtension<BrowserdProcess> browserd = BrowserdExtension
            .withPages(pages -> { })
            .allow("127.0.0.1:*", "localhost:*")
            .daemon(setup -> {
                BrowserdProcess d = BrowserdProcess.start(BrowserdProcess.mainClass(Main.class.getName()), setup, null);
                d.awaitPort(Duration.ofSeconds(60));
                return d;
            });

    WsClient controller;

    @BeforeEach
    void connect() {
        controller = browserd.controller();
        controller.event("ready");
    }

    @AfterEach
    void disconnect() {
        controller.close();
    }

    /** Every socket browserd and its Chromium listen on: its own port, the egress proxy, DevTools. */
    private static List<InetSocketAddress> internal() {
        BrowserdProcess d = browserd.daemon();
        List<ProcessHandle> tree = new ArrayList<>(d.descendants());
        tree.add(d.process().toHandle());
        List<InetSocketAddress> sockets = ListeningSockets.of(tree);
        assertTrue(sockets.size() >= 3, "browserd, its egress proxy and DevTools listen: " + sockets);
        assertTrue(sockets.stream().anyMatch(s -> s.getPort() == d.port()), "browserd's own port is among " + sockets);
        return sockets;
    }

    @Test
    void navigatingToAnyInternalPortIsUrlBlockedOnEverySpellingOfLoopback() {
        for (InetSocketAddress s : internal()) {
            String bound = s.getAddress().isAnyLocalAddress() ? "127.0.0.1" : s.getAddress().getHostAddress();
            for (String host : List.of(bound, "127.0.0.1", "localhost", "2130706433")) {
                String url = "http://" + host + ":" + s.getPort() + "/json/version";
                JsonNode r = controller.call("navigate", obj().put("url", url));
                assertEquals("url_blocked", r.at("/error/code").asText(), url + " -> " + r);
            }
        }
    }

    @Test
    void aPagesOwnRequestsToInternalPortsNeverArriveThoughLoopbackIsAllowlisted() {
        List<InetSocketAddress> onAllowlistedAddress = internal().stream()
                .filter(s -> s.getAddress().getHostAddress().equals("127.0.0.1")).toList();
        assertFalse(onAllowlistedAddress.isEmpty(), "browserd and its egress proxy listen on 127.0.0.1");
        for (InetSocketAddress s : onAllowlistedAddress) {
            // no-cors: an answer of any kind resolves the fetch; only a refused request rejects it
            String path = "/fetch-" + s.getPort();
            browserd.pages().page(path, "<title>probing</title><script>fetch('http://127.0.0.1:" + s.getPort()
                    + "/health', {mode: 'no-cors'}).then(() => document.title = 'reached', () => document.title = 'refused')"
                    + "</script>");
            controller.call("navigate", obj().put("url", browserd.url(path)));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> controller.call("state", null).at("/result/title").asText(), t -> !t.equals("probing"));
            assertEquals("refused", controller.call("state", null).at("/result/title").asText(), "port " + s.getPort());
        }
    }
}
