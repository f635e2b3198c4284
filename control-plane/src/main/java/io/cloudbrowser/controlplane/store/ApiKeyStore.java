package io.cloudbrowser.controlplane.store;

import java.time.Instant;
import java.util.Map;

/** Stored API keys, by SHA-256 hash (hex); configured keys never land here. */
public interface ApiKeyStore {
    void add(String keyHash, String userId, Instant createdAt);

    /** key hash -> user id. */
    Map<String, String> all();
}
