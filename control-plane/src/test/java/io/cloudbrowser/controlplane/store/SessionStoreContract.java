package io.cloudbrowser.controlplane.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.store.jdbc.JdbcDatabase;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.token.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} (with the {@link ApiKeyStore} and {@link ReplicaStore} beside it) must do, run
 * against each database the store supports: a subclass opens a fresh, migrated database as the control plane
 * would. Replicas share it, so the concurrency rows (quotas, transitions, leases, pool claims) matter most.
 */
public abstract class SessionStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Viewport VIEWPORT = new Viewport(1280, 720, 1);
    private static final Sandbox SANDBOX = new Sandbox("sb-1", "local", "127.0.0.1", 4242, "123:456");
    private static final int NO_LIMIT = 1000;

    private JdbcDatabase database;
    private SessionStore store;
    private ReplicaStore replicas;

    /** A fresh, empty database, opened and migrated as the control plane opens it. */
    protected abstract JdbcDatabase openFresh();

    /** The same database as the last {@link #openFresh()}, opened again after it was closed. */
    protected abstract JdbcDatabase reopen();

    @BeforeEach
    void open() {
        database = openFresh();
        store = database.sessions();
        replicas = database.replicas();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static SessionRecord starting(String id, String user, Instant createdAt) {
        return SessionRecord.starting(id, user, VIEWPORT, null, Duration.ofMinutes(5), createdAt, Duration.ofHours(1));
    }

    private void reserve(SessionRecord record) {
        store.reserve(record, "cp-a", T0.plusSeconds(10), NO_LIMIT, NO_LIMIT);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        SessionRecord record = SessionRecord.starting("s-1", "alice", new Viewport(800, 600, 2), "https://example.com/",
                Duration.ofSeconds(90), T0, Duration.ofMinutes(30));
        reserve(record);
        assertEquals(Optional.of(record), store.find("s-1"));
        SessionRecord ready = record.ready(SANDBOX, T0.plusSeconds(2));
        assertTrue(store.transition(SessionStatus.STARTING, ready));
        SessionRecord ended = ready.stopping().ended(EndReason.IDLE_TIMEOUT, T0.plusSeconds(99));
        assertTrue(store.transition(SessionStatus.READY, ended));
        assertEquals(Optional.of(ended), store.find("s-1"));
        assertEquals(SessionStatus.EXPIRED, store.find("s-1").orElseThrow().status());
        assertEquals(Optional.empty(), store.find("s-missing"));
    }

    @Test
    void aTransitionHappensOnlyFromTheStatusItExpects() {
        SessionRecord record = starting("s-1", "alice", T0);
        reserve(record);
        SessionRecord ready = record.ready(SANDBOX, T0);
        assertTrue(store.transition(SessionStatus.STARTING, ready));
        assertFalse(store.transition(SessionStatus.STARTING, ready), "it is ready now, not starting");
        assertTrue(store.transition(SessionStatus.READY, ready.stopping()));
        assertFalse(store.transition(SessionStatus.READY, ready.stopping()), "only one replica stops it");
        assertFalse(store.transition(SessionStatus.STARTING, record.ended(EndReason.DELETED, T0)));
        assertEquals(SessionStatus.STOPPING, store.find("s-1").orElseThrow().status());
        assertFalse(store.transition(SessionStatus.READY, starting("s-unknown", "alice", T0).ready(SANDBOX, T0)));
    }

    @Test
    void listsNewestFirstPageByPageAndOnlyTheUsers() {
        for (int i = 0; i < 5; i++) {
            reserve(starting("s-a" + i, "alice", T0.plusSeconds(i)));
        }
        reserve(starting("s-b0", "bob", T0.plusSeconds(10)));
        SessionPage first = store.listByUser("alice", Optional.empty(), 2);
        assertEquals(List.of("s-a4", "s-a3"), ids(first));
        SessionPage second = store.listByUser("alice", first.next(), 2);
        assertEquals(List.of("s-a2", "s-a1"), ids(second));
        SessionPage last = store.listByUser("alice", second.next(), 2);
        assertEquals(List.of("s-a0"), ids(last));
        assertEquals(Optional.empty(), last.next());
        String cursor = second.next().orElseThrow().encode();
        assertEquals(second.next(), Optional.of(SessionPage.Cursor.decode(cursor)));
    }

    @Test
    void sameCreationMillisecondStillPagesWithoutLossOrRepeat() {
        reserve(starting("s-x1", "alice", T0));
        reserve(starting("s-x2", "alice", T0));
        reserve(starting("s-x3", "alice", T0));
        SessionPage first = store.listByUser("alice", Optional.empty(), 2);
        SessionPage second = store.listByUser("alice", first.next(), 2);
        assertEquals(List.of("s-x3", "s-x2"), ids(first));
        assertEquals(List.of("s-x1"), ids(second));
    }

    @Test
    void aReplicaRecoversItsLiveSessionsAndTheUnownedOnes() {
        reserve(starting("s-starting", "alice", T0));
        SessionRecord ready = starting("s-ready", "alice", T0);
        reserve(ready);
        store.transition(SessionStatus.STARTING, ready.ready(SANDBOX, T0));
        SessionRecord stopped = starting("s-stopped", "alice", T0);
        reserve(stopped);
        store.transition(SessionStatus.STARTING, stopped.ended(EndReason.DELETED, T0));
        store.reserve(starting("s-other", "alice", T0), "cp-b", T0.plusSeconds(10), NO_LIMIT, NO_LIMIT);
        assertEquals(List.of("s-ready", "s-starting"), store.recoverLive("cp-a", T0.plusSeconds(10)).stream()
                .map(SessionRecord::id).sorted().toList());
    }

    @Test
    void quotasHoldExactlyUnderConcurrentReservationsFromSeveralReplicas() throws Exception {
        int attempts = 6;
        CyclicBarrier together = new CyclicBarrier(attempts);
        ExecutorService creates = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String replica = i % 2 == 0 ? "cp-a" : "cp-b";
                SessionRecord record = starting("s-q" + i, "alice", T0.plusMillis(i));
                Callable<Boolean> create = () -> {
                    together.await();
                    try {
                        store.reserve(record, replica, T0.plusSeconds(10), 2, NO_LIMIT);
                        return true;
                    } catch (QuotaException e) {
                        assertEquals(QuotaException.Limit.PER_USER, e.limit());
                        return false;
                    }
                };
                results.add(creates.submit(create));
            }
            int admitted = 0;
            for (Future<Boolean> result : results) {
                admitted += result.get() ? 1 : 0;
            }
            assertEquals(2, admitted, "exactly the quota");
        } finally {
            creates.shutdownNow();
        }
        QuotaException total = assertThrows(QuotaException.class, () -> store.reserve(starting("s-bob", "bob", T0),
                "cp-a", T0, NO_LIMIT, 2));
        assertEquals(QuotaException.Limit.TOTAL, total.limit());
        SessionRecord admittedOne = store.listByUser("alice", Optional.empty(), 10).sessions().get(0);
        assertTrue(store.transition(SessionStatus.STARTING, admittedOne.ended(EndReason.DELETED, T0)));
        store.reserve(starting("s-freed", "alice", T0), "cp-a", T0, 2, NO_LIMIT); // an ended session frees its place
    }

    @Test
    void leasesAreRenewedAndLapsedOnesTakenOverByOneReplicaOnly() throws Exception {
        for (int i = 0; i < 4; i++) {
            store.reserve(starting("s-l" + i, "alice", T0), "cp-dead", T0.plusSeconds(10), NO_LIMIT, NO_LIMIT);
        }
        store.reserve(starting("s-alive", "alice", T0), "cp-a", T0.plusSeconds(10), NO_LIMIT, NO_LIMIT);
        assertEquals(Set.of("s-alive"), store.renewLeases("cp-a", T0.plusSeconds(60)));
        Instant later = T0.plusSeconds(30);
        ExecutorService replicasTakingOver = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            Future<List<SessionRecord>> b = replicasTakingOver.submit(() -> {
                together.await();
                return store.takeOverLapsed("cp-b", later, later.plusSeconds(10), 16);
            });
            Future<List<SessionRecord>> c = replicasTakingOver.submit(() -> {
                together.await();
                return store.takeOverLapsed("cp-c", later, later.plusSeconds(10), 16);
            });
            Set<String> taken = new HashSet<>();
            int total = 0;
            for (Future<List<SessionRecord>> f : List.of(b, c)) {
                for (SessionRecord r : value(f)) {
                    taken.add(r.id());
                    total++;
                }
            }
            assertEquals(Set.of("s-l0", "s-l1", "s-l2", "s-l3"), taken, "every lapsed session, not the renewed one");
            assertEquals(4, total, "each taken over once");
        } finally {
            replicasTakingOver.shutdownNow();
        }
        assertEquals(List.of(), store.takeOverLapsed("cp-d", later, later.plusSeconds(10), 16), "all leased again");
        store.releaseLeases("cp-a");
        assertEquals(List.of("s-alive"), store.takeOverLapsed("cp-d", later, later.plusSeconds(10), 16).stream()
                .map(SessionRecord::id).toList(), "a released lease is taken over at once");
    }

    @Test
    void activityIsRecordedForOtherReplicasToShow() {
        reserve(starting("s-1", "alice", T0));
        assertEquals(Map.of(), store.activity(List.of("s-1")));
        assertEquals(Optional.empty(), store.findWithActivity("s-1").orElseThrow().activity());
        store.recordActivity("s-1", T0.plusSeconds(3), 2);
        assertEquals(Map.of("s-1", new Activity(T0.plusSeconds(3), 2)), store.activity(List.of("s-1", "s-none")));
        StoredSession stored = store.findWithActivity("s-1").orElseThrow();
        assertEquals(store.find("s-1").orElseThrow(), stored.record());
        assertEquals(Optional.of(new Activity(T0.plusSeconds(3), 2)), stored.activity());
        assertEquals(Optional.empty(), store.findWithActivity("s-none"));
    }

    @Test
    void poolSandboxesAreClaimedOnceAcrossReplicas() throws Exception {
        for (int i = 0; i < 3; i++) {
            replicas.addToPool(new PoolEntry(new Sandbox("sb-p" + i, "local", "127.0.0.1", 5000 + i, "h" + i),
                    VIEWPORT, T0.plusSeconds(i), i == 2 ? "cp-b" : "cp-a"));
        }
        replicas.addToPool(new PoolEntry(new Sandbox("sb-hidpi", "local", "127.0.0.1", 5010, "h"),
                new Viewport(1280, 720, 2), T0, "cp-a"));
        assertEquals("sb-p2", replicas.claimFromPool(1, Optional.of("cp-b")).orElseThrow().sandbox().id(),
                "only its own when sandboxes are not reachable from every replica");
        ExecutorService claims = Executors.newFixedThreadPool(4);
        try {
            CyclicBarrier together = new CyclicBarrier(4);
            List<Future<Optional<PoolEntry>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(claims.submit(() -> {
                    together.await();
                    return replicas.claimFromPool(1, Optional.empty());
                }));
            }
            List<String> claimed = new ArrayList<>();
            for (Future<Optional<PoolEntry>> result : results) {
                value(result).ifPresent(e -> claimed.add(e.sandbox().id()));
            }
            assertEquals(List.of("sb-p0", "sb-p1"), claimed.stream().sorted().toList(), "each once, none at dpr 2");
        } finally {
            claims.shutdownNow();
        }
        assertEquals(List.of("sb-hidpi"), replicas.poolOf("cp-a").stream().map(e -> e.sandbox().id()).toList());
        assertTrue(replicas.removeFromPool("sb-hidpi"));
        assertFalse(replicas.removeFromPool("sb-hidpi"), "already gone");
    }

    @Test
    void heartbeatsTellWhoIsAliveAndTheDeadsPoolIsHandedOut() {
        replicas.heartbeat("cp-a", T0, T0.plusSeconds(20), "kid-a");
        replicas.heartbeat("cp-b", T0, T0, "kid-b");
        replicas.heartbeat("cp-b", T0, T0.plusSeconds(1), "kid-b");
        assertEquals(Map.of("cp-a", "kid-a"), replicas.alive(T0.plusSeconds(10)));
        replicas.addToPool(new PoolEntry(new Sandbox("sb-a", "local", "127.0.0.1", 5000, "h"), VIEWPORT, T0, "cp-a"));
        replicas.addToPool(new PoolEntry(new Sandbox("sb-b", "local", "127.0.0.1", 5001, "h"), VIEWPORT, T0, "cp-b"));
        assertEquals(List.of("sb-b"), replicas.takeOrphanedPool(Set.of("cp-a")).stream().map(e -> e.sandbox().id()).toList());
        assertEquals(List.of(), replicas.takeOrphanedPool(Set.of("cp-a")), "handed out once");
        replicas.remove("cp-a");
        assertEquals(Set.of("cp-b"), replicas.alive(T0).keySet(), "a replica that left is not alive, however recent");
    }

    @Test
    void tokensAreRevokedOnce() {
        reserve(starting("s-1", "alice", T0));
        store.insertToken(new TokenRecord("j1", "s-1", Role.VIEWER, T0, T0.plusSeconds(60), null));
        TokenRecord revoked = store.revokeToken("j1", T0.plusSeconds(5)).orElseThrow();
        assertEquals(T0.plusSeconds(5), revoked.revokedAt());
        assertEquals(T0.plusSeconds(5), store.revokeToken("j1", T0.plusSeconds(9)).orElseThrow().revokedAt());
        assertEquals(Optional.empty(), store.revokeToken("nope", T0));
    }

    @Test
    void aSessionMadeReadyAndItsFirstTokenAreStoredTogetherOrNotAtAll() {
        SessionRecord record = starting("s-1", "alice", T0);
        reserve(record);
        SessionRecord ready = record.ready(SANDBOX, T0.plusSeconds(1));
        assertTrue(store.transitionWithToken(SessionStatus.STARTING, ready,
                new TokenRecord("j1", "s-1", Role.CONTROLLER, T0, T0.plusSeconds(60), null)));
        assertEquals(Optional.of(ready), store.find("s-1"));
        assertTrue(store.findToken("j1").isPresent());
        assertFalse(store.transitionWithToken(SessionStatus.STARTING, ready,
                new TokenRecord("j2", "s-1", Role.CONTROLLER, T0, T0.plusSeconds(60), null)), "not starting any more");
        assertEquals(Optional.empty(), store.findToken("j2"), "no token without the transition");
        assertThrows(StoreException.class, () -> store.transitionWithToken(SessionStatus.READY, ready,
                new TokenRecord("j1", "s-1", Role.CONTROLLER, T0, T0.plusSeconds(60), null)));
        assertEquals(Optional.of(ready), store.find("s-1"), "rolled back with the failed token");
    }

    @Test
    void constraintViolationsAreStoreExceptions() {
        reserve(starting("s-1", "alice", T0));
        assertThrows(StoreException.class, () -> reserve(starting("s-1", "alice", T0)));
        assertThrows(StoreException.class, () -> store.insertToken(
                new TokenRecord("j1", "s-unknown", Role.VIEWER, T0, T0, null)));
    }

    @Test
    void dataSurvivesClosingAndReopening() {
        reserve(starting("s-1", "alice", T0));
        database.apiKeys().add("hash", "alice", T0);
        database.close();
        database = reopen();
        store = database.sessions();
        assertTrue(store.find("s-1").isPresent());
        assertEquals(Map.of("hash", "alice"), database.apiKeys().all());
        assertTrue(store.ping());
    }

    private static <T> T value(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static List<String> ids(SessionPage page) {
        return page.sessions().stream().map(SessionRecord::id).toList();
    }
}
