package io.cloudbrowser.controlplane.server;

import java.util.Map;

/** What GET /health and GET /ready report. */
public interface HealthChecks {
    /** Each component's readiness by name; the server is ready when all are (GET /ready). */
    Map<String, Boolean> readiness();

    /** Counters for GET /health (live sessions, warm pool), for operators and tests. */
    Map<String, Integer> stats();
}
