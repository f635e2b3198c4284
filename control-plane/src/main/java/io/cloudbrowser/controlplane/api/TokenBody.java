package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.server.ApiException;
import io.cloudbrowser.controlplane.server.ErrorCode;
import io.cloudbrowser.controlplane.token.TokenRole;
import java.time.Duration;
import java.util.Set;

/** POST /api/sessions/:id/tokens {@code {role: "viewer"|"controller", ttlSeconds?}}. */
record TokenBody(TokenRole role, Duration ttl) {
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final Set<String> FIELDS = Set.of("role", "ttlSeconds");

    static TokenBody parse(ObjectMapper json, byte[] body, Duration maxTtl) {
        ObjectNode request = JsonFields.object(json, body);
        JsonFields.onlyKnown(request, "", FIELDS);
        String role = JsonFields.string(request, "role", 16).orElseThrow(() ->
                ApiException.field(ErrorCode.INVALID_FIELD, "role", "role is required (viewer or controller)"));
        TokenRole parsed = switch (role) {
            case "viewer" -> TokenRole.VIEWER;
            case "controller" -> TokenRole.CONTROLLER;
            default -> throw JsonFields.invalid("role", "viewer or controller", role);
        };
        Duration ttl = JsonFields.integer(request, "", "ttlSeconds", 1, (int) Math.min(Integer.MAX_VALUE, maxTtl.toSeconds()))
                .stream().mapToObj(Duration::ofSeconds).findFirst().orElse(DEFAULT_TTL);
        return new TokenBody(parsed, ttl);
    }
}
