package io.cloudbrowser.controlplane.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * This control plane among the replicas on one database: its id (on sessions it owns and sandboxes it pooled)
 * and how long its leases last. The id is configured, or kept in the data directory, so a restarted control
 * plane is the same replica and recovers its sessions at once; another replica takes them over only once their
 * leases lapse.
 *
 * @param lease how long a session stays this replica's without a renewal; renewed every reaper pass
 */
public record Replica(String id, Instant startedAt, Duration lease) {
    static final String ID_FILE = "replica-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    public Replica {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lease, "lease");
    }

    /** The configured id, else the one kept in {@code dataDir} (generated on the first start). */
    public static Replica of(Optional<String> configured, Path dataDir, Instant now, Duration lease) {
        return new Replica(configured.orElseGet(() -> kept(dataDir)), now, lease);
    }

    private static String kept(Path dataDir) {
        Path file = dataDir.resolve(ID_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[6];
                RANDOM.nextBytes(bytes);
                Files.writeString(file, "cp-" + HexFormat.of().formatHex(bytes) + "\n");
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the replica id in " + file, e);
        }
    }

    public Instant leaseFrom(Instant now) {
        return now.plus(lease);
    }
}
