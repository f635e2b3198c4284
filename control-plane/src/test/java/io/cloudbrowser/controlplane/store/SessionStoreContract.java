package io.cloudbrowser.controlplane.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.store.jdbc.JdbcDatabase;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.token.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} (and the {@link ApiKeyStore} beside it) must do, run against each database the
 * store supports: a subclass opens a fresh, migrated database as the control plane would.
 */
public abstract class SessionStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Viewport VIEWPORT = new Viewport(1280, 720, 1);
    private static final Sandbox SANDBOX = new Sandbox("sb-1", "local", "127.0.0.1", 4242, "123:456");

    private JdbcDatabase database;
    private SessionStore store;

    /** A fresh, empty database, opened and migrated as the control plane opens it. */
    protected abstract JdbcDatabase openFresh();

    /** The same database as the last {@link #openFresh()}, opened again after it was closed. */
    protected abstract JdbcDatabase reopen();

    @BeforeEach
    void open() {
        database = openFresh();
        store = database.sessions();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static SessionRecord starting(String id, String user, Instant createdAt) {
        return SessionRecord.starting(id, user, VIEWPORT, null, Duration.ofMinutes(5), createdAt, Duration.ofHours(1));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        SessionRecord record = SessionRecord.starting("s-1", "alice", new Viewport(800, 600, 2), "https://example.com/",
                Duration.ofSeconds(90), T0, Duration.ofMinutes(30));
        store.insert(record);
        assertEquals(Optional.of(record), store.find("s-1"));
        SessionRecord ended = record.ready(SANDBOX, T0.plusSeconds(2)).stopping().ended(EndReason.IDLE_TIMEOUT, T0.plusSeconds(99));
        store.update(ended);
        assertEquals(Optional.of(ended), store.find("s-1"));
        assertEquals(SessionStatus.EXPIRED, store.find("s-1").orElseThrow().status());
        assertEquals(Optional.empty(), store.find("s-missing"));
    }

    @Test
    void listsNewestFirstPageByPageAndOnlyTheUsers() {
        for (int i = 0; i < 5; i++) {
            store.insert(starting("s-a" + i, "alice", T0.plusSeconds(i)));
        }
        store.insert(starting("s-b0", "bob", T0.plusSeconds(10)));
        SessionPage first = store.listByUser("alice", Optional.empty(), 2);
        assertEquals(List.of("s-a4", "s-a3"), ids(first));
        SessionPage second = store.listByUser("alice", first.next(), 2);
        assertEquals(List.of("s-a2", "s-a1"), ids(second));
        SessionPage last = store.listByUser("alice", second.next(), 2);
        assertEquals(List.of("s-a0"), ids(last));
        assertEquals(Optional.empty(), last.next());
        String cursor = second.next().orElseThrow().encode();
        assertEquals(second.next(), Optional.of(SessionPage.Cursor.decode(cursor)));
    }

    @Test
    void sameCreationMillisecondStillPagesWithoutLossOrRepeat() {
        store.insert(starting("s-x1", "alice", T0));
        store.insert(starting("s-x2", "alice", T0));
        store.insert(starting("s-x3", "alice", T0));
        SessionPage first = store.listByUser("alice", Optional.empty(), 2);
        SessionPage second = store.listByUser("alice", first.next(), 2);
        assertEquals(List.of("s-x3", "s-x2"), ids(first));
        assertEquals(List.of("s-x1"), ids(second));
    }

    @Test
    void findLiveReturnsStartingReadyAndStoppingOnly() {
        store.insert(starting("s-starting", "alice", T0));
        store.insert(starting("s-ready", "alice", T0).ready(SANDBOX, T0));
        store.insert(starting("s-stopping", "alice", T0).ready(SANDBOX, T0).stopping());
        store.insert(starting("s-stopped", "alice", T0).ended(EndReason.DELETED, T0));
        assertEquals(List.of("s-ready", "s-starting", "s-stopping"),
                store.findLive().stream().map(SessionRecord::id).sorted().toList());
    }

    @Test
    void tokensAreRevokedOnce() {
        store.insert(starting("s-1", "alice", T0));
        store.insertToken(new TokenRecord("j1", "s-1", Role.VIEWER, T0, T0.plusSeconds(60), null));
        TokenRecord revoked = store.revokeToken("j1", T0.plusSeconds(5)).orElseThrow();
        assertEquals(T0.plusSeconds(5), revoked.revokedAt());
        assertEquals(T0.plusSeconds(5), store.revokeToken("j1", T0.plusSeconds(9)).orElseThrow().revokedAt());
        assertEquals(Optional.empty(), store.revokeToken("nope", T0));
    }

    @Test
    void aSessionAndItsFirstTokenAreStoredTogetherOrNotAtAll() {
        SessionRecord ready = starting("s-1", "alice", T0).ready(SANDBOX, T0.plusSeconds(1));
        store.insert(starting("s-1", "alice", T0));
        store.updateWithToken(ready, new TokenRecord("j1", "s-1", Role.CONTROLLER, T0, T0.plusSeconds(60), null));
        assertEquals(Optional.of(ready), store.find("s-1"));
        assertTrue(store.findToken("j1").isPresent());
        SessionRecord unknown = starting("s-unknown", "alice", T0);
        assertThrows(StoreException.class, () -> store.updateWithToken(unknown,
                new TokenRecord("j2", "s-1", Role.CONTROLLER, T0, T0.plusSeconds(60), null)));
        assertEquals(Optional.empty(), store.findToken("j2"), "rolled back with the failed update");
        SessionRecord atOnce = starting("s-2", "alice", T0).ready(SANDBOX, T0);
        store.insertWithToken(atOnce, new TokenRecord("j3", "s-2", Role.CONTROLLER, T0, T0.plusSeconds(60), null));
        assertEquals(Optional.of(atOnce), store.find("s-2"));
        assertThrows(StoreException.class, () -> store.insertWithToken(atOnce,
                new TokenRecord("j4", "s-2", Role.CONTROLLER, T0, T0.plusSeconds(60), null)));
        assertEquals(Optional.empty(), store.findToken("j4"), "rolled back with the failed insert");
    }

    @Test
    void constraintViolationsAreStoreExceptions() {
        store.insert(starting("s-1", "alice", T0));
        assertThrows(StoreException.class, () -> store.insert(starting("s-1", "alice", T0)));
        assertThrows(StoreException.class, () -> store.insertToken(
                new TokenRecord("j1", "s-unknown", Role.VIEWER, T0, T0, null)));
    }

    @Test
    void dataSurvivesClosingAndReopening() {
        store.insert(starting("s-1", "alice", T0));
        database.apiKeys().add("hash", "alice", T0);
        database.close();
        database = reopen();
        store = database.sessions();
        assertTrue(store.find("s-1").isPresent());
        assertEquals(Map.of("hash", "alice"), database.apiKeys().all());
        assertTrue(store.ping());
    }

    private static List<String> ids(SessionPage page) {
        return page.sessions().stream().map(SessionRecord::id).toList();
    }
}
