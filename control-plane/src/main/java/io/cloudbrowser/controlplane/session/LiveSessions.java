package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.SessionRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live sessions this replica owns, in memory. Quotas are the store's: they hold across replicas. */
final class LiveSessions {
    private final Map<String, LiveSession> byId = new ConcurrentHashMap<>();

    /** @param record as the store has it, owned by this replica */
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
