package io.cloudbrowser.controlplane.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the store lives ({@code CP_DATABASE_URL}): a JDBC URL of a database the store runs on, PostgreSQL (what
 * several control-plane replicas share) or H2. Absent means the embedded H2 file in the data directory. Never
 * logged as given: it may carry a password.
 */
public record DatabaseUrl(Kind kind, String jdbcUrl) {
    /** The databases the JDBC store runs on. */
    public enum Kind {
        POSTGRESQL("jdbc:postgresql://"),
        H2("jdbc:h2:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public DatabaseUrl {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** @throws IllegalArgumentException saying what is expected (without echoing a URL that may hold a password) */
    public static DatabaseUrl parse(String text) {
        String url = text.trim();
        for (Kind kind : Kind.values()) {
            if (url.toLowerCase(Locale.ROOT).startsWith(kind.prefix()) && url.length() > kind.prefix().length()) {
                return new DatabaseUrl(kind, url);
            }
        }
        throw new IllegalArgumentException("not a supported JDBC URL (expected: empty for the embedded H2 file, or "
                + String.join(" or ", Arrays.stream(Kind.values()).map(k -> k.prefix() + "...").toList()) + ")");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + kind + "]";
    }
}
