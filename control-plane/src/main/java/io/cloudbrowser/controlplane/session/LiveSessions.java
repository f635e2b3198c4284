package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.SessionRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live sessions of this control plane, and the quotas checked when one is added. */
final class LiveSessions {
    private final int maxPerUser;
    private final int maxTotal;
    private final Map<String, LiveSession> byId = new ConcurrentHashMap<>();

    LiveSessions(int maxPerUser, int maxTotal) {
        this.maxPerUser = maxPerUser;
        this.maxTotal = maxTotal;
    }

    /** Adds the session if the user's quota and the machine's capacity allow it. */
    synchronized LiveSession reserve(SessionRecord record) {
        long mine = byId.values().stream().filter(s -> s.record().userId().equals(record.userId())).count();
        if (mine >= maxPerUser) {
            throw new SessionException(SessionException.Kind.QUOTA_EXCEEDED,
                    "user " + record.userId() + " already has " + mine + " live sessions (max " + maxPerUser + ")");
        }
        if (byId.size() >= maxTotal) {
            throw new SessionException(SessionException.Kind.CAPACITY_EXHAUSTED,
                    "this control plane runs " + byId.size() + " sessions, its maximum");
        }
        return add(record);
    }

    /** Adds without quota checks: sessions adopted after a restart were admitted before. */
    LiveSession add(SessionRecord record) {
        LiveSession live = new LiveSession(record);
        byId.put(record.id(), live);
        return live;
    }

    Optional<LiveSession> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    void remove(String id) {
        byId.remove(id);
    }

    Collection<LiveSession> all() {
        return List.copyOf(byId.values());
    }
}
