package io.cloudbrowser.controlplane.sandbox;

import java.util.Objects;

/**
 * A started browserd, as far as anyone outside its provider needs to know it: where its HTTP port
 * is, and an opaque handle its provider uses to find it again (after a restart too; it is stored).
 *
 * @param id     sandbox id, unique per provider (also names its log file)
 * @param kind   the provider that made it ({@code local}, ...)
 * @param host   address browserd listens on
 * @param port   browserd's HTTP port
 * @param handle provider-specific locator (local: {@code pid:startEpochMillis})
 */
public record Sandbox(String id, String kind, String host, int port, String handle) {
    public Sandbox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(handle, "handle");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
