package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.store.JobStoreContract;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.controlplane.testing.TestPostgres;
import java.util.Optional;

/** The job queue contract on a real PostgreSQL, the database several control planes share. */
class PostgresJobStoreTest extends JobStoreContract {
    @Override
    protected JdbcDatabase openFresh() {
        return JdbcDatabase.open(Optional.of(TestPostgres.freshDatabase()), TestEnvironment.newDataDir("jobs-pg"));
    }
}
