package io.cloudbrowser.protocol.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RevocationListTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Duration RETENTION = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(NOW);
    private final RevocationList list = new RevocationList(clock, RETENTION, 3);

    @Test
    void remembersATokenUntilExpiryPlusRetention() {
        list.revoke("a", NOW.plusSeconds(60));

        clock.advance(Duration.ofSeconds(89));
        assertTrue(list.isRevoked("a"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(list.isRevoked("a"));
        assertEquals(0, list.size());
    }

    @Test
    void ignoresATokenAlreadyPastUse() {
        list.revoke("old", NOW.minus(RETENTION));
        assertFalse(list.isRevoked("old"));
    }

    @Test
    void keepsTheLaterExpiryWhenRevokedTwice() {
        list.revoke("a", NOW.plusSeconds(100));
        list.revoke("a", NOW.plusSeconds(10));
        clock.advance(Duration.ofSeconds(60));
        assertTrue(list.isRevoked("a"));
        assertEquals(1, list.size());
    }

    @Test
    void whenFullDropsTheEntryClosestToExpiry() {
        list.revoke("late", NOW.plusSeconds(300));
        list.revoke("soon", NOW.plusSeconds(10));
        list.revoke("middle", NOW.plusSeconds(100));
        list.revoke("new", NOW.plusSeconds(200));

        assertFalse(list.isRevoked("soon"));
        assertTrue(list.isRevoked("late") && list.isRevoked("middle") && list.isRevoked("new"));
        assertEquals(3, list.size());
    }

    @Test
    void staysWithinCapacityUnderConcurrentRevocations() throws Exception {
        RevocationList shared = new RevocationList(clock, RETENTION, 100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 1000; i++) {
                        shared.revoke(thread + "-" + i, NOW.plusSeconds(60 + i));
                        shared.isRevoked(thread + "-" + (i / 2));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100, shared.size());
        assertTrue(shared.isRevoked("0-999"));
    }

    @Test
    void refusesANonPositiveCapacity() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RevocationList(clock, RETENTION, 0));
        assertEquals("capacity: 0 (expected: > 0)", e.getMessage());
    }
}
