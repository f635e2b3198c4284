package io.cloudbrowser.protocol.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Token ids ({@code jti}) refused before their expiry. An entry is kept until its token could no
 * longer pass the expiry check anyway ({@code expiresAt + retention}), so the set stays small.
 *
 * <p>The set is capped: when full, the entry closest to expiry is dropped to make room. That
 * token then becomes usable again for at most its short remaining life, which beats refusing the
 * new revocation (that token would stay usable for its whole life). Only the trusted control plane
 * revokes, so reaching the cap means a bug there, not an attack.
 */
final class RevocationList {
    private record Entry(Instant forgetAt, String jti) {
    }

    private static final Comparator<Entry> BY_FORGET_TIME =
            Comparator.comparing(Entry::forgetAt).thenComparing(Entry::jti);

    private final Clock clock;
    private final Duration retention;
    private final int capacity;
    private final Map<String, Instant> forgetAtByJti = new HashMap<>();
    private final TreeSet<Entry> byForgetTime = new TreeSet<>(BY_FORGET_TIME);

    RevocationList(Clock clock, Duration retention, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.capacity = capacity;
    }

    synchronized void revoke(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Instant forgetAt = expiresAt.plus(retention);
        forgetExpired();
        Instant previous = forgetAtByJti.get(jti);
        if (previous != null) {
            if (!forgetAt.isAfter(previous)) {
                return;
            }
            byForgetTime.remove(new Entry(previous, jti));
            forgetAtByJti.remove(jti);
        }
        if (!forgetAt.isAfter(clock.instant())) {
            return; // the token is already past any use
        }
        if (forgetAtByJti.size() >= capacity) {
            forgetAtByJti.remove(byForgetTime.pollFirst().jti());
        }
        forgetAtByJti.put(jti, forgetAt);
        byForgetTime.add(new Entry(forgetAt, jti));
    }

    synchronized boolean isRevoked(String jti) {
        forgetExpired();
        return forgetAtByJti.containsKey(jti);
    }

    synchronized int size() {
        forgetExpired();
        return forgetAtByJti.size();
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        while (!byForgetTime.isEmpty() && !byForgetTime.first().forgetAt().isAfter(now)) {
            forgetAtByJti.remove(byForgetTime.pollFirst().jti());
        }
    }
}
