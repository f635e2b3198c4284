package io.cloudbrowser.controlplane.drills;

import static io.cloudbrowser.testing.WsClient.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Churn: create -> navigate -> delete cycles through the API of a real control-plane process with a warm pool of
 * one, two sessions at a time (the first claims the pool's sandbox, the second starts cold while the pool refills),
 * then a census: no sandbox process, zombie or directory left, and the control plane's descriptors and threads back
 * to where they were after the first cycle (the warm-up: thread pools and the database connections fill lazily).
 *
 * <p>The command ({@code mvn -q -pl control-plane -am test-compile exec:exec@drill-churn}, README "Drills") runs 100
 * cycles; {@code ChurnDrillTest} runs the short variant in the test suite.
 */
final class ChurnDrill {
    /** Descriptors the control plane may hold above its warm-up level: keep-alive connections of the HTTP clients. */
    static final int FD_SLACK = 8;
    /** Threads above warm-up: an idle pool thread or two not yet retired. */
    static final int THREAD_SLACK = 4;

    /**
     * @param stopped after the control plane stopped: every sandbox directory and process gone
     */
    record Result(int cycles, Duration took, ProcessCensus warmedUp, ProcessCensus after, ProcessCensus stopped,
                  List<String> failures) {
        boolean held() {
            return failures.isEmpty() && after.noStrays() && after.sandboxes().size() == 1
                    && after.fds() <= warmedUp.fds() + FD_SLACK && after.threads() <= warmedUp.threads() + THREAD_SLACK
                    && stopped.noStrays() && stopped.sandboxes().isEmpty();
        }

        String table() {
            return String.format("churn: %d create -> navigate -> delete cycles in %.1f s, %d failed%n"
                            + "  after warm-up:  %s%n  after churn:    %s%n  after stopping: sandboxes %d, stray processes %d%n"
                            + "  %s%n", cycles, took.toMillis() / 1000.0, failures.size(), warmedUp, after,
                    stopped.sandboxes().size(), stopped.strays().size(),
                    held() ? "HELD" : "FAILED: " + failures + " " + after.strays() + " " + stopped.strays());
        }
    }

    private ChurnDrill() {
    }

    /** Runs {@code cycles} cycles (rounded up to pairs) against a fresh control plane and stops it. */
    static Result run(int cycles) throws Exception {
        try (PageServer pages = new PageServer()) {
            pages.page("/churn", "<title>churn</title><p>churn</p>");
            ChildControlPlane cp = ChildControlPlane.start(TestEnvironment.newDataDir("churn"), "churn",
                    "--warm-pool-size", "1", "--max-sessions-per-user", "4", "--rate-limit", "1000", "--rate-burst", "1000",
                    "--sandbox-env", "BROWSERD_URL_POLICY=" + pages.destination());
            try {
                ApiClient api = new ApiClient(cp.publicUrl(), TestEnvironment.ALICE_KEY);
                List<String> failures = new ArrayList<>();
                pair(api, pages, failures);
                ProcessCensus warmedUp = settled(cp);
                long start = System.nanoTime();
                for (int done = 2; done < cycles; done += 2) {
                    pair(api, pages, failures);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                ProcessCensus after = backToLevel(cp, settled(cp), warmedUp);
                cp.stop();
                ProcessCensus stopped = ProcessCensus.of(cp);
                return new Result(Math.max(2, cycles + cycles % 2), took, warmedUp, after, stopped, failures);
            } finally {
                if (cp.handle().isAlive()) {
                    cp.stop();
                }
            }
        }
    }

    /** Two sessions at once: created, each navigated over its WebSocket, both deleted. */
    private static void pair(ApiClient api, PageServer pages, List<String> failures) {
        List<JsonNode> sessions = List.of(api.createSession("{}"), api.createSession("{}"));
        for (JsonNode s : sessions) {
            try (WsClient ws = WsClient.connect(s.path("wsUrl").asText(), s.path("token").asText())) {
                JsonNode r = ws.call("navigate", obj().put("url", pages.url("/churn")));
                if (!r.path("ok").asBoolean()) {
                    failures.add(s.path("id").asText() + ": navigate " + r);
                }
            }
        }
        for (JsonNode s : sessions) {
            int status = api.delete("/api/sessions/" + s.path("id").asText()).status();
            if (status != 204 && status != 200) {
                failures.add(s.path("id").asText() + ": delete " + status);
            }
        }
    }

    /** The census once every ended sandbox is gone and the pool's one sandbox is back (or 60 s, whichever first). */
    private static ProcessCensus settled(ChildControlPlane cp) {
        ProcessCensus[] last = new ProcessCensus[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().failFast(() -> !cp.handle().isAlive()).until(() -> {
            last[0] = ProcessCensus.of(cp);
            return last[0].sandboxes().size() == 1 && last[0].noStrays();
        });
        return last[0];
    }

    /**
     * The census once descriptors and threads are back within the slack of {@code level}, or after 30 s (idle pool
     * threads retire after 10 s without work).
     */
    private static ProcessCensus backToLevel(ChildControlPlane cp, ProcessCensus now, ProcessCensus level) {
        ProcessCensus[] last = {now};
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                last[0] = ProcessCensus.of(cp);
                return last[0].fds() <= level.fds() + FD_SLACK && last[0].threads() <= level.threads() + THREAD_SLACK;
            });
        } catch (ConditionTimeoutException e) {
            System.out.println("control-plane threads still up: " + ProcessCensus.threadNames(cp));
        }
        return last[0];
    }

    public static void main(String[] args) throws Exception {
        int cycles = Integer.parseInt(System.getProperty("drill.cycles", "100"));
        Result r = run(cycles);
        System.out.print(r.table());
        System.exit(r.held() ? 0 : 1);
    }
}
