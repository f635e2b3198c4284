package io.cloudbrowser.controlplane.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.config.DatabaseConfig;
import io.cloudbrowser.controlplane.config.DatabaseUrl;
import io.cloudbrowser.controlplane.store.SessionStoreContract;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract on the default database: the embedded H2 file in the data directory. */
class EmbeddedH2StoreTest extends SessionStoreContract {
    private Path dataDir;

    @Override
    protected JdbcDatabase openFresh() {
        dataDir = TestEnvironment.newDataDir("store");
        return reopen();
    }

    @Override
    protected JdbcDatabase reopen() {
        return JdbcDatabase.open(Optional.empty(), dataDir);
    }

    @Test
    void theEmbeddedFileLivesInTheDataDirectory() {
        try (JdbcDatabase database = openFresh()) {
            assertTrue(database.sessions().ping());
            assertTrue(Files.isRegularFile(dataDir.resolve("db").resolve("control-plane.mv.db")));
        }
    }

    @Test
    void aJdbcUrlNamesAnotherDatabaseAndItIsMigratedToo() {
        Path elsewhere = TestEnvironment.newDataDir("elsewhere").resolve("other");
        DatabaseUrl url = DatabaseUrl.parse("jdbc:h2:file:" + elsewhere + ";WRITE_DELAY=0");
        try (JdbcDatabase database = JdbcDatabase.open(Optional.of(new DatabaseConfig(url, Optional.empty(),
                Optional.empty(), 2)), TestEnvironment.newDataDir("unused"))) {
            assertTrue(database.sessions().ping());
            assertEquals(0, database.sessions().recoverLive("cp-test", java.time.Instant.now()).size());
        }
        assertTrue(Files.isRegularFile(Path.of(elsewhere + ".mv.db")));
    }
}
