package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.store.JobStoreContract;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.util.Optional;

/** The job queue contract on the default database: the embedded H2 file in the data directory. */
class EmbeddedH2JobStoreTest extends JobStoreContract {
    @Override
    protected JdbcDatabase openFresh() {
        return JdbcDatabase.open(Optional.empty(), TestEnvironment.newDataDir("jobs-h2"));
    }
}
