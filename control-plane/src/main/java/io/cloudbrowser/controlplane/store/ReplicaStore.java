package io.cloudbrowser.controlplane.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the control-plane replicas on one database share beside sessions: who is alive (heartbeats), and the
 * warm pool. Every method may throw {@link StoreException}.
 */
public interface ReplicaStore {
    /** Records that {@code replica}, signing tokens with the key {@code signingKeyId}, is alive at {@code now}. */
    void heartbeat(String replica, Instant startedAt, Instant now, String signingKeyId);

    /** Replicas whose last heartbeat is at or after {@code since}, with the key each signs with. */
    Map<String, String> alive(Instant since);

    /** A replica that stops cleanly says so, and its pool is left to be stopped. */
    void remove(String replica);

    void addToPool(PoolEntry entry);

    /**
     * Takes one pool sandbox at this pixel ratio, oldest first, so no other replica gets it.
     *
     * @param onlyOf the replica whose entries may be taken; empty = any (sandboxes every replica can reach)
     */
    Optional<PoolEntry> claimFromPool(double dpr, Optional<String> onlyOf);

    /** Removes the entry; false when it was already gone (claimed meanwhile). */
    boolean removeFromPool(String sandboxId);

    List<PoolEntry> poolOf(String replica);

    /** Entries of replicas that are not in {@code alive}, removed: the caller stops their sandboxes. */
    List<PoolEntry> takeOrphanedPool(Set<String> alive);
}
