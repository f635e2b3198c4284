package io.cloudbrowser.browserd.server;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.RawHttp;
import io.cloudbrowser.testing.SlowlorisClient;
import io.cloudbrowser.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris on browserd: a health request sent a byte a second, or nothing at all, gets 408 {@code request_timeout}
 * and a closed connection; /health answers others meanwhile, and the controller's WebSocket, open since before,
 * is not cut by the request deadline (it leaves the pipeline with the upgrade).
 */
class SlowlorisTest {
    private static final String SLOW_HEAD = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "a".repeat(40)
            + "\r\n\r\n";

    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension.withoutPages().daemon(TestDaemon::start);

    @Test
    void aTricklingOrSilentRequestGets408AndTheDaemonAndItsWebSocketCarryOn() throws Exception {
        try (WsClient controller = browserd.controller()) {
            controller.event("ready");
            List<SlowlorisClient> attackers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                attackers.add(SlowlorisClient.start("127.0.0.1", browserd.port(), SLOW_HEAD, Duration.ofSeconds(1)));
                attackers.add(SlowlorisClient.start("127.0.0.1", browserd.port(), "", Duration.ofSeconds(1)));
            }
            try {
                assertEquals(200, RawHttp.exchange(browserd.port(), "GET", "/health", Map.of(), "").status(), "health answers while they trickle");
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> attackers.stream().allMatch(a -> a.timedOutBy(SLOW_HEAD.length())));
            } finally {
                for (SlowlorisClient a : attackers) {
                    a.close();
                }
            }
            assertTrue(controller.call("state", obj()).path("ok").asBoolean(), "the WebSocket outlived the deadline");
        }
    }
}
