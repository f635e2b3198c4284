package io.cloudbrowser.controlplane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void burstThenRefusedWithRetryAfterThenRefilled() {
        RateLimiter limiter = RateLimiter.local(10, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), limiter.tryAcquire("k"));
        }
        OptionalLong wait = limiter.tryAcquire("k");
        assertTrue(wait.isPresent() && wait.getAsLong() >= 1);
        assertEquals(OptionalLong.empty(), limiter.tryAcquire("other key"));
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> limiter.tryAcquire("k").isEmpty());
    }
}
