package io.cloudbrowser.protocol.token;

import java.util.Optional;

/** What a connection may do: {@code controller} sends input and commands, {@code viewer} only watches. */
public enum Role {
    CONTROLLER("controller"),
    VIEWER("viewer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in the token's {@code role} claim and in protocol messages. */
    public String wireName() {
        return wireName;
    }

    /** The role with that exact wire name; empty for anything else (case matters, as on the wire). */
    public static Optional<Role> fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
