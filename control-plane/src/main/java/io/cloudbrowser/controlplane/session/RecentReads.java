package io.cloudbrowser.controlplane.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions another replica owns, as this one last read them from the store, for a moment: a client polling a
 * session through the replica that does not own it reads the database once per {@link #FRESH_FOR}, not once per
 * request. That is as fresh as the owner's own answers (it writes activity and changes at most every reaper
 * pass); a delete through this replica forgets its copy at once.
 */
final class RecentReads {
    static final Duration FRESH_FOR = Duration.ofMillis(500);
    private static final int MAX_ENTRIES = 10_000;

    private record Read(SessionView view, Instant at) {
    }

    private final Map<String, Read> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    RecentReads(Clock clock) {
        this.clock = clock;
    }

    Optional<SessionView> get(String id) {
        Read read = byId.get(id);
        if (read == null || read.at().plus(FRESH_FOR).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(read.view());
    }

    void put(SessionView view) {
        if (byId.size() >= MAX_ENTRIES) {
            byId.clear();
        }
        byId.put(view.record().id(), new Read(view, clock.instant()));
    }

    void forget(String id) {
        byId.remove(id);
    }
}
