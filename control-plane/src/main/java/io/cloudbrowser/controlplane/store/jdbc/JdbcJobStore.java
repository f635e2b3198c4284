package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.job.JobLogEvent;
import io.cloudbrowser.controlplane.job.JobOutput;
import io.cloudbrowser.controlplane.job.JobRecord;
import io.cloudbrowser.controlplane.job.JobStatus;
import io.cloudbrowser.controlplane.job.JobType;
import io.cloudbrowser.controlplane.store.JobLogPage;
import io.cloudbrowser.controlplane.store.JobPage;
import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.store.JobQuotaException;
import io.cloudbrowser.controlplane.store.SessionPage;
import io.cloudbrowser.protocol.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** {@link JobStore} in portable SQL; claims use {@code FOR UPDATE SKIP LOCKED}, tenant limits a lock row. */
public final class JdbcJobStore implements JobStore {
    private static final String COLUMNS = "id, tenant, job_type, status, attempts, max_attempts, run_after,"
            + " lease_owner, lease_until, idempotency_key, request_json, result_json, error_code, error_message,"
            + " dead_lettered, webhook_url, created_at, provisioning_at, provisioned_at, running_at, ended_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM jobs";
    private static final String INSERT = "INSERT INTO jobs (" + COLUMNS + ", webhook_attempts)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)";
    private static final String UPDATE = "UPDATE jobs SET id = ?, tenant = ?, job_type = ?, status = ?, attempts = ?,"
            + " max_attempts = ?, run_after = ?, lease_owner = ?, lease_until = ?, idempotency_key = ?,"
            + " request_json = ?, result_json = ?, error_code = ?, error_message = ?, dead_lettered = ?,"
            + " webhook_url = ?, created_at = ?, provisioning_at = ?, provisioned_at = ?, running_at = ?,"
            + " ended_at = ?, webhook_next_at = ? WHERE id = ?";
    /** A write that keeps the job held keeps the lease as renewed meanwhile (the writer's copy may be older). */
    private static final String UPDATE_HELD = UPDATE.replace("lease_until = ?", "lease_until = COALESCE(lease_until, ?)");
    private static final String HELD = "status IN ('PROVISIONING', 'PROVISIONED', 'RUNNING')";
    private static final String FENCE = " AND lease_owner = ? AND attempts = ? AND " + HELD;
    private static final String OUTPUT_COLUMNS = "job_id, name, content_type, bytes, storage_key, created_at, expires_at";
    private static final int CLAIM_CANDIDATES = 8;

    private final Jdbc jdbc;

    public JdbcJobStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Submitted submit(JobRecord job, int maxUnfinished) {
        lockRowFor(job.tenant());
        return jdbc.inTransactionReturning(c -> {
            lockTenant(c, job.tenant());
            if (job.idempotencyKey() != null) {
                Optional<JobRecord> same = Jdbc.query(c, SELECT + " WHERE tenant = ? AND idempotency_key = ?", s -> {
                    s.setString(1, job.tenant());
                    s.setString(2, job.idempotencyKey());
                }, JdbcJobStore::job).stream().findFirst();
                if (same.isPresent()) {
                    return new Submitted(same.get(), false);
                }
            }
            long unfinished = Jdbc.query(c, "SELECT count(*) FROM jobs WHERE tenant = ? AND status IN"
                    + " ('QUEUED', 'PROVISIONING', 'PROVISIONED', 'RUNNING')", s -> s.setString(1, job.tenant()),
                    row -> row.getLong(1)).get(0);
            if (unfinished >= maxUnfinished) {
                throw new JobQuotaException(unfinished, maxUnfinished);
            }
            Jdbc.update(c, INSERT, s -> bind(s, job));
            return new Submitted(job, true);
        });
    }

    /** The tenant's lock row exists before any transaction takes it (a failed insert aborts PostgreSQL's). */
    private void lockRowFor(String tenant) {
        jdbc.insertIfAbsent("INSERT INTO job_tenants (tenant) VALUES (?)", s -> s.setString(1, tenant));
    }

    private static void lockTenant(Connection c, String tenant) throws SQLException {
        Jdbc.query(c, "SELECT tenant FROM job_tenants WHERE tenant = ? FOR UPDATE", s -> s.setString(1, tenant),
                row -> row.getString(1));
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return jdbc.query(SELECT + " WHERE id = ?", s -> s.setString(1, id), JdbcJobStore::job).stream().findFirst();
    }

    @Override
    public JobPage list(String tenant, Optional<JobStatus> status, Optional<SessionPage.Cursor> after, int limit) {
        String sql = SELECT + " WHERE tenant = ?" + (status.isPresent() ? " AND status = ?" : "")
                + (after.isPresent() ? " AND (created_at < ? OR (created_at = ? AND id < ?))" : "")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        List<JobRecord> rows = jdbc.query(sql, s -> {
            int i = 1;
            s.setString(i++, tenant);
            if (status.isPresent()) {
                s.setString(i++, status.get().name());
            }
            if (after.isPresent()) {
                s.setLong(i++, after.get().createdAt().toEpochMilli());
                s.setLong(i++, after.get().createdAt().toEpochMilli());
                s.setString(i++, after.get().id());
            }
            s.setInt(i, limit + 1);
        }, JdbcJobStore::job);
        boolean more = rows.size() > limit;
        List<JobRecord> page = more ? rows.subList(0, limit) : rows;
        Optional<SessionPage.Cursor> next = more
                ? Optional.of(new SessionPage.Cursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()))
                : Optional.empty();
        return new JobPage(page, next);
    }

    @Override
    public Optional<JobRecord> claim(String owner, Instant now, Instant leaseUntil, int maxActivePerTenant) {
        return jdbc.inTransactionReturning(c -> {
            List<JobRecord> due = Jdbc.query(c, SELECT + " WHERE (status = 'QUEUED' AND run_after <= ?)"
                    + " OR (" + HELD + " AND lease_until < ?) ORDER BY run_after, created_at LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED", s -> {
                        Jdbc.setMillis(s, 1, now);
                        Jdbc.setMillis(s, 2, now);
                        s.setInt(3, CLAIM_CANDIDATES);
                    }, JdbcJobStore::job);
            for (JobRecord job : due) {
                boolean lapsed = job.status().isActive();
                if (lapsed && !job.attemptsLeft()) {
                    write(c, job.failed(ErrorCode.JOB_INTERRUPTED.wireName(),
                            "the control plane running attempt " + job.attempts() + " stopped", true, now));
                    continue;
                }
                lockTenant(c, job.tenant());
                if (activeOf(c, job.tenant(), now) >= maxActivePerTenant) {
                    continue;
                }
                JobRecord claimed = new JobRecord(job.id(), job.tenant(), job.type(), JobStatus.PROVISIONING,
                        job.attempts() + 1, job.maxAttempts(), job.runAfter(), owner, leaseUntil,
                        job.idempotencyKey(), job.requestJson(), null, job.errorCode(), job.errorMessage(), false,
                        job.webhookUrl(), job.createdAt(), now, null, null, null);
                write(c, claimed);
                return Optional.of(claimed);
            }
            return Optional.<JobRecord>empty();
        });
    }

    private static long activeOf(Connection c, String tenant, Instant now) throws SQLException {
        return Jdbc.query(c, "SELECT count(*) FROM jobs WHERE tenant = ? AND " + HELD + " AND lease_until >= ?", s -> {
            s.setString(1, tenant);
            Jdbc.setMillis(s, 2, now);
        }, row -> row.getLong(1)).get(0);
    }

    @Override
    public boolean update(String owner, int attempt, JobRecord next) {
        return jdbc.inTransactionReturning(c -> fencedWrite(c, owner, attempt, next));
    }

    @Override
    public boolean complete(String owner, int attempt, JobRecord next, List<JobOutput> outputs) {
        return jdbc.inTransactionReturning(c -> {
            if (!fencedWrite(c, owner, attempt, next)) {
                return false;
            }
            for (JobOutput output : outputs) {
                Jdbc.update(c, "INSERT INTO job_outputs (" + OUTPUT_COLUMNS + ") VALUES (?,?,?,?,?,?,?)", s -> {
                    s.setString(1, output.jobId());
                    s.setString(2, output.name());
                    s.setString(3, output.contentType());
                    s.setLong(4, output.bytes());
                    s.setString(5, output.key());
                    Jdbc.setMillis(s, 6, output.createdAt());
                    Jdbc.setMillis(s, 7, output.expiresAt());
                });
            }
            return true;
        });
    }

    private static boolean fencedWrite(Connection c, String owner, int attempt, JobRecord next) throws SQLException {
        return Jdbc.update(c, (next.leaseOwner() != null ? UPDATE_HELD : UPDATE) + FENCE, s -> {
            bindUpdate(s, next);
            s.setString(24, owner);
            s.setInt(25, attempt);
        }) == 1;
    }

    private static void write(Connection c, JobRecord next) throws SQLException {
        Jdbc.update(c, UPDATE, s -> bindUpdate(s, next));
    }

    @Override
    public void releaseLeases(String owner, Instant now) {
        jdbc.update("UPDATE jobs SET lease_until = ? WHERE lease_owner = ? AND " + HELD, s -> {
            Jdbc.setMillis(s, 1, now.minusMillis(1));
            s.setString(2, owner);
        });
    }

    @Override
    public boolean renew(String id, String owner, int attempt, Instant leaseUntil) {
        return jdbc.update("UPDATE jobs SET lease_until = ? WHERE id = ?" + FENCE, s -> {
            Jdbc.setMillis(s, 1, leaseUntil);
            s.setString(2, id);
            s.setString(3, owner);
            s.setInt(4, attempt);
        }) == 1;
    }

    @Override
    public Optional<JobRecord> cancel(String id, Instant now) {
        return jdbc.inTransactionReturning(c -> {
            Optional<JobRecord> job = Jdbc.query(c, SELECT + " WHERE id = ? FOR UPDATE", s -> s.setString(1, id),
                    JdbcJobStore::job).stream().findFirst();
            if (job.isEmpty() || job.get().status().isEnded()) {
                return job;
            }
            JobRecord j = job.get();
            JobRecord cancelled = new JobRecord(j.id(), j.tenant(), j.type(), JobStatus.CANCELLED, j.attempts(),
                    j.maxAttempts(), j.runAfter(), null, null, j.idempotencyKey(), j.requestJson(), null,
                    ErrorCode.JOB_CANCELLED.wireName(), "cancelled by its owner", false, j.webhookUrl(), j.createdAt(), j.provisioningAt(),
                    j.provisionedAt(), j.runningAt(), now);
            write(c, cancelled);
            return Optional.of(cancelled);
        });
    }

    @Override
    public Optional<JobRecord> retry(String id, Instant now) {
        return jdbc.inTransactionReturning(c -> {
            boolean requeued = Jdbc.update(c, "UPDATE jobs SET status = 'QUEUED', attempts = 0, dead_lettered = FALSE,"
                    + " run_after = ?, ended_at = NULL, error_code = NULL, error_message = NULL, webhook_next_at = NULL"
                    + " WHERE id = ? AND dead_lettered = TRUE AND status = 'FAILED'", s -> {
                        Jdbc.setMillis(s, 1, now);
                        s.setString(2, id);
                    }) == 1;
            // read in the same transaction: no worker has claimed it yet
            return requeued ? Jdbc.query(c, SELECT + " WHERE id = ?", s -> s.setString(1, id), JdbcJobStore::job)
                    .stream().findFirst() : Optional.<JobRecord>empty();
        });
    }

    @Override
    public void log(String jobId, int attempt, Instant at, String message) {
        jdbc.update("INSERT INTO job_logs (job_id, attempt, at, message) VALUES (?,?,?,?)", s -> {
            s.setString(1, jobId);
            s.setInt(2, attempt);
            Jdbc.setMillis(s, 3, at);
            s.setString(4, message.length() > 4096 ? message.substring(0, 4093) + "..." : message);
        });
    }

    @Override
    public JobLogPage logs(String jobId, long afterSeq, int limit) {
        List<JobLogEvent> rows = jdbc.query("SELECT seq, attempt, at, message FROM job_logs WHERE job_id = ? AND seq > ?"
                + " ORDER BY seq LIMIT ?", s -> {
                    s.setString(1, jobId);
                    s.setLong(2, afterSeq);
                    s.setInt(3, limit + 1);
                }, row -> new JobLogEvent(row.getLong("seq"), row.getInt("attempt"), Jdbc.getInstant(row, "at"),
                        row.getString("message")));
        boolean more = rows.size() > limit;
        List<JobLogEvent> page = more ? rows.subList(0, limit) : rows;
        return new JobLogPage(page, more ? OptionalLong.of(page.get(limit - 1).seq()) : OptionalLong.empty());
    }

    @Override
    public List<JobOutput> outputs(String jobId) {
        return jdbc.query("SELECT " + OUTPUT_COLUMNS + " FROM job_outputs WHERE job_id = ? ORDER BY created_at, name",
                s -> s.setString(1, jobId), JdbcJobStore::output);
    }

    @Override
    public List<JobOutput> expiredOutputs(Instant now, int limit) {
        return jdbc.query("SELECT " + OUTPUT_COLUMNS + " FROM job_outputs WHERE expires_at < ? ORDER BY expires_at LIMIT ?",
                s -> {
                    Jdbc.setMillis(s, 1, now);
                    s.setInt(2, limit);
                }, JdbcJobStore::output);
    }

    @Override
    public void deleteOutput(String jobId, String name) {
        jdbc.update("DELETE FROM job_outputs WHERE job_id = ? AND name = ?", s -> {
            s.setString(1, jobId);
            s.setString(2, name);
        });
    }

    @Override
    public List<String> endedBefore(Instant cutoff, int limit) {
        return jdbc.query("SELECT id FROM jobs WHERE ended_at < ? ORDER BY ended_at LIMIT ?", s -> {
            Jdbc.setMillis(s, 1, cutoff);
            s.setInt(2, limit);
        }, row -> row.getString(1));
    }

    @Override
    public void delete(String id) {
        jdbc.inTransaction(c -> {
            for (String table : List.of("job_logs", "job_outputs")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE job_id = ?", s -> s.setString(1, id));
            }
            Jdbc.update(c, "DELETE FROM jobs WHERE id = ?", s -> s.setString(1, id));
        });
    }

    @Override
    public Optional<JobRecord> claimWebhook(Instant now, Instant holdUntil) {
        return jdbc.inTransactionReturning(c -> {
            Optional<JobRecord> due = Jdbc.query(c, SELECT + " WHERE webhook_next_at <= ? ORDER BY webhook_next_at"
                    + " LIMIT 1 FOR UPDATE SKIP LOCKED", s -> Jdbc.setMillis(s, 1, now), JdbcJobStore::job)
                    .stream().findFirst();
            if (due.isPresent()) {
                Jdbc.update(c, "UPDATE jobs SET webhook_next_at = ? WHERE id = ?", s -> {
                    Jdbc.setMillis(s, 1, holdUntil);
                    s.setString(2, due.get().id());
                });
            }
            return due;
        });
    }

    @Override
    public void webhookTried(String id, int attempts, Instant nextAt, Instant deliveredAt) {
        jdbc.update("UPDATE jobs SET webhook_attempts = ?, webhook_next_at = ?, webhook_delivered_at = ? WHERE id = ?",
                s -> {
                    s.setInt(1, attempts);
                    Jdbc.setMillis(s, 2, nextAt);
                    Jdbc.setMillis(s, 3, deliveredAt);
                    s.setString(4, id);
                });
    }

    @Override
    public int webhookAttempts(String id) {
        return jdbc.query("SELECT webhook_attempts FROM jobs WHERE id = ?", s -> s.setString(1, id),
                row -> row.getInt(1)).stream().findFirst().orElse(0);
    }

    private static void bind(PreparedStatement s, JobRecord j) throws SQLException {
        s.setString(1, j.id());
        s.setString(2, j.tenant());
        s.setString(3, j.type().wireName());
        s.setString(4, j.status().name());
        s.setInt(5, j.attempts());
        s.setInt(6, j.maxAttempts());
        Jdbc.setMillis(s, 7, j.runAfter());
        s.setString(8, j.leaseOwner());
        Jdbc.setMillis(s, 9, j.leaseUntil());
        s.setString(10, j.idempotencyKey());
        s.setString(11, j.requestJson());
        s.setString(12, j.resultJson());
        s.setString(13, j.errorCode());
        s.setString(14, j.errorMessage());
        s.setBoolean(15, j.deadLettered());
        s.setString(16, j.webhookUrl());
        Jdbc.setMillis(s, 17, j.createdAt());
        Jdbc.setMillis(s, 18, j.provisioningAt());
        Jdbc.setMillis(s, 19, j.provisionedAt());
        Jdbc.setMillis(s, 20, j.runningAt());
        Jdbc.setMillis(s, 21, j.endedAt());
    }

    /** Every column, then the webhook's due time: an ended job with a webhook is due at once. */
    private static void bindUpdate(PreparedStatement s, JobRecord j) throws SQLException {
        bind(s, j);
        if (j.status().isEnded() && j.webhookUrl() != null) {
            Jdbc.setMillis(s, 22, j.endedAt());
        } else {
            s.setNull(22, Types.BIGINT);
        }
        s.setString(23, j.id());
    }

    private static JobRecord job(ResultSet row) throws SQLException {
        return new JobRecord(row.getString("id"), row.getString("tenant"),
                JobType.fromWireName(row.getString("job_type")).orElseThrow(),
                JobStatus.valueOf(row.getString("status")), row.getInt("attempts"), row.getInt("max_attempts"),
                Jdbc.getInstant(row, "run_after"), row.getString("lease_owner"), Jdbc.getInstant(row, "lease_until"),
                row.getString("idempotency_key"), row.getString("request_json"), row.getString("result_json"),
                row.getString("error_code"), row.getString("error_message"), row.getBoolean("dead_lettered"),
                row.getString("webhook_url"), Jdbc.getInstant(row, "created_at"),
                Jdbc.getInstant(row, "provisioning_at"), Jdbc.getInstant(row, "provisioned_at"),
                Jdbc.getInstant(row, "running_at"), Jdbc.getInstant(row, "ended_at"));
    }

    private static JobOutput output(ResultSet row) throws SQLException {
        return new JobOutput(row.getString("job_id"), row.getString("name"), row.getString("content_type"),
                row.getLong("bytes"), row.getString("storage_key"), Jdbc.getInstant(row, "created_at"),
                Jdbc.getInstant(row, "expires_at"));
    }
}
