package io.cloudbrowser.controlplane.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.job.JobLogEvent;
import io.cloudbrowser.controlplane.job.JobOutput;
import io.cloudbrowser.controlplane.job.JobRecord;
import io.cloudbrowser.controlplane.job.JobStatus;
import io.cloudbrowser.controlplane.job.JobType;
import io.cloudbrowser.controlplane.store.jdbc.JdbcDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do, on each database the store supports: the queue replicas share, so the
 * concurrency rows (claims, lapsed leases, fencing, tenant limits) matter most.
 */
public abstract class JobStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final int NO_LIMIT = 1000;

    private JdbcDatabase database;
    private JobStore jobs;

    /** A fresh, empty database, opened and migrated as the control plane opens it. */
    protected abstract JdbcDatabase openFresh();

    @BeforeEach
    void open() {
        database = openFresh();
        jobs = database.jobs();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static JobRecord job(String id, String tenant, Instant at, String key) {
        return JobRecord.queued(id, tenant, JobType.SCREENSHOT, 3, key, "{\"url\":\"http://127.0.0.1/\"}", null, at);
    }

    private JobRecord submitted(String id, String tenant, Instant at) {
        return jobs.submit(job(id, tenant, at, null), NO_LIMIT).job();
    }

    @Test
    void aJobSurvivesTheRoundTripAndTheSameIdempotencyKeyFindsIt() {
        JobRecord first = job("j-1", "alice", T0, "key-1");
        assertTrue(jobs.submit(first, NO_LIMIT).created());
        assertEquals(Optional.of(first), jobs.find("j-1"));
        JobStore.Submitted again = jobs.submit(job("j-2", "alice", T0.plusSeconds(1), "key-1"), NO_LIMIT);
        assertFalse(again.created());
        assertEquals("j-1", again.job().id());
        assertTrue(jobs.submit(job("j-3", "bob", T0, "key-1"), NO_LIMIT).created(), "keys are per tenant");
        assertTrue(jobs.find("j-2").isEmpty());
    }

    @Test
    void aTenantAtItsLimitOfUnfinishedJobsIsRefused() {
        jobs.submit(job("j-1", "alice", T0, null), 2);
        jobs.submit(job("j-2", "alice", T0, null), 2);
        assertThrows(JobQuotaException.class, () -> jobs.submit(job("j-3", "alice", T0, null), 2));
        jobs.submit(job("j-4", "bob", T0, null), 2);
        JobRecord claimed = jobs.claim("cp-a", T0, T0.plusSeconds(30), NO_LIMIT).orElseThrow();
        jobs.update("cp-a", 1, claimed.completed("{}", T0.plusSeconds(1)));
        jobs.submit(job("j-5", "alice", T0, null), 2);
    }

    @Test
    void concurrentClaimersGetEveryJobExactlyOnce() throws Exception {
        int count = 24;
        for (int i = 0; i < count; i++) {
            submitted("j-" + i, "t" + (i % 3), T0.plusMillis(i));
        }
        int workers = 4;
        CyclicBarrier together = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String owner = "cp-" + w;
                Callable<List<String>> claimAll = () -> {
                    together.await();
                    List<String> mine = new ArrayList<>();
                    Optional<JobRecord> next;
                    while ((next = jobs.claim(owner, T0.plusSeconds(1), T0.plusSeconds(60), NO_LIMIT)).isPresent()) {
                        mine.add(next.get().id());
                    }
                    return mine;
                };
                results.add(pool.submit(claimAll));
            }
            Set<String> all = new HashSet<>();
            int total = 0;
            for (Future<List<String>> r : results) {
                List<String> mine = r.get();
                total += mine.size();
                all.addAll(mine);
            }
            assertEquals(count, total, "no job claimed twice");
            assertEquals(count, all.size(), "every job claimed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLapsedLeaseIsClaimedAgainAndTheOldHolderIsFencedOff() {
        submitted("j-1", "alice", T0);
        JobRecord first = jobs.claim("cp-a", T0, T0.plusSeconds(10), NO_LIMIT).orElseThrow();
        assertEquals(JobStatus.PROVISIONING, first.status());
        assertEquals(1, first.attempts());
        assertTrue(jobs.claim("cp-b", T0.plusSeconds(5), T0.plusSeconds(15), NO_LIMIT).isEmpty(), "the lease holds");
        assertTrue(jobs.renew("j-1", "cp-a", 1, T0.plusSeconds(20)));
        assertTrue(jobs.claim("cp-b", T0.plusSeconds(15), T0.plusSeconds(25), NO_LIMIT).isEmpty(), "renewed");

        JobRecord second = jobs.claim("cp-b", T0.plusSeconds(21), T0.plusSeconds(40), NO_LIMIT).orElseThrow();
        assertEquals(2, second.attempts());
        assertEquals("cp-b", second.leaseOwner());
        assertFalse(jobs.renew("j-1", "cp-a", 1, T0.plusSeconds(50)));
        assertFalse(jobs.update("cp-a", 1, first.completed("{}", T0.plusSeconds(22))), "the old attempt is fenced");
        assertTrue(jobs.complete("cp-b", 2, second.completed("{\"ok\":true}", T0.plusSeconds(23)), List.of()));
        assertEquals(JobStatus.COMPLETED, jobs.find("j-1").orElseThrow().status());
    }

    @Test
    void aWriteOfTheHolderKeepsTheLeaseAsRenewed() {
        submitted("j-1", "alice", T0);
        JobRecord held = jobs.claim("cp-a", T0, T0.plusSeconds(10), NO_LIMIT).orElseThrow();
        assertTrue(jobs.renew("j-1", "cp-a", 1, T0.plusSeconds(40)));
        assertTrue(jobs.update("cp-a", 1, held.advanced(JobStatus.PROVISIONED, T0.plusSeconds(35))));
        assertTrue(jobs.claim("cp-b", T0.plusSeconds(36), T0.plusSeconds(46), NO_LIMIT).isEmpty(),
                "the holder's older copy of the lease did not shorten it");
        assertEquals(JobStatus.PROVISIONED, jobs.find("j-1").orElseThrow().status());
    }

    @Test
    void aLapsedJobWithoutAttemptsLeftIsDeadLetteredAndRetryRequeuesIt() {
        submitted("j-1", "alice", T0);
        Instant now = T0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            JobRecord held = jobs.claim("cp-" + attempt, now, now.plusSeconds(10), NO_LIMIT).orElseThrow();
            assertEquals(attempt, held.attempts());
            now = now.plusSeconds(11);
        }
        assertTrue(jobs.claim("cp-4", now, now.plusSeconds(10), NO_LIMIT).isEmpty());
        JobRecord dead = jobs.find("j-1").orElseThrow();
        assertEquals(JobStatus.FAILED, dead.status());
        assertTrue(dead.deadLettered());
        assertEquals("job_interrupted", dead.errorCode());

        JobRecord again = jobs.retry("j-1", now).orElseThrow();
        assertEquals(again, jobs.find("j-1").orElseThrow());
        assertEquals(JobStatus.QUEUED, again.status());
        assertEquals(0, again.attempts());
        assertFalse(again.deadLettered());
        assertTrue(jobs.retry("j-1", now).isEmpty(), "only a dead-lettered job");
        assertEquals(1, jobs.claim("cp-5", now, now.plusSeconds(10), NO_LIMIT).orElseThrow().attempts());
    }

    @Test
    void aRequeuedJobWaitsForItsBackoff() {
        submitted("j-1", "alice", T0);
        JobRecord held = jobs.claim("cp-a", T0, T0.plusSeconds(10), NO_LIMIT).orElseThrow();
        assertTrue(jobs.update("cp-a", 1, held.requeued("sandbox_failed", "did not start", T0.plusSeconds(5))));
        assertTrue(jobs.claim("cp-a", T0.plusSeconds(4), T0.plusSeconds(14), NO_LIMIT).isEmpty());
        JobRecord again = jobs.claim("cp-a", T0.plusSeconds(5), T0.plusSeconds(15), NO_LIMIT).orElseThrow();
        assertEquals(2, again.attempts());
        assertEquals("sandbox_failed", again.errorCode(), "the last error stays visible while it runs again");
    }

    @Test
    void aTenantAtItsActiveLimitWaitsWhileOthersRun() {
        submitted("j-1", "alice", T0);
        submitted("j-2", "alice", T0.plusMillis(1));
        submitted("j-3", "bob", T0.plusMillis(2));
        Instant now = T0.plusSeconds(1);
        assertEquals("j-1", jobs.claim("cp-a", now, now.plusSeconds(10), 1).orElseThrow().id());
        assertEquals("j-3", jobs.claim("cp-a", now, now.plusSeconds(10), 1).orElseThrow().id());
        assertTrue(jobs.claim("cp-a", now, now.plusSeconds(10), 1).isEmpty());
    }

    @Test
    void cancellingEndsTheJobAndItsHolderLosesTheLease() {
        submitted("j-1", "alice", T0);
        jobs.claim("cp-a", T0, T0.plusSeconds(10), NO_LIMIT).orElseThrow();
        JobRecord cancelled = jobs.cancel("j-1", T0.plusSeconds(1)).orElseThrow();
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(T0.plusSeconds(1), cancelled.endedAt());
        assertFalse(jobs.renew("j-1", "cp-a", 1, T0.plusSeconds(20)));
        assertEquals(JobStatus.CANCELLED, jobs.cancel("j-1", T0.plusSeconds(2)).orElseThrow().status());
        assertTrue(jobs.cancel("j-none", T0).isEmpty());
    }

    @Test
    void aTenantsJobsAreListedNewestFirstByStatusAndPage() {
        for (int i = 0; i < 5; i++) {
            submitted("j-" + i, "alice", T0.plusSeconds(i));
        }
        submitted("j-bob", "bob", T0.plusSeconds(9));
        JobRecord held = jobs.claim("cp-a", T0.plusSeconds(10), T0.plusSeconds(20), NO_LIMIT).orElseThrow();
        assertEquals("j-0", held.id());
        JobPage first = jobs.list("alice", Optional.empty(), Optional.empty(), 2);
        assertEquals(List.of("j-4", "j-3"), first.jobs().stream().map(JobRecord::id).toList());
        JobPage second = jobs.list("alice", Optional.empty(), first.next(), 2);
        assertEquals(List.of("j-2", "j-1"), second.jobs().stream().map(JobRecord::id).toList());
        JobPage last = jobs.list("alice", Optional.empty(), second.next(), 2);
        assertEquals(List.of("j-0"), last.jobs().stream().map(JobRecord::id).toList());
        assertTrue(last.next().isEmpty());
        assertEquals(List.of("j-0"), jobs.list("alice", Optional.of(JobStatus.PROVISIONING), Optional.empty(), 10)
                .jobs().stream().map(JobRecord::id).toList());
    }

    @Test
    void logsPageInOrder() {
        submitted("j-1", "alice", T0);
        for (int i = 0; i < 7; i++) {
            jobs.log("j-1", 1, T0.plusMillis(i), "line " + i);
        }
        jobs.log("j-other", 1, T0, "not this job's");
        List<String> read = new ArrayList<>();
        long after = 0;
        while (true) {
            JobLogPage page = jobs.logs("j-1", after, 3);
            page.events().stream().map(JobLogEvent::message).forEach(read::add);
            if (page.next().isEmpty()) {
                break;
            }
            after = page.next().getAsLong();
        }
        assertEquals(List.of("line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6"), read);
    }

    @Test
    void outputsComeWithTheCompletionAndExpire() {
        submitted("j-1", "alice", T0);
        JobRecord held = jobs.claim("cp-a", T0, T0.plusSeconds(10), NO_LIMIT).orElseThrow();
        JobOutput png = new JobOutput("j-1", "screenshot.png", "image/png", 1234, "j-1/1/screenshot.png",
                T0.plusSeconds(1), T0.plusSeconds(100));
        assertTrue(jobs.complete("cp-a", 1, held.completed("{}", T0.plusSeconds(1)), List.of(png)));
        assertEquals(List.of(png), jobs.outputs("j-1"));
        assertTrue(jobs.expiredOutputs(T0.plusSeconds(99), 10).isEmpty());
        assertEquals(List.of(png), jobs.expiredOutputs(T0.plusSeconds(101), 10));
        jobs.deleteOutput("j-1", "screenshot.png");
        assertTrue(jobs.outputs("j-1").isEmpty());

        assertTrue(jobs.endedBefore(T0, 10).isEmpty());
        assertEquals(List.of("j-1"), jobs.endedBefore(T0.plusSeconds(2), 10));
        jobs.delete("j-1");
        assertTrue(jobs.find("j-1").isEmpty());
    }

    @Test
    void anEndedJobsWebhookIsDueOnceAndHeldForItsSender() {
        jobs.submit(JobRecord.queued("j-1", "alice", JobType.SCREENSHOT, 3, null, "{}", "http://127.0.0.1:9/hook", T0),
                NO_LIMIT);
        assertTrue(jobs.claimWebhook(T0.plusSeconds(5), T0.plusSeconds(15)).isEmpty(), "not ended yet");
        JobRecord held = jobs.claim("cp-a", T0, T0.plusSeconds(10), NO_LIMIT).orElseThrow();
        jobs.update("cp-a", 1, held.completed("{}", T0.plusSeconds(1)));
        assertEquals("j-1", jobs.claimWebhook(T0.plusSeconds(2), T0.plusSeconds(12)).orElseThrow().id());
        assertTrue(jobs.claimWebhook(T0.plusSeconds(3), T0.plusSeconds(13)).isEmpty(), "held by the first sender");
        jobs.webhookTried("j-1", 1, T0.plusSeconds(4), null);
        assertEquals("j-1", jobs.claimWebhook(T0.plusSeconds(4), T0.plusSeconds(14)).orElseThrow().id());
        jobs.webhookTried("j-1", 2, null, T0.plusSeconds(5));
        assertEquals(2, jobs.webhookAttempts("j-1"));
        assertTrue(jobs.claimWebhook(T0.plusSeconds(100), T0.plusSeconds(110)).isEmpty());
    }
}
