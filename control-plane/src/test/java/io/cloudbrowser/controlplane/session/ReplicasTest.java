package io.cloudbrowser.controlplane.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.config.DatabaseConfig;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.controlplane.testing.TestPostgres;
import io.cloudbrowser.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two control-plane processes on one PostgreSQL, as behind a load balancer: any replica answers for any session,
 * quotas hold across them, and when one dies the other takes its sessions (and their ends) over.
 */
@ExtendWith(LeftoverProcesses.class)
class ReplicasTest {
    private static final DatabaseConfig DATABASE = TestPostgres.freshDatabase();
    /** Every replica signs and verifies with the same keys (in production: a volume or Secret all of them mount). */
    private static final Path KEYS = TestEnvironment.newDataDir("replica-keys");
    private static ChildControlPlane a;
    private static ChildControlPlane b;
    private static ApiClient viaA;
    private static ApiClient viaB;

    @BeforeAll
    static void start() {
        a = replica("a", "--warm-pool-size", "1");
        b = replica("b");
        viaA = new ApiClient(a.publicUrl(), TestEnvironment.ALICE_KEY);
        viaB = new ApiClient(b.publicUrl(), TestEnvironment.ALICE_KEY);
    }

    /** Each test starts with alice holding no live session (the quota is 2). */
    @AfterEach
    void endAlicesSessions() {
        for (JsonNode session : viaB.get("/api/sessions?limit=100").body().path("sessions")) {
            if (List.of("starting", "ready").contains(session.path("status").asText())) {
                viaB.delete("/api/sessions/" + session.path("id").asText());
            }
        }
    }

    @AfterAll
    static void stop() {
        b.stop();
        a.stop();
    }

    private static ChildControlPlane replica(String name, String... extra) {
        return ChildControlPlane.start(TestEnvironment.newDataDir("replica-" + name), name, PASSWORD,
                flags(KEYS, extra));
    }

    private static final Map<String, String> PASSWORD = Map.of("CP_DATABASE_PASSWORD", DATABASE.password().orElseThrow());

    private static String[] flags(Path keys, String... extra) {
        List<String> flags = new ArrayList<>(List.of("--database-url", DATABASE.url().jdbcUrl(),
                "--database-user", DATABASE.user().orElseThrow(), "--keys-dir", keys.toString(), "--lease", "3",
                "--max-sessions-per-user", "2", "--sandbox-env", "BROWSERD_URL_POLICY=127.0.0.1:*"));
        flags.addAll(List.of(extra));
        return flags.toArray(String[]::new);
    }

    @Test
    void aReplicaWithOtherSigningKeysRefusesToJoin() {
        ChildControlPlane.Exited exited = ChildControlPlane.runToExit(PASSWORD, flags(
                TestEnvironment.newDataDir("other-keys"), "--port", "0", "--api-keys", "alice:" + TestEnvironment.ALICE_KEY,
                "--data-dir", TestEnvironment.newDataDir("replica-stranger").toString()));
        assertEquals(1, exited.code(), String.join("\n", exited.output()));
        String last = exited.output().get(exited.output().size() - 1);
        assertTrue(last.startsWith("control-plane: cannot start: replica ") && last.endsWith(
                "which this control plane does not trust: give every replica the same CP_KEYS_DIR"), last);
    }

    @Test
    void aSessionCreatedThroughOneReplicaIsReadListedDrivenAndDeletedThroughTheOther() {
        JsonNode created = viaA.createSession("{}");
        String path = "/api/sessions/" + created.path("id").asText();
        JsonNode read = viaB.get(path).body();
        assertEquals("ready", read.path("status").asText());
        assertTrue(viaB.get("/api/sessions").body().path("sessions").findValuesAsText("id").contains(created.path("id").asText()));
        try (WsClient ws = WsClient.connect(read.path("wsUrl").asText(), created.path("token").asText())) {
            assertTrue(ws.call("state", null).path("ok").asBoolean(), "driven through the replica that did not create it");
        }
        JsonNode viewer = viaB.post(path + "/tokens", "{\"role\":\"viewer\"}").body();
        try (WsClient ws = WsClient.connect(viaA.get(path).body().path("wsUrl").asText(), viewer.path("token").asText())) {
            assertEquals("viewer", ws.event("ready").path("data").path("role").asText());
        }
        assertEquals("stopped", viaB.delete(path).body().path("status").asText());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                viaA.get(path).body().path("status").asText().equals("stopped"));
        assertEquals("deleted", viaA.get(path).body().path("reason").asText());
    }

    @Test
    void concurrentCreatesOnBothReplicasAdmitExactlyTheQuota() throws Exception {
        CyclicBarrier together = new CyclicBarrier(6);
        List<CompletableFuture<ApiClient.Response>> creates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ApiClient api = i % 2 == 0 ? viaA : viaB;
            creates.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return api.post("/api/sessions", "{}");
            }));
        }
        List<String> created = new ArrayList<>();
        int refused = 0;
        for (CompletableFuture<ApiClient.Response> create : creates) {
            ApiClient.Response response = create.get();
            if (response.status() == 201) {
                created.add(response.body().path("id").asText());
            } else {
                assertEquals("quota_exceeded", response.errorCode(), response.body().toString());
                refused++;
            }
        }
        assertEquals(2, created.size(), "exactly the quota of 2, across both replicas");
        assertEquals(4, refused);
        created.forEach(id -> assertEquals("stopped", viaA.delete("/api/sessions/" + id).body().path("status").asText()));
    }

    @Test
    void whenAReplicaDiesItsViewerReconnectsThroughTheOtherWhoseReaperEndsTheSessionAtItsTtl() {
        ChildControlPlane doomed = replica("doomed", "--warm-pool-size", "1");
        ApiClient viaDoomed = new ApiClient(doomed.publicUrl(), TestEnvironment.ALICE_KEY);
        JsonNode session = viaDoomed.createSession("{\"ttlSeconds\":25}");
        String path = "/api/sessions/" + session.path("id").asText();
        Path doomedData = doomed.dataDir();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
                viaDoomed.get("/health").body().path("warmPoolReady").asInt() == 1);
        try (WsClient watching = WsClient.connect(session.path("wsUrl").asText(), session.path("token").asText())) {
            watching.event("ready");
            doomed.kill();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> watching.closeCode().isDone());
        }
        try (WsClient again = WsClient.connect(viaB.get(path).body().path("wsUrl").asText(),
                session.path("token").asText())) {
            int before = again.frameCount();
            again.call("navigate", WsClient.obj().put("url", "data:text/html,<h1>still here</h1>"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> again.frameCount() > before);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                viaB.get(path).body().path("status").asText().equals("expired"));
        assertEquals("ttl", viaB.get(path).body().path("reason").asText(), "ended by the replica that took it over");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> LeftoverProcesses.procEntriesMarkedWith(doomedData)
                .isEmpty());
    }
}
