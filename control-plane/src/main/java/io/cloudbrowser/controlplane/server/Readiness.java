package io.cloudbrowser.controlplane.server;

import java.util.Map;

/** Each component's readiness by name; the server is ready when all are (GET /ready). */
@FunctionalInterface
public interface Readiness {
    Map<String, Boolean> checks();
}
