package io.cloudbrowser.browserd.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the session must end: max lifetime before idleness, nothing while unclaimed, a claim restarts the term. */
class SessionLimitsTest {
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void idleTimeoutCountsFromTheLastActivity() {
        SessionLimits limits = SessionLimits.running(IDLE, MAX, 0);
        assertNull(limits.exceeded(9_999, 0));
        assertEquals(SessionLimits.IDLE_TIMEOUT, limits.exceeded(10_000, 0));
        assertNull(limits.exceeded(15_000, 6_000), "activity moves the deadline");
    }

    @Test
    void maxLifetimeEndsEvenAnActiveSessionAndComesFirst() {
        SessionLimits limits = SessionLimits.running(IDLE, MAX, 1_000);
        assertNull(limits.exceeded(60_999, 60_999));
        assertEquals(SessionLimits.MAX_LIFETIME, limits.exceeded(61_000, 61_000));
        assertEquals(SessionLimits.MAX_LIFETIME, limits.exceeded(61_000, 0), "both are over: lifetime is named");
    }

    @Test
    void anUnclaimedDaemonNeverExpiresAndAClaimStartsItsTerm() {
        SessionLimits limits = SessionLimits.waiting(IDLE, MAX);
        assertNull(limits.exceeded(Long.MAX_VALUE / 2, 0));
        assertEquals(IDLE, limits.idleTimeout());

        limits.start(Duration.ofSeconds(120), Duration.ofSeconds(600), 1_000_000);
        assertEquals(Duration.ofSeconds(120), limits.idleTimeout());
        assertEquals(Duration.ofSeconds(600), limits.maxLifetime());
        assertNull(limits.exceeded(1_100_000, 1_000_000), "the claim restarted the lifetime and the idle clock's limit");
        assertEquals(SessionLimits.IDLE_TIMEOUT, limits.exceeded(1_120_000, 1_000_000));
        assertEquals(SessionLimits.MAX_LIFETIME, limits.exceeded(1_600_000, 1_599_000));
    }
}
