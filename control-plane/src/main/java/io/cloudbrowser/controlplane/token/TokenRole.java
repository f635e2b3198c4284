package io.cloudbrowser.controlplane.token;

import java.util.Locale;

/** Roles a session token grants, as browserd reads the {@code role} claim. */
public enum TokenRole {
    /** Frames, input and commands. */
    CONTROLLER,
    /** Frames only. */
    VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenRole fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
