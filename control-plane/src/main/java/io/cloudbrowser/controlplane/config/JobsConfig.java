package io.cloudbrowser.controlplane.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of browser jobs (the {@code jobs} group of {@link Setting}).
 *
 * @param workers           jobs this control plane runs at once (0 = it runs none, it only takes requests)
 * @param maxAttempts       attempts of a job whose sandbox or browser fails before it is dead-lettered
 * @param lease             how long a claimed job stays its worker's without a renewal (renewed every third)
 * @param retryBackoff      the wait before the second attempt; doubled for each further one
 * @param maxUnfinishedPerUser queued and running jobs one user may have; more = 429 job_quota_exceeded
 * @param maxRunningPerUser jobs of one user run at once; the rest wait in the queue
 * @param maxWait           the longest {@code ?wait=} a POST may hold its answer for
 * @param urlTtl            how long an output's signed URL is valid
 * @param outputRetention   outputs are deleted this long after they were made
 * @param jobRetention      job records (with their logs) are deleted this long after they ended
 * @param sweepInterval     how often the retention sweeper runs
 * @param webhookUrlPolicy  the URL policy's allowlist for webhook targets ({@code host[:port]} entries, as
 *                          {@code BROWSERD_URL_POLICY}); empty = public addresses only
 */
public record JobsConfig(int workers, int maxAttempts, Duration lease, Duration retryBackoff, int maxUnfinishedPerUser,
                         int maxRunningPerUser, Duration maxWait, Duration urlTtl, Duration outputRetention,
                         Duration jobRetention, Duration sweepInterval, String webhookUrlPolicy,
                         ArtifactConfig artifacts) {
    public JobsConfig {
        range("jobWorkers", workers, 0, 64);
        range("jobMaxAttempts", maxAttempts, 1, 10);
        atLeast("jobLease", lease, Duration.ofSeconds(1));
        atLeast("jobRetryBackoff", retryBackoff, Duration.ofMillis(1));
        range("maxJobsPerUser", maxUnfinishedPerUser, 1, 1_000_000);
        range("maxRunningJobsPerUser", maxRunningPerUser, 1, 1000);
        atLeast("jobMaxWait", maxWait, Duration.ofSeconds(1));
        atLeast("jobUrlTtl", urlTtl, Duration.ofSeconds(1));
        atLeast("jobOutputRetention", outputRetention, Duration.ofSeconds(1));
        atLeast("jobRetention", jobRetention, Duration.ofSeconds(1));
        atLeast("jobSweepInterval", sweepInterval, Duration.ofMillis(100));
        Objects.requireNonNull(webhookUrlPolicy, "webhookUrlPolicy");
        Objects.requireNonNull(artifacts, "artifacts");
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    private static void atLeast(String name, Duration value, Duration min) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
    }
}
