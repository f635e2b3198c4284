-- Several control planes (replicas) on one database. Portable SQL (H2 and PostgreSQL); times in epoch ms.

-- The replica that runs a live session's duties (health checks, TTL and idle ends, its pool) holds a lease on it;
-- when the lease lapses (the replica died), another one takes the session over.
ALTER TABLE sessions ADD COLUMN owner_replica VARCHAR(64);
ALTER TABLE sessions ADD COLUMN lease_until BIGINT;
-- What the owner last saw of the sandbox, so any replica answers a GET the same way.
ALTER TABLE sessions ADD COLUMN last_activity_at BIGINT;
ALTER TABLE sessions ADD COLUMN viewers INTEGER;
CREATE INDEX sessions_by_lease ON sessions (status, lease_until);

-- Live replicas, by heartbeat; a replica counts as gone once its heartbeat is older than a lease.
-- signing_kid: the key its tokens are signed with, which every replica must trust.
CREATE TABLE replicas (
    id           VARCHAR(64) PRIMARY KEY,
    started_at   BIGINT      NOT NULL,
    heartbeat_at BIGINT      NOT NULL,
    signing_kid  VARCHAR(64) NOT NULL
);

-- One row per user (and '*' for all): creates lock it, so quotas hold exactly across replicas.
CREATE TABLE quota_locks (
    user_id VARCHAR(64) PRIMARY KEY
);

-- Warm sandboxes waiting for a session, shared by the replicas that can reach them; claimed with
-- SELECT ... FOR UPDATE SKIP LOCKED so two creates never get the same one.
CREATE TABLE pool_sandboxes (
    sandbox_id     VARCHAR(64)  PRIMARY KEY,
    sandbox_kind   VARCHAR(32)  NOT NULL,
    sandbox_host   VARCHAR(255) NOT NULL,
    sandbox_port   INTEGER      NOT NULL,
    sandbox_handle VARCHAR(255) NOT NULL,
    viewport_w     INTEGER      NOT NULL,
    viewport_h     INTEGER      NOT NULL,
    viewport_dpr   DOUBLE PRECISION NOT NULL,
    started_at     BIGINT       NOT NULL,
    owner_replica  VARCHAR(64)  NOT NULL
);
CREATE INDEX pool_sandboxes_by_owner ON pool_sandboxes (owner_replica);

-- Request-rate buckets per API key, shared by the replicas on PostgreSQL (bucket4j's state, serialized).
CREATE TABLE rate_buckets (
    id    VARCHAR(128) PRIMARY KEY,
    state BYTEA
);
