package io.cloudbrowser.controlplane.sandbox;

import java.util.OptionalInt;

/** Whether a sandbox still runs, and, when it ended, its exit code if the provider knows it. */
public record SandboxState(boolean running, OptionalInt exitCode) {
    public static final SandboxState RUNNING = new SandboxState(true, OptionalInt.empty());

    public static SandboxState exited(OptionalInt exitCode) {
        return new SandboxState(false, exitCode);
    }
}
