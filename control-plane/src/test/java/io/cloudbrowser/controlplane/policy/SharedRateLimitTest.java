package io.cloudbrowser.controlplane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.config.DatabaseConfig;
import io.cloudbrowser.controlplane.store.jdbc.JdbcDatabase;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.controlplane.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A key's rate holds across replicas on PostgreSQL: two replicas together admit one burst, not two. */
class SharedRateLimitTest {
    private static final Path UNUSED = TestEnvironment.newDataDir("rate");

    @Test
    void twoReplicasShareOneBucketPerKey() {
        DatabaseConfig database = TestPostgres.freshDatabase();
        try (JdbcDatabase first = JdbcDatabase.open(Optional.of(database), UNUSED);
             JdbcDatabase second = JdbcDatabase.open(Optional.of(database), UNUSED)) {
            // 1 token a second refills nothing noticeable during the test; the burst is 10.
            List<RateLimiter> replicas = List.of(RateLimiter.shared(first.sharedRateBuckets().orElseThrow(), 1, 10),
                    RateLimiter.shared(second.sharedRateBuckets().orElseThrow(), 1, 10));
            int admitted = 0;
            for (int i = 0; i < 40; i++) {
                admitted += replicas.get(i % 2).tryAcquire("key-1").isEmpty() ? 1 : 0;
            }
            assertTrue(admitted >= 10 && admitted <= 12, "one burst across both, give or take what each had not"
                    + " synced yet: " + admitted);
            assertTrue(replicas.get(0).tryAcquire("key-2").isEmpty(), "another key has a bucket of its own");
        }
    }

    @Test
    void onTheEmbeddedDatabaseBucketsAreLocal() {
        try (JdbcDatabase embedded = JdbcDatabase.open(Optional.empty(), TestEnvironment.newDataDir("rate-h2"))) {
            assertEquals(Optional.empty(), embedded.sharedRateBuckets());
        }
    }
}
