package io.cloudbrowser.controlplane.sandbox;

import io.cloudbrowser.controlplane.config.Config;
import io.cloudbrowser.controlplane.sandbox.local.LocalSandboxProvider;

/** The {@link SandboxProvider} that {@code CP_SANDBOX_PROVIDER} names, built from its group of settings. */
public final class SandboxProviders {
    private SandboxProviders() {
    }

    public static SandboxProvider create(Config config, SandboxContext context) {
        return switch (config.sandboxProvider()) {
            case LOCAL -> LocalSandboxProvider.create(config, context);
        };
    }
}
