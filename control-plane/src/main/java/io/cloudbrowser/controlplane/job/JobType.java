package io.cloudbrowser.controlplane.job;

import java.util.Locale;
import java.util.Optional;

/** What a job does: one screenshot of a URL, or a script of WebSocket protocol commands. */
public enum JobType {
    SCREENSHOT,
    SCRIPT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JobType> fromWireName(String text) {
        for (JobType type : values()) {
            if (type.wireName().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
