package io.cloudbrowser.controlplane.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.protocol.BrowserdHealth;
import io.cloudbrowser.protocol.Viewport;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SandboxProvider} must do, whatever runs the sandboxes. A provider's test extends
 * this and supplies the provider, a client and a way to kill a sandbox abruptly (a crash).
 */
public abstract class SandboxProviderContract {
    protected static final Viewport VIEWPORT = new Viewport(1024, 640, 1);
    private static final Duration LONG = Duration.ofMinutes(10);

    /** The provider under test, shared by the tests of a class. */
    protected abstract SandboxProvider provider();

    /** Another instance with the same identity, as after a restart of the control plane. */
    protected abstract SandboxProvider restartedProvider();

    /** A provider whose sandboxes cannot start (misconfigured). */
    protected abstract SandboxProvider brokenProvider();

    protected abstract BrowserdClient browserd();

    /** Ends the sandbox the hard way (SIGKILL, pod deleted), as a crash would. */
    protected abstract void killAbruptly(Sandbox sandbox);

    /** Whether anything of the sandbox (browser, display, helpers) still runs. */
    protected abstract boolean anythingLeft(Sandbox sandbox);

    /** Whether no sandbox of any of these providers runs. */
    protected abstract boolean nothingLeftAtAll();

    private static SandboxSpec sessionSpec(String sessionId) {
        return SandboxSpec.forSession(sessionId, VIEWPORT, LONG, LONG, Optional.empty());
    }

    @Test
    void aSessionSandboxIsHealthyBoundAndCanBeAdoptedThenStopsWithoutLeftovers() throws Exception {
        Sandbox sandbox = provider().create(sessionSpec("s-contract-1"));
        try {
            BrowserdHealth health = browserd().health(sandbox);
            assertTrue(health.isReady());
            assertEquals("s-contract-1", health.sessionId());
            assertEquals(1024, health.viewport().w());
            assertTrue(provider().state(sandbox).running());
            assertEquals(Optional.of(sandbox), restartedProvider().adopt(sandbox, "s-contract-1"));
            assertEquals(Optional.empty(), restartedProvider().adopt(sandbox, "s-someone-else"));
        } finally {
            provider().stop(sandbox);
        }
        assertFalse(provider().state(sandbox).running());
        assertFalse(anythingLeft(sandbox));
        assertThrows(SandboxException.class, () -> browserd().health(sandbox));
        assertEquals(Optional.empty(), restartedProvider().adopt(sandbox, "s-contract-1"));
        provider().stop(sandbox); // idempotent
    }

    @Test
    void aPoolSandboxIsClaimedWithoutARestartAndOnlyOnce() throws Exception {
        Sandbox pooled = provider().create(SandboxSpec.forPool(VIEWPORT, LONG));
        try {
            BrowserdHealth before = browserd().health(pooled);
            assertNull(before.sessionId());
            Sandbox claimed = provider().claim(pooled, SandboxSpec.forSession("s-contract-2",
                    new Viewport(800, 600, 1), LONG, LONG, Optional.empty()), true);
            BrowserdHealth after = browserd().health(claimed);
            assertEquals("s-contract-2", after.sessionId());
            // browserd answers the claim before the resize is done; it follows within moments.
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> browserd().health(claimed).viewport().w() == 800);
            assertEquals(before.startedAt(), after.startedAt(), "same process, not restarted");
            assertEquals(pooled.port(), claimed.port());
            SandboxException again = assertThrows(SandboxException.class,
                    () -> provider().claim(claimed, sessionSpec("s-contract-3"), false));
            assertEquals(SandboxException.Kind.REFUSED, again.kind());
        } finally {
            provider().stop(pooled);
        }
    }

    @Test
    void anAbruptEndIsSeenAndStopStillCleansUp() throws Exception {
        Sandbox sandbox = provider().create(sessionSpec("s-contract-4"));
        killAbruptly(sandbox);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !provider().state(sandbox).running());
        provider().stop(sandbox);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !anythingLeft(sandbox));
    }

    @Test
    void orphansAreReapedUnlessKept() throws Exception {
        Sandbox kept = restartedProvider().create(sessionSpec("s-contract-5"));
        Sandbox orphan = restartedProvider().create(SandboxSpec.forPool(VIEWPORT, LONG));
        try {
            assertEquals(1, provider().reapOrphans(Set.of(kept.id())), "only the sandbox nobody keeps");
            assertFalse(anythingLeft(orphan));
            assertTrue(provider().state(kept).running());
        } finally {
            restartedProvider().stop(kept);
            restartedProvider().stop(orphan);
        }
    }

    @Test
    void aFailedStartIsATypedErrorAndLeavesNothing() {
        SandboxException e = assertThrows(SandboxException.class,
                () -> brokenProvider().create(sessionSpec("s-contract-6")));
        assertTrue(Set.of(SandboxException.Kind.MISCONFIGURED, SandboxException.Kind.EXITED,
                SandboxException.Kind.TIMEOUT).contains(e.kind()), e.kind() + ": " + e.getMessage());
        assertTrue(nothingLeftAtAll(), "the failed sandbox's processes are gone");
    }
}
