-- Portable SQL (H2 and PostgreSQL): times are epoch milliseconds in BIGINT columns.
CREATE TABLE sessions (
    id              VARCHAR(64)  PRIMARY KEY,
    user_id         VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    end_reason      VARCHAR(32),
    viewport_w      INTEGER      NOT NULL,
    viewport_h      INTEGER      NOT NULL,
    viewport_dpr    DOUBLE PRECISION NOT NULL,
    start_url       VARCHAR(2048),
    idle_timeout_ms BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL,
    ready_at        BIGINT,
    expires_at      BIGINT       NOT NULL,
    ended_at        BIGINT,
    sandbox_id      VARCHAR(64),
    sandbox_kind    VARCHAR(32),
    sandbox_host    VARCHAR(255),
    sandbox_port    INTEGER,
    sandbox_handle  VARCHAR(255)
);
CREATE INDEX sessions_by_user ON sessions (user_id, created_at DESC, id DESC);
CREATE INDEX sessions_by_status ON sessions (status);

CREATE TABLE session_tokens (
    jti        VARCHAR(64) PRIMARY KEY,
    session_id VARCHAR(64) NOT NULL REFERENCES sessions (id),
    role       VARCHAR(16) NOT NULL,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX session_tokens_by_session ON session_tokens (session_id);

-- Only SHA-256 hashes of API keys are kept; the key itself is shown once when generated.
CREATE TABLE api_keys (
    key_hash   VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL
);
