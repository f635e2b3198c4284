package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.store.PoolEntry;
import io.cloudbrowser.controlplane.store.ReplicaStore;
import io.cloudbrowser.controlplane.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
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
    private final ReplicaStore replicas;
    private final SessionLifecycle lifecycle;
    private final SandboxProvider provider;
    private final Clock clock;

    public ReplicaDuties(Replica replica, ReplicaStore replicas, SessionService sessions, SandboxProvider provider,
                         Clock clock) {
        this.replica = replica;
        this.replicas = replicas;
        this.lifecycle = sessions.lifecycle();
        this.provider = provider;
        this.clock = clock;
    }

    void run() {
        try {
            Instant now = clock.instant();
            replicas.heartbeat(replica.id(), replica.startedAt(), now);
            lifecycle.renew();
            lifecycle.takeOverLapsed();
            Set<String> alive = replicas.alive(now.minus(replica.lease()));
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
