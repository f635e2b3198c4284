package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.token.Role;
import java.time.Duration;
import java.util.Set;

/** POST /api/sessions/:id/tokens {@code {role: "viewer"|"controller", ttlSeconds?}}. */
record TokenBody(Role role, Duration ttl) {
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final Set<String> FIELDS = Set.of("role", "ttlSeconds");

    static TokenBody parse(ObjectMapper json, byte[] body, Duration maxTtl) {
        ObjectNode request = JsonFields.object(json, body);
        JsonFields.onlyKnown(request, "", FIELDS);
        String role = JsonFields.string(request, "role", 16).orElseThrow(() ->
                ApiException.field(ErrorCode.INVALID_FIELD, "role", "role is required (viewer or controller)"));
        Role parsed = switch (role) {
            case "viewer" -> Role.VIEWER;
            case "controller" -> Role.CONTROLLER;
            default -> throw JsonFields.invalid("role", "viewer or controller", role);
        };
        Duration ttl = JsonFields.integer(request, "", "ttlSeconds", 1, (int) Math.min(Integer.MAX_VALUE, maxTtl.toSeconds()))
                .stream().mapToObj(Duration::ofSeconds).findFirst().orElse(DEFAULT_TTL);
        return new TokenBody(parsed, ttl);
    }
}
