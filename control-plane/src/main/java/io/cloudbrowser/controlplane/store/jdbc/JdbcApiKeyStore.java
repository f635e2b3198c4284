package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.store.ApiKeyStore;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** {@link ApiKeyStore} in portable SQL. */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private final Jdbc jdbc;

    public JdbcApiKeyStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void add(String keyHash, String userId, Instant createdAt) {
        jdbc.update("INSERT INTO api_keys (key_hash, user_id, created_at) VALUES (?, ?, ?)", s -> {
            s.setString(1, keyHash);
            s.setString(2, userId);
            s.setLong(3, createdAt.toEpochMilli());
        });
    }

    @Override
    public Map<String, String> all() {
        return jdbc.query("SELECT key_hash, user_id FROM api_keys", s -> { },
                        row -> Map.entry(row.getString(1), row.getString(2)))
                .stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
