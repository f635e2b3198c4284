package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.store.PoolEntry;
import io.cloudbrowser.controlplane.store.ReplicaStore;
import io.cloudbrowser.controlplane.store.StoreException;
import io.cloudbrowser.controlplane.token.SigningKeys;
import io.cloudbrowser.protocol.token.KeyIds;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each replica does every reaper pass so that duties are shared and survive a replica's death: its
 * heartbeat; its session leases (and letting go of sessions ended or taken over elsewhere); taking over
 * sessions whose owner's lease lapsed; stopping pool sandboxes of replicas that are gone.
 */
public final class ReplicaDuties {
    private static final Logger log = LoggerFactory.getLogger(ReplicaDuties.class);

    private final Replica replica;
    private final SigningKeys keys;
    private final ReplicaStore replicas;
    private final SessionLifecycle lifecycle;
    private final SandboxProvider provider;
    private final Clock clock;

    public ReplicaDuties(Replica replica, SigningKeys keys, ReplicaStore replicas, SessionService sessions,
                         SandboxProvider provider, Clock clock) {
        this.replica = replica;
        this.keys = keys;
        this.replicas = replicas;
        this.lifecycle = sessions.lifecycle();
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * Joins the replicas on this database, unless one of them signs tokens with a key this one does not trust:
     * then the tokens of one replica would be refused by the other's gateway and sandboxes.
     *
     * @throws IllegalStateException naming the replica and the key
     */
    public void join() {
        Instant now = clock.instant();
        Set<String> trusted = keys.trusted().stream().map(KeyIds::of).collect(Collectors.toSet());
        replicas.alive(now.minus(replica.lease())).forEach((other, kid) -> {
            if (!other.equals(replica.id()) && !trusted.contains(kid)) {
                throw new IllegalStateException("replica " + other + " signs tokens with key " + kid + ", which this "
                        + "control plane does not trust: give every replica the same CP_KEYS_DIR");
            }
        });
        replicas.heartbeat(replica.id(), replica.startedAt(), now, keys.keyId());
    }

    void run() {
        try {
            Instant now = clock.instant();
            replicas.heartbeat(replica.id(), replica.startedAt(), now, keys.keyId());
            lifecycle.renew();
            lifecycle.takeOverLapsed();
            Set<String> alive = replicas.alive(now.minus(replica.lease())).keySet();
            for (PoolEntry orphan : replicas.takeOrphanedPool(alive)) {
                log.warn("stopping pool sandbox {} of replica {}, which is gone", orphan.sandbox().id(), orphan.owner());
                provider.stop(orphan.sandbox());
            }
        } catch (StoreException e) {
            log.warn("replica duties failed this pass: {}", e.getMessage());
        }
    }

    /** A clean stop: the replica leaves the registry, so its pool is stopped at once by the others. */
    public void leave() {
        try {
            replicas.remove(replica.id());
        } catch (StoreException e) {
            log.warn("cannot leave the replica registry: {}", e.getMessage());
        }
    }
}
