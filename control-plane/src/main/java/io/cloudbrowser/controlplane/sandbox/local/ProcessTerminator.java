package io.cloudbrowser.controlplane.sandbox.local;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Ends a process tree without leaving orphans: SIGTERM to the root and a grace period for it to
 * close what it started, then SIGTERM, a short wait and SIGKILL for whatever of the tree is left.
 */
final class ProcessTerminator {
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(2);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final long EXIT_POLL_MILLIS = 20;

    private ProcessTerminator() {
    }

    /**
     * @param root      the process to ask first (may already be gone)
     * @param leftovers finds the rest of the tree now: called again after the root ended, since
     *                  descendants it had are then re-parented and only marks still find them
     */
    static void terminate(ProcessHandle root, Duration grace, Supplier<Collection<ProcessHandle>> leftovers) {
        Set<ProcessHandle> known = new LinkedHashSet<>(root.descendants().toList());
        if (root.isAlive()) {
            root.destroy();
            if (!awaitExit(root, grace)) {
                known.addAll(root.descendants().toList());
                root.destroyForcibly();
                awaitExit(root, KILL_WAIT);
            }
        }
        known.addAll(leftovers.get());
        known.removeIf(p -> !p.isAlive());
        if (known.isEmpty()) {
            return;
        }
        known.forEach(ProcessHandle::destroy);
        known.forEach(p -> awaitExit(p, LEFTOVER_GRACE));
        known.removeIf(p -> !p.isAlive());
        known.forEach(ProcessHandle::destroyForcibly);
        known.forEach(p -> awaitExit(p, KILL_WAIT));
    }

    static void terminateAll(Collection<ProcessHandle> processes) {
        Set<ProcessHandle> alive = new LinkedHashSet<>(processes);
        alive.forEach(ProcessHandle::destroy);
        alive.forEach(p -> awaitExit(p, LEFTOVER_GRACE));
        alive.removeIf(p -> !p.isAlive());
        alive.forEach(ProcessHandle::destroyForcibly);
        alive.forEach(p -> awaitExit(p, KILL_WAIT));
    }

    /**
     * Polls rather than {@link ProcessHandle#onExit()}: for processes that are not our children
     * (adopted, re-parented) the JDK notices an exit only after a growing delay of its own.
     */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(EXIT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }
}
