package io.cloudbrowser.controlplane.policy;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Requests per API key: a token bucket of {@code burst} refilled at {@code perSecond}. On one control plane the
 * buckets live in memory; replicas on PostgreSQL share them in the database (bucket4j's proxy), so a key gets its
 * rate in all, not per replica. Each replica may spend a few tokens before it syncs
 * ({@value #UNSYNCED_TOKENS_PER_SECOND_SHARE} of a second's rate, for at most {@link #MAX_UNSYNCED}), which
 * keeps one database round trip off most requests at the cost of that much overshoot. Keys are a closed set
 * (configured or stored), so one bucket per key stays bounded.
 */
public final class RateLimiter {
    /** The share of a second's rate a replica may spend before it syncs with the shared bucket. */
    static final double UNSYNCED_TOKENS_PER_SECOND_SHARE = 0.1;
    static final Duration MAX_UNSYNCED = Duration.ofMillis(200);

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Function<String, Bucket> newBucket;

    private RateLimiter(Function<String, Bucket> newBucket) {
        this.newBucket = newBucket;
    }

    /** Buckets in this process: one control plane. */
    public static RateLimiter local(int perSecond, int burst) {
        return new RateLimiter(key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1))).build());
    }

    /** Buckets every replica shares. */
    public static RateLimiter shared(ProxyManager<String> proxies, int perSecond, int burst) {
        BucketConfiguration configuration = configuration(perSecond, burst);
        long unsynced = Math.max(1, Math.round(perSecond * UNSYNCED_TOKENS_PER_SECOND_SHARE));
        DelayParameters delay = new DelayParameters(unsynced, MAX_UNSYNCED);
        return new RateLimiter(key -> proxies.builder().withOptimization(Optimizations.delaying(delay))
                .build(key, () -> configuration));
    }

    private static BucketConfiguration configuration(int perSecond, int burst) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    /** Empty when the request may go on; else the seconds to wait (at least 1), for Retry-After. */
    public OptionalLong tryAcquire(String keyId) {
        ConsumptionProbe probe = buckets.computeIfAbsent(keyId, newBucket).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
        return OptionalLong.of(Math.max(1, seconds));
    }
}
