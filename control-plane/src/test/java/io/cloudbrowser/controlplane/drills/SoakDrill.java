package io.cloudbrowser.controlplane.drills;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.TestPages;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Soak: sessions on an animated page, each with a viewer, and a script that sends a command every second and a
 * mouse move every 100 ms, for a while; every interval a row: the control plane's and the browserds' heap after a
 * full GC and RSS, the viewers' fps, commands sent and answered, errors. Memory must stay flat (under 10% drift
 * from the first third of the run to its end, the 30-minute run's "minute 5 to the end"), every command must be
 * answered without error and every viewer must keep getting frames.
 *
 * <p>Commands (README "Drills"): {@code mvn -q -pl control-plane -am test-compile exec:exec@drill-soak} (10
 * sessions, 30 minutes; {@code -Ddrill.minutes=3} for the short variant); {@code SoakDrillTest} runs two sessions
 * for 40 s in the suite.
 */
final class SoakDrill {
    static final double MAX_DRIFT = 0.10;
    /** G1's one "heap" line, or Serial's "generation" lines (browserd runs Serial), each "total NK, used NK". */
    private static final Pattern HEAP_USED = Pattern.compile("(?:heap|generation)\\s+total \\d+K, used (\\d+)K");

    record Sample(long second, long cpHeapKb, long cpRssKb, long browserdHeapKb, long browserdRssKb, double minFps,
                  long commandsSent, long commandsAnswered, long errors) {
    }

    record Result(List<Sample> samples, List<String> problems) {
        boolean held() {
            return problems.isEmpty();
        }

        String table() {
            StringBuilder t = new StringBuilder(String.format("%6s %12s %11s %16s %15s %8s %9s %9s %6s%n", "time",
                    "cp heap MB", "cp RSS MB", "browserd heap MB", "browserd RSS MB", "min fps", "commands", "answered",
                    "errors"));
            for (Sample s : samples) {
                t.append(String.format("%5ds %12.1f %11.1f %16.1f %15.1f %8.1f %9d %9d %6d%n", s.second(),
                        s.cpHeapKb() / 1024.0, s.cpRssKb() / 1024.0, s.browserdHeapKb() / 1024.0,
                        s.browserdRssKb() / 1024.0, s.minFps(), s.commandsSent(), s.commandsAnswered(), s.errors()));
            }
            return t.append(held() ? "HELD" : "FAILED: " + problems).append(System.lineSeparator()).toString();
        }
    }

    private SoakDrill() {
    }

    static Result run(int sessions, Duration length, Duration every) throws Exception {
        try (PageServer pages = new PageServer()) {
            pages.page("/soak", TestPages.MOVING_BOX);
            Path dataDir = TestEnvironment.newDataDir("soak");
            ChildControlPlane cp = ChildControlPlane.start(dataDir, "soak", "--warm-pool-size", "0",
                    "--max-sessions-per-user", String.valueOf(sessions), "--rate-limit", "1000", "--rate-burst", "1000",
                    "--sandbox-env", "BROWSERD_URL_POLICY=" + pages.destination());
            ScheduledExecutorService script = Executors.newScheduledThreadPool(2);
            List<WsClient> clients = new ArrayList<>();
            try {
                ApiClient api = new ApiClient(cp.publicUrl(), TestEnvironment.ALICE_KEY);
                String body = "{\"startUrl\":\"" + pages.url("/soak") + "\"}";
                List<JsonNode> created = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    created.add(api.createSession(body));
                }
                List<WsClient> viewers = new ArrayList<>();
                List<ProcessHandle> daemons = new ArrayList<>();
                AtomicLong sent = new AtomicLong();
                AtomicLong answered = new AtomicLong();
                AtomicLong errors = new AtomicLong();
                for (JsonNode s : created) {
                    String id = s.path("id").asText();
                    JsonNode viewerToken = api.post("/api/sessions/" + id + "/tokens", "{\"role\":\"viewer\"}").body();
                    WsClient viewer = WsClient.connect(s.path("wsUrl").asText(), viewerToken.path("token").asText());
                    WsClient controller = WsClient.connect(s.path("wsUrl").asText(), s.path("token").asText());
                    clients.add(viewer);
                    clients.add(controller);
                    viewers.add(viewer);
                    daemons.add(LeftoverProcesses.browserdOf(dataDir, id));
                    script.scheduleAtFixedRate(() -> {
                        sent.incrementAndGet();
                        CompletableFuture<JsonNode> r = controller.commandAsync("state", null);
                        r.whenComplete((m, e) -> {
                            answered.incrementAndGet();
                            if (e != null || !m.path("ok").asBoolean()) {
                                errors.incrementAndGet();
                            }
                        });
                    }, 1000, 1000, TimeUnit.MILLISECONDS);
                    int[] x = {0};
                    script.scheduleAtFixedRate(() -> controller.send(WsClient.obj().put("type", "input")
                            .put("device", "mouse").put("action", "move").put("x", 100 + (x[0]++ % 400)).put("y", 200)),
                            100, 100, TimeUnit.MILLISECONDS);
                }
                List<Sample> samples = new ArrayList<>();
                long start = System.nanoTime();
                long[] framesBefore = viewers.stream().mapToLong(WsClient::frameCount).toArray();
                for (long t = every.toSeconds(); t <= length.toSeconds(); t += every.toSeconds()) {
                    long due = start + TimeUnit.SECONDS.toNanos(t);
                    Awaitility.await().atMost(every.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                            .until(() -> System.nanoTime() >= due);
                    double minFps = Double.MAX_VALUE;
                    for (int i = 0; i < viewers.size(); i++) {
                        long now = viewers.get(i).frameCount();
                        minFps = Math.min(minFps, (now - framesBefore[i]) / (double) every.toSeconds());
                        framesBefore[i] = now;
                    }
                    long bHeap = 0;
                    long bRss = 0;
                    for (ProcessHandle d : daemons) {
                        bHeap += heapAfterGcKb(d);
                        bRss += rssKb(d);
                    }
                    samples.add(new Sample(t, heapAfterGcKb(cp.handle()), rssKb(cp.handle()), bHeap, bRss, minFps,
                            sent.get(), answered.get(), errors.get()));
                }
                script.shutdownNow();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= sent.get());
                return new Result(samples, problems(samples, sent.get(), answered.get(), errors.get()));
            } finally {
                script.shutdownNow();
                clients.forEach(WsClient::close);
                cp.stop();
            }
        }
    }

    private static List<String> problems(List<Sample> samples, long sent, long answered, long errors) {
        List<String> problems = new ArrayList<>();
        if (answered < sent) {
            problems.add((sent - answered) + " commands unanswered");
        }
        if (errors > 0) {
            problems.add(errors + " commands failed");
        }
        samples.stream().filter(s -> s.minFps() < 1).forEach(s -> problems.add("a viewer got under 1 fps at " + s.second() + " s"));
        Sample from = samples.get(samples.size() / 3);
        Sample to = samples.get(samples.size() - 1);
        drift("control-plane heap", from.cpHeapKb(), to.cpHeapKb(), problems);
        drift("control-plane RSS", from.cpRssKb(), to.cpRssKb(), problems);
        drift("browserd heap", from.browserdHeapKb(), to.browserdHeapKb(), problems);
        drift("browserd RSS", from.browserdRssKb(), to.browserdRssKb(), problems);
        return problems;
    }

    /** Growth beyond {@link #MAX_DRIFT} is a problem; a heap that shrank is not. */
    private static void drift(String what, long from, long to, List<String> problems) {
        if (from > 0 && (to - from) / (double) from > MAX_DRIFT) {
            problems.add(String.format("%s grew %.0f%% (%d -> %d KB)", what, 100.0 * (to - from) / from, from, to));
        }
    }

    /** The Java heap in use right after a full GC (jcmd), the number that grows when something leaks. */
    static long heapAfterGcKb(ProcessHandle jvm) {
        try {
            jcmd(jvm, "GC.run");
            Matcher m = HEAP_USED.matcher(jcmd(jvm, "GC.heap_info"));
            long used = -1;
            while (m.find()) {
                used = Math.max(used, 0) + Long.parseLong(m.group(1));
            }
            return used;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String jcmd(ProcessHandle jvm, String command) throws IOException {
        Process p = new ProcessBuilder("jcmd", Long.toString(jvm.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    static long rssKb(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("drill.sessions", 10);
        int minutes = Integer.getInteger("drill.minutes", 30);
        Result r = run(sessions, Duration.ofMinutes(minutes), Duration.ofSeconds(minutes >= 10 ? 60 : 20));
        System.out.printf("soak: %d sessions for %d minutes%n", sessions, minutes);
        System.out.print(r.table());
        System.exit(r.held() ? 0 : 1);
    }
}
