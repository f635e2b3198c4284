package io.cloudbrowser.controlplane.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The store's database when it is not the embedded file: its URL and credentials. {@link #toString()} never
 * shows the URL or the password.
 *
 * @param poolSize connections kept open at most
 */
public record DatabaseConfig(DatabaseUrl url, Optional<String> user, Optional<String> password, int poolSize) {
    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("databasePoolSize: " + poolSize + " (expected: 1..1000)");
        }
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + url.kind() + ", user=" + user.orElse("(in the URL)") + ", poolSize=" + poolSize + "]";
    }
}
