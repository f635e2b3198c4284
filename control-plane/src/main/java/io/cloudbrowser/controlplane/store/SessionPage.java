package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.model.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** One page of a user's sessions, newest first, and where the next page starts. */
public record SessionPage(List<SessionRecord> sessions, Optional<Cursor> next) {
    public SessionPage {
        sessions = List.copyOf(sessions);
    }

    /** Position after which a page starts: sessions older than (createdAt, id). Opaque to clients. */
    public record Cursor(Instant createdAt, String id) {
        public static Cursor after(SessionRecord last) {
            return new Cursor(last.createdAt(), last.id());
        }

        public String encode() {
            String plain = createdAt.toEpochMilli() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the text is not a cursor this class encoded */
        public static Cursor decode(String text) {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon <= 0 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("not a cursor");
            }
            try {
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                        plain.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a cursor");
            }
        }
    }
}
