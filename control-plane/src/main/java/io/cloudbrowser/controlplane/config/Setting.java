package io.cloudbrowser.controlplane.config;

import java.util.Locale;

/**
 * Every setting, named once: environment variable {@code CP_<NAME>}, flag {@code --<name>}.
 * A flag wins over the environment, the environment over the default. Durations are seconds
 * ({@code 300}) or ISO-8601 ({@code PT5M}). Settings of one sandbox provider are grouped under it.
 * The README's settings tables mirror this list.
 */
public enum Setting {
    HOST("127.0.0.1", "address the HTTP server binds"),
    PORT("8080", "HTTP port; 0 = any free port"),
    PUBLIC_URL("", "base URL clients reach this server at (wsUrl, viewerUrl); empty = http://HOST:PORT"),
    DATA_DIR("./data", "directory for the database, the token key pair and session logs"),
    KEYS_DIR("", "directory of the token signing keys (a volume every replica mounts); empty = keys/ in the data directory"),
    SANDBOX_PROVIDER("local", "where sandboxes run: local (child processes on this machine)"),
    API_KEYS("", "comma list of user:key (key >= 16 chars); empty and none stored = one is generated and printed"),
    MAX_SESSIONS_PER_USER("5", "live sessions one user may hold; more = 429 quota_exceeded"),
    MAX_SESSIONS("20", "live sessions on this control plane (the warm pool comes on top); more = 503 capacity_exhausted"),
    RATE_LIMIT("10", "API requests per second per key (refill rate)"),
    RATE_BURST("20", "API requests a key may burst above the rate"),
    WARM_POOL_SIZE("1", "started browserd sandboxes waiting to be claimed by a new session"),
    WARM_POOL_MAX_AGE("3600", "a pool sandbox unclaimed this long is replaced by a fresh one"),
    BROWSERD_JAR(Group.LOCAL, "", "browserd jar; empty = browserd/target/browserd.jar under the working dir, else next to this jar"),
    JAVA(Group.LOCAL, "", "java executable for sandboxes; empty = the one running the control plane"),
    SANDBOX_JVM_OPTIONS(Group.LOCAL, "-XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1",
            "JVM options for each browserd (space-separated): small heap and fast start for a one-session daemon"),
    DEFAULT_TTL("3600", "session lifetime when a request names no ttlSeconds"),
    MAX_TTL("86400", "largest ttlSeconds a request may ask for"),
    DEFAULT_IDLE_TIMEOUT("300", "idle timeout when a request names no idleTimeoutSeconds"),
    MAX_IDLE_TIMEOUT("3600", "largest idleTimeoutSeconds a request may ask for"),
    DEFAULT_VIEWPORT("1280x720", "viewport when a request names none: WIDTHxHEIGHT[@DPR]"),
    SANDBOX_START_TIMEOUT("60", "how long a sandbox may take to report ready"),
    SANDBOX_STOP_TIMEOUT("10", "how long a stopping sandbox gets after SIGTERM before it is killed"),
    REAPER_INTERVAL("1", "how often live sessions are checked (TTL, idle, health) and leases renewed"),
    REPLICA_ID("", "this control plane's id among the replicas on one database; empty = one kept in the data directory"),
    LEASE("10", "how long a replica's sessions stay its own without a renewal: after it dies, another takes them over"),
    ALLOWED_ORIGINS("", "comma list of extra browser origins allowed on the WebSocket (the public URL's, and same-origin pages, always are)"),
    DATABASE_URL(Group.DATABASE, "", "JDBC URL of the store (jdbc:postgresql://host/db or jdbc:h2:...); empty = the"
            + " embedded H2 file in the data directory"),
    DATABASE_USER(Group.DATABASE, "", "database user (or in the URL)"),
    DATABASE_PASSWORD(Group.DATABASE, "", "database password; prefer the environment or a file to a flag (ps shows flags)"),
    DATABASE_PASSWORD_FILE(Group.DATABASE, "", "file holding the database password (a mounted Secret), read once at start"),
    DATABASE_POOL_SIZE(Group.DATABASE, "16", "connections this control plane keeps open to the database at most"),
    JOB_WORKERS(Group.JOBS, "2", "jobs this control plane runs at once (each in its own sandbox); 0 = none"),
    JOB_MAX_ATTEMPTS(Group.JOBS, "3", "attempts of a job whose sandbox or browser fails before it is dead-lettered"),
    JOB_LEASE(Group.JOBS, "30", "how long a claimed job stays its worker's without a renewal (renewed every third of it)"),
    JOB_RETRY_BACKOFF(Group.JOBS, "2", "wait before a failed attempt's retry; doubled for each further attempt"),
    MAX_JOBS_PER_USER(Group.JOBS, "100", "queued and running jobs one user may have; more = 429 job_quota_exceeded"),
    MAX_RUNNING_JOBS_PER_USER(Group.JOBS, "4", "jobs of one user running at once; the rest wait in the queue"),
    JOB_MAX_WAIT(Group.JOBS, "60", "the longest ?wait= a POST /api/jobs may hold its answer for"),
    JOB_URL_TTL(Group.JOBS, "3600", "how long an output's signed URL is valid"),
    JOB_OUTPUT_RETENTION(Group.JOBS, "P7D", "outputs are deleted this long after they were made"),
    JOB_RETENTION(Group.JOBS, "P30D", "job records and their logs are deleted this long after the job ended"),
    JOB_SWEEP_INTERVAL(Group.JOBS, "600", "how often expired outputs and job records are deleted"),
    WEBHOOK_URL_POLICY(Group.JOBS, "", "webhook targets allowed beside public addresses: host[:port] entries (* = any"
            + " port), as BROWSERD_URL_POLICY; private, loopback and metadata addresses are refused otherwise"),
    ARTIFACT_STORE(Group.JOBS, "filesystem", "where job outputs are kept: filesystem (signed by this server) or s3"),
    ARTIFACT_DIR(Group.JOBS, "", "filesystem: directory of the outputs; empty = artifacts/ in the data directory"),
    S3_BUCKET(Group.JOBS, "", "s3: the bucket"),
    S3_REGION(Group.JOBS, "us-east-1", "s3: the region"),
    S3_ENDPOINT(Group.JOBS, "", "s3: an S3-compatible endpoint URL; empty = AWS's"),
    S3_PATH_STYLE(Group.JOBS, "false", "s3: true = bucket in the path (S3-compatible servers)"),
    S3_ENCRYPTION(Group.JOBS, "AES256", "s3: server-side encryption, AES256 or aws:kms; empty = the bucket's default");

    /** Which part of the control plane a setting configures. */
    public enum Group {
        GENERAL("general"),
        DATABASE("database (CP_DATABASE_URL)"),
        LOCAL("local sandbox provider (CP_SANDBOX_PROVIDER=local)"),
        JOBS("browser jobs and their outputs");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Group group;
    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this(Group.GENERAL, defaultValue, description);
    }

    Setting(Group group, String defaultValue, String description) {
        this.group = group;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public Group group() {
        return group;
    }

    public String envName() {
        return "CP_" + name();
    }

    public String flagName() {
        return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
