package io.cloudbrowser.controlplane.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where sandboxes run ({@code CP_SANDBOX_PROVIDER}); each kind has its own group of settings. */
public enum SandboxProviderKind {
    /** browserd as a child process of the control plane, on this machine. */
    LOCAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException listing the known kinds */
    public static SandboxProviderKind parse(String text) {
        for (SandboxProviderKind kind : values()) {
            if (kind.wireName().equals(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + text + "' (expected: one of " + known() + ")");
    }

    private static String known() {
        return Arrays.stream(values()).map(SandboxProviderKind::wireName).collect(Collectors.joining(", "));
    }
}
