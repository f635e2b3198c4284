package io.cloudbrowser.controlplane.sandbox.local;

import java.time.Instant;
import java.util.Optional;

/**
 * A local sandbox's stored handle, {@code pid:startEpochMillis}. The start time guards against pid
 * reuse: after a restart we must never signal an unrelated process that got the same pid.
 */
final class LocalHandle {
    /** /proc start times have clock-tick resolution; two readings of one process agree well within this. */
    private static final long START_TOLERANCE_MILLIS = 1000;

    private LocalHandle() {
    }

    static String format(ProcessHandle process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return process.pid() + ":" + start;
    }

    /** The live process the handle names, if it is still the same process. */
    static Optional<ProcessHandle> find(String handle) {
        int colon = handle.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(handle.substring(0, colon));
            start = Long.parseLong(handle.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant()
                        .map(actual -> Math.abs(actual.toEpochMilli() - start) <= START_TOLERANCE_MILLIS)
                        .orElse(false));
    }
}
