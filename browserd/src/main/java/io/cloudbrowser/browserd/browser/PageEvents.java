package io.cloudbrowser.browserd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.cdp.CdpClient;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Page-level CDP wiring on the raw connection: the {@code navigated} and {@code console} events for clients, and
 * the URL policy applied to every request the page makes (documents, redirects, subresources), judged off the
 * event loop because it may resolve names.
 */
final class PageEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PageEvents.class);
    private static final int MAX_CONSOLE_PER_SECOND = 50;
    private static final int MAX_CONSOLE_TEXT = 2000;

    private final UrlPolicy policy;
    private final BiConsumer<String, JsonNode> emit;
    private final ExecutorService policyThreads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "url-policy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong consoleSecond = new AtomicLong();
    private final AtomicInteger consoleCount = new AtomicInteger();

    PageEvents(UrlPolicy policy, BiConsumer<String, JsonNode> emit) {
        this.policy = policy;
        this.emit = emit;
    }

    void attach(CdpClient cdp) {
        cdp.on("Page.frameNavigated", p -> {
            if (!p.path("frame").has("parentId")) {
                emit.accept("navigated", Outbound.object().put("url", p.path("frame").path("url").asText()));
            }
        });
        cdp.on("Runtime.consoleAPICalled", this::console);
        cdp.on("Fetch.requestPaused", p -> policyThreads.execute(() -> judge(cdp, p)));
        cdp.send("Page.enable");
        cdp.send("Runtime.enable");
        cdp.send("Fetch.enable", CdpClient.params().set("patterns",
                Outbound.object().arrayNode().add(Outbound.object().put("urlPattern", "*").put("requestStage", "Request"))));
    }

    private void judge(CdpClient cdp, JsonNode paused) {
        String url = paused.path("request").path("url").asText();
        UrlPolicy.Decision d = policy.check(url);
        String requestId = paused.path("requestId").asText();
        if (d.allowed()) {
            cdp.send("Fetch.continueRequest", CdpClient.params().put("requestId", requestId));
        } else {
            log.info("request refused by the URL policy: {}", d.reason());
            cdp.send("Fetch.failRequest", CdpClient.params().put("requestId", requestId).put("errorReason", "BlockedByClient"));
        }
    }

    private void console(JsonNode p) {
        long second = System.currentTimeMillis() / 1000;
        if (consoleSecond.getAndSet(second) != second) {
            consoleCount.set(0);
        }
        if (consoleCount.incrementAndGet() > MAX_CONSOLE_PER_SECOND) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode arg : p.path("args")) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText(arg.path("type").asText()));
            if (text.length() > MAX_CONSOLE_TEXT) {
                text.setLength(MAX_CONSOLE_TEXT);
                break;
            }
        }
        emit.accept("console", Outbound.object().put("level", p.path("type").asText("log")).put("text", text.toString()));
    }

    @Override
    public void close() {
        policyThreads.shutdownNow();
    }
}
